// Prisma's driver adapter over our bounded pool (database-pool.ts), for the backend's and the broker's
// clients alike: each service passes its own settings, the rest default to DEFAULT_POOL_SETTINGS.
import { PrismaPg } from '@prisma/adapter-pg';
import { DatabasePool, DEFAULT_POOL_SETTINGS, type DatabasePoolSettings } from './database-pool.ts';

export function pooledAdapter(databaseUrl: string, settings: Partial<DatabasePoolSettings> = {}): PrismaPg {
  const pool = new DatabasePool(databaseUrl, { ...DEFAULT_POOL_SETTINGS, ...definedOnly(settings) });
  // The adapter ends the pool with the client ($disconnect), as it would a pool of its own.
  return new PrismaPg(pool, { disposeExternalPool: true });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
