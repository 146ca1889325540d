// The broker's Prisma client, over node-postgres through the driver adapter. Whoever owns the process
// (server.ts, tests, the benchmark) creates it and passes it in: nothing creates one at import time.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/broker-client/client.ts';

export type { PrismaClient } from '../generated/broker-client/client.ts';
export { Prisma } from '../generated/broker-client/client.ts';

export interface BrokerPrismaOptions {
  /** Connections in the pool (node-postgres default: 10). */
  poolSize?: number;
}

export function createBrokerPrismaClient(databaseUrl: string, options: BrokerPrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // Without a timeout a request waits forever for a connection when the server is unreachable.
    connectionTimeoutMillis: 2000,
  });
  // 'minimal': the default 'pretty' format reads the calling source file to draw a code frame on every
  // error (tens of ms), for messages that are only logged.
  return new PrismaClient({ adapter, errorFormat: 'minimal' });
}
