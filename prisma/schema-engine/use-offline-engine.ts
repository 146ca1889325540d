// Prisma's CLI downloads a native schema engine from Prisma's own binaries host on `generate` and every
// `migrate`/`db` command, and that host is unreachable wherever only the npm registry is. We point the
// CLI at bin.mjs, a stand-in that runs the same engine compiled to WebAssembly (an npm package).
// A user who has a native engine can still set PRISMA_SCHEMA_ENGINE_BINARY themselves.
import { fileURLToPath } from 'node:url';

export function useOfflineSchemaEngine(): void {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./bin.mjs', import.meta.url));
}
