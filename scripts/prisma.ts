// `npm run prisma -- <prisma args> [--broker]`: Prisma's CLI against the dev database of the backend (or,
// with --broker, the broker), starting the embedded PostgreSQL when DATABASE_URL is not set.
// Example: npm run prisma -- migrate dev --name add_column
import { spawnSync } from 'node:child_process';
import { createDatabase } from '../db/databases.ts';
import { databaseOf } from '../db/connection-url.ts';
import { DATABASE_KINDS } from '../db/database-kinds.ts';
import { prismaCli } from '../db/migrate.ts';
import { projectRoot } from '../common/project-root.ts';
import { startPostgres } from '../db/postgres-server.ts';
import { exitAfterStartupFailure, runShutdown } from '../common/process/shutdown.ts';

const args = process.argv.slice(2);
const kind = args.includes('--broker') ? 'broker' : 'backend';
const prismaArgs = args.filter((arg) => arg !== '--broker');
const info = DATABASE_KINDS[kind];

const server = await startPostgres({ instance: 'dev' }).catch((error: unknown) =>
  exitAfterStartupFailure('npm run prisma: no database server', error),
);
const url = process.env[info.urlVariable] ?? server.urlFor(info.defaultName);
await createDatabase(server.serverUrl, databaseOf(url)!);
const result = spawnSync(process.execPath, [prismaCli, ...prismaArgs, '--config', info.prismaConfig], {
  cwd: projectRoot,
  stdio: 'inherit',
  env: { ...process.env, [info.urlVariable]: url },
});
await runShutdown();
process.exit(result.status ?? 1);
