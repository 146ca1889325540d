// The backend's Prisma client, over node-postgres through the driver adapter. Created by whoever owns
// the process (server.ts, tests, tools) and passed in: nothing creates one at import time.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/backend-client/client.ts';
import { DatabasePool, DEFAULT_POOL_SETTINGS, type DatabasePoolSettings } from './database/database-pool.ts';

export type { PrismaClient } from '../generated/backend-client/client.ts';

/** The pool's settings (database/database-pool.ts); each defaults to DEFAULT_POOL_SETTINGS. */
export type PrismaClientOptions = Partial<DatabasePoolSettings>;

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const pool = new DatabasePool(databaseUrl, { ...DEFAULT_POOL_SETTINGS, ...definedOnly(options) });
  // The adapter ends the pool with the client ($disconnect), as it would a pool of its own.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // 'minimal': the default 'pretty' format reads the calling source file to draw a code frame on every
  // error (tens of ms), for messages that are only logged.
  return new PrismaClient({ adapter, errorFormat: 'minimal' });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
