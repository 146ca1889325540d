#!/usr/bin/env node
// Executable that Prisma's CLI spawns in place of the native `schema-engine` binary (see engine.ts).
import { tsImport } from 'tsx/esm/api';

await tsImport('./engine.ts', import.meta.url);
