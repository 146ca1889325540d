// The pipeline's own broker, when no PACT_BROKER_BASE_URL is given: the broker started exactly as
// `npm run broker` and `npm start` start it (startBrokerServer: HTTP server and webhook worker), on a
// database of its own, on a free loopback port. The database is on a throw-away embedded PostgreSQL
// (or on DATABASE_URL's server, dropped afterwards); the provider verification makes its database on
// the same server, so a run starts one cluster at most. Everything stops with the process's shutdown
// (common/process/shutdown.ts: `runShutdown()`, or Ctrl-C), in order.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadBrokerConfig } from '../../broker/config.ts';
import { createBrokerLogger } from '../../broker/logger.ts';
import { startBrokerServer } from '../../broker/server.ts';
import { withDatabase } from '../../db/connection-url.ts';
import { dropDatabase } from '../../db/databases.ts';
import { openDatabase } from '../../db/open-database.ts';
import { startPostgres, type PostgresServer } from '../../db/postgres-server.ts';
import { onShutdown } from '../../common/process/shutdown.ts';

export interface OwnBroker {
  url: string;
  /** The server its database is on, for the verification's database too. */
  postgres: PostgresServer;
  description: string;
}

/** Waits (at most `timeoutMs`) until no session is connected to the database. */
async function sessionsEnded(serverUrl: string, database: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [database],
      );
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

export async function startOwnBroker(log: (line: string) => void = () => undefined): Promise<OwnBroker> {
  const postgres = await startPostgres({ instance: 'test', name: 'pipeline', log });
  const name = `pipeline_broker_${process.pid}_${randomBytes(4).toString('hex')}`;
  // Runs after the broker's own shutdown steps (last-registered first; it registers them below): its
  // clients' connections close just after their pools say they have (the webhook queue's too), and a
  // PostgreSQL stopped or a database dropped under them would make them log errors. Then a throw-away
  // cluster goes as a whole, and on DATABASE_URL's server the database is dropped.
  onShutdown('pipeline broker database', async () => {
    await sessionsEnded(postgres.serverUrl, name, 2000);
    if (!postgres.owned) await dropDatabase(postgres.serverUrl, name);
  });
  const database = await openDatabase('broker', {
    server: postgres,
    env: { BROKER_DATABASE_URL: postgres.urlFor(name) },
    log,
  });
  // Its request log stays quiet so that the pipeline's progress reads clearly (it logs a 404 as a
  // warning, and the CLI's create-or-update asks for a pacticipant before it exists); errors show.
  const config = loadBrokerConfig({ BROKER_PORT: '0', BROKER_HOST: '127.0.0.1', BROKER_LOG_LEVEL: 'error' });
  const server = await startBrokerServer(database.url, config, createBrokerLogger(config.logLevel));
  return { url: server.url, postgres, description: `its own, on database ${name}, ${postgres.description}` };
}
