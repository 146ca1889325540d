// The backend's Prisma client, over node-postgres through the driver adapter. Created by whoever owns
// the process (server.ts, tests, tools) and passed in: nothing creates one at import time.
import { PrismaClient } from '../generated/backend-client/client.ts';
import type { DatabasePoolSettings } from '../db/database-pool.ts';
import { pooledAdapter } from '../db/pooled-adapter.ts';

export type { PrismaClient } from '../generated/backend-client/client.ts';

/** The pool's settings (db/database-pool.ts); each defaults to DEFAULT_POOL_SETTINGS. */
export type PrismaClientOptions = Partial<DatabasePoolSettings>;

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  // 'minimal': the default 'pretty' format reads the calling source file to draw a code frame on every
  // error (tens of ms), for messages that are only logged.
  return new PrismaClient({ adapter: pooledAdapter(databaseUrl, options), errorFormat: 'minimal' });
}
