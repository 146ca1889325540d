// Applies committed migrations with Prisma's own `migrate deploy` (through the offline schema engine),
// so the database's _prisma_migrations table is exactly what Prisma expects.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runShowingLines, type CommandResult } from '../common/process/run-command.ts';
import { projectRoot } from '../common/project-root.ts';
import type { DatabaseKind } from './database-kinds.ts';
import { DATABASE_KINDS } from './database-kinds.ts';

/** Prisma's CLI entry point, run with this Node. */
export const prismaCli = join(
  dirname(createRequire(import.meta.url).resolve('prisma/package.json')),
  'build',
  'index.js',
);

export type PrismaRun = CommandResult;

/** Runs the Prisma CLI for one of the project's databases; `url` becomes that schema's URL variable. */
export function runPrisma(kind: DatabaseKind, url: string, args: string[]): Promise<PrismaRun> {
  const { prismaConfig, urlVariable } = DATABASE_KINDS[kind];
  return runShowingLines(process.execPath, [prismaCli, ...args, '--config', prismaConfig], {
    cwd: projectRoot,
    env: { ...process.env, [urlVariable]: url, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
}

export async function migrateDeploy(kind: DatabaseKind, url: string): Promise<void> {
  const result = await runPrisma(kind, url, ['migrate', 'deploy']);
  if (result.code !== 0) throw new Error(`prisma migrate deploy failed for the ${kind} database:\n${result.output}`);
}
