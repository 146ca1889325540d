// Mocha global fixtures (main process, once per run): a PostgreSQL server for the tests (a throw-away
// embedded cluster, or DATABASE_URL's server), and for each database kind a template database with
// every migration applied (migration-scripts.ts). Each worker then copies the templates (test-databases.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../databases.ts';
import { DATABASE_KINDS, type DatabaseKind } from '../database-kinds.ts';
import { startPostgres, type PostgresServer } from '../postgres-server.ts';
import { projectRoot } from '../../common/project-root.ts';
import { runShutdown } from '../../common/process/shutdown.ts';
import { disposeProcessResources, inMochaWorker } from './process-resources.ts';
import { applyMigrationScripts } from './migration-scripts.ts';
import { prepareTemplate } from './template-data.ts';
import { TEST_PREFIX_VARIABLE, TEST_SERVER_URL_VARIABLE, templateName } from './test-server.ts';

// pact-core would otherwise try to send usage metrics; workers inherit the environment.
process.env.PACT_DO_NOT_TRACK ??= 'true';

let server: PostgresServer | undefined;
let prefix: string | undefined;

/** Kinds whose Prisma config exists in this checkout. */
export function availableKinds(): DatabaseKind[] {
  return (Object.keys(DATABASE_KINDS) as DatabaseKind[]).filter((kind) =>
    existsSync(join(projectRoot, DATABASE_KINDS[kind].prismaConfig)),
  );
}

export async function mochaGlobalSetup(): Promise<void> {
  const started = performance.now();
  server = await startPostgres({ instance: 'test' });
  prefix = `test_${process.pid}`;
  await Promise.all(
    availableKinds().map(async (kind) => {
      const name = templateName(prefix!, kind);
      await createDatabase(server!.serverUrl, name);
      const url = server!.urlFor(name);
      await applyMigrationScripts(kind, url); // as `prisma migrate deploy` would, a tenth of the time
      await prepareTemplate(kind, url);
    }),
  );
  process.env[TEST_SERVER_URL_VARIABLE] = server.serverUrl;
  process.env[TEST_PREFIX_VARIABLE] = prefix;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`test databases ready in ${seconds} s on ${server.description}\n`);
}

/** Root hooks (loaded in every test process, workers included). */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (!inMochaWorker()) await disposeProcessResources();
  },
};

export async function mochaGlobalTeardown(): Promise<void> {
  if (server && prefix && !server.owned) await dropTestDatabases(server.serverUrl, prefix);
  await server?.stop();
  await runShutdown();
}

/** On a server we do not own (DATABASE_URL), every database this run created goes. */
async function dropTestDatabases(serverUrl: string, runPrefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE $1 || '\\_%'",
    [runPrefix],
  );
  await client.end();
  for (const { datname } of rows) await dropDatabase(serverUrl, datname);
}
