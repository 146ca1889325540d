// The backend's Prisma client, over node-postgres through the driver adapter. Created by whoever owns
// the process (server.ts, tests, tools) and passed in: nothing creates one at import time.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/backend-client/client.ts';

export type { PrismaClient } from '../generated/backend-client/client.ts';

export interface PrismaClientOptions {
  /** Connections in the pool (node-postgres default: 10). */
  poolSize?: number;
}

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
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
