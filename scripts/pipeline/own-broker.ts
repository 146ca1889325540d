// The pipeline's own broker, when no PACT_BROKER_BASE_URL is given: the broker started exactly as
// `npm run broker` and `npm start` start it (startBrokerServer: HTTP server and webhook worker), on a
// database of its own, on a free loopback port. The database is on a throw-away embedded PostgreSQL
// (or on DATABASE_URL's server, dropped afterwards); the provider verification makes its database on
// the same server, so a run starts one cluster at most. Everything stops with the process's shutdown
// (db/shutdown.ts: `runShutdown()`, or Ctrl-C), in order.
import { randomBytes } from 'node:crypto';
import { loadBrokerConfig } from '../../broker/config.ts';
import { createBrokerLogger } from '../../broker/logger.ts';
import { startBrokerServer } from '../../broker/server.ts';
import { dropDatabase } from '../../db/databases.ts';
import { openDatabase } from '../../db/open-database.ts';
import { startPostgres, type PostgresServer } from '../../db/postgres-server.ts';
import { onShutdown } from '../../db/shutdown.ts';

export interface OwnBroker {
  url: string;
  /** The server its database is on, for the verification's database too. */
  postgres: PostgresServer;
  description: string;
}

export async function startOwnBroker(log: (line: string) => void = () => undefined): Promise<OwnBroker> {
  const postgres = await startPostgres({ instance: 'test', name: 'pipeline', log });
  const name = `pipeline_broker_${process.pid}_${randomBytes(4).toString('hex')}`;
  // A throw-away cluster goes as a whole; on DATABASE_URL's server the database is dropped, after the
  // broker has stopped (steps run last-registered first, and the broker registers its own below).
  if (!postgres.owned) onShutdown('pipeline broker database', () => dropDatabase(postgres.serverUrl, name));
  const database = await openDatabase('broker', { server: postgres, env: { BROKER_DATABASE_URL: postgres.urlFor(name) }, log });
  // Its request log stays quiet so that the pipeline's progress reads clearly (it logs a 404 as a
  // warning, and the CLI's create-or-update asks for a pacticipant before it exists); errors show.
  const config = loadBrokerConfig({ BROKER_PORT: '0', BROKER_HOST: '127.0.0.1', BROKER_LOG_LEVEL: 'error' });
  const server = await startBrokerServer(database.url, config, createBrokerLogger(config.logLevel));
  return { url: server.url, postgres, description: `its own, on database ${name}, ${postgres.description}` };
}
