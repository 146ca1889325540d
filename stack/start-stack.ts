// The whole system in one process: PostgreSQL (embedded, or DATABASE_URL's server), the broker, the
// backend and the router, each started by its own server module exactly as when run alone. Used by
// `npm start` and by the contract pipeline when it needs a broker of its own.
import { createLogger } from '../common/logger.ts';
import { explainPort, type RunningServer } from '../common/http/listen.ts';
import { openDatabase } from '../db/open-database.ts';
import { startPostgres, type PostgresServer } from '../db/postgres-server.ts';
import { loadBrokerConfig } from '../broker/config.ts';
import { withoutClientVariables } from '../broker/reference-aliases.ts';
import { startBrokerServer } from '../broker/server.ts';
import { loadBackendConfig } from '../provider/config.ts';
import { startBackendServer } from '../provider/server.ts';
import { loadRouterConfig } from '../consumer/config.ts';
import { startRouterServer } from '../consumer/server.ts';

export type StackService = 'broker' | 'backend' | 'router';

export interface RunningStack {
  postgres: PostgresServer;
  urls: Record<StackService, string>;
  databases: { backend: string; broker: string };
  servers: Record<StackService, RunningServer>;
}

export interface StackOptions {
  /** Defaults to process.env. Ports: BROKER_PORT (9292), BACKEND_PORT (59002), ROUTER_PORT (59000). */
  env?: NodeJS.ProcessEnv;
  /** A server the caller already started; otherwise the embedded dev cluster or DATABASE_URL's server. */
  postgres?: PostgresServer;
  log?: (line: string) => void;
}

/** A port the service cannot have, said with the stack's variable for it. */
function rethrowExplained(service: string, portVariable: string): (error: unknown) => never {
  return (error) => {
    throw explainPort(error, service, portVariable);
  };
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const postgres = options.postgres ?? (await startPostgres({ instance: 'dev', databaseUrl: env.DATABASE_URL, log }));
  log(`database server: ${postgres.description}`);

  // Each service reads its own variables; the stack maps its per-service ports onto them. The shell that
  // runs the stack usually also runs the Pact CLI, whose PACT_BROKER_BASE_URL may name another broker:
  // here it is not read as this broker's base URL (BROKER_BASE_URL still is).
  const brokerConfig = loadBrokerConfig(withoutClientVariables(env));

  // Both databases are created and migrated at once (two `prisma migrate deploy` runs).
  const [backendDb, brokerDb] = await Promise.all([
    openDatabase('backend', { server: postgres, env, log }),
    openDatabase('broker', {
      server: postgres,
      env: brokerConfig.databaseUrl ? { ...env, BROKER_DATABASE_URL: brokerConfig.databaseUrl } : env,
      log,
    }),
  ]);

  const broker = await startBrokerServer(
    brokerDb.url,
    brokerConfig,
    createLogger('pact-broker', brokerConfig.logLevel),
  ).catch(rethrowExplained('the broker', 'BROKER_PORT'));

  const backendConfig = loadBackendConfig({
    ...env,
    PORT: env.BACKEND_PORT ?? '59002',
    HOST: env.BACKEND_HOST ?? env.HOST,
  });
  const backend = await startBackendServer(
    backendDb.url,
    backendConfig,
    createLogger('autofighter-backend', backendConfig.logLevel),
  ).catch(rethrowExplained('the backend', 'BACKEND_PORT'));

  const routerConfig = loadRouterConfig({
    ...env,
    PORT: env.ROUTER_PORT ?? '59000',
    HOST: env.ROUTER_HOST ?? env.HOST,
    BACKEND_URL: env.BACKEND_URL ?? backend.url,
  });
  const router = await startRouterServer(routerConfig, createLogger('autofighter-router', routerConfig.logLevel)).catch(
    rethrowExplained('the router', 'ROUTER_PORT'),
  );

  return {
    postgres,
    urls: { broker: broker.url, backend: backend.url, router: router.url },
    databases: { backend: backendDb.url, broker: brokerDb.url },
    servers: { broker, backend, router },
  };
}
