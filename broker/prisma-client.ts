// The broker's Prisma client, over node-postgres through the driver adapter, on the shared bounded pool
// (db/database-pool.ts): a request never waits long for a connection or a statement, and a database
// that cannot serve it in time is a 503 (http/error-handler.ts). Whoever owns the process (server.ts,
// tests, the benchmark) creates it and passes it in: nothing creates one at import time.
import { PrismaClient } from '../generated/broker-client/client.ts';
import type { DatabasePoolSettings } from '../db/database-pool.ts';
import { pooledAdapter } from '../db/pooled-adapter.ts';
import { BROKER_STATEMENT_TIMEOUT_MS } from './config.ts';

export type { PrismaClient } from '../generated/broker-client/client.ts';
export { Prisma } from '../generated/broker-client/client.ts';

/** The pool's settings (BrokerConfig.database); each defaults to the broker's defaults. */
export type BrokerPrismaOptions = Partial<DatabasePoolSettings>;

export function createBrokerPrismaClient(databaseUrl: string, options: BrokerPrismaOptions = {}): PrismaClient {
  const adapter = pooledAdapter(databaseUrl, {
    ...options,
    statementTimeoutMs: options.statementTimeoutMs ?? BROKER_STATEMENT_TIMEOUT_MS,
  });
  // 'minimal': the default 'pretty' format reads the calling source file to draw a code frame on every
  // error (tens of ms), for messages that are only logged.
  return new PrismaClient({ adapter, errorFormat: 'minimal' });
}
