// A test process's handle on one test database: a Prisma client and a resetter, created once per
// database and process and shared by every spec file that uses it (closed at the end of the run).
import pg from 'pg';
import type { DatabaseKind } from '../database-kinds.ts';
import { processResource } from './process-resources.ts';
import { DatabaseResetter } from './reset.ts';
import { templateDataOf } from './template-data.ts';

export interface SharedTestDatabase<Client> {
  prisma: Client;
  /** A one-connection pool for the test's own SQL (resets, extra clean-up). */
  pool: pg.Pool;
  /** Empties every table of the public schema but the kind's reference tables. */
  reset(): Promise<void>;
}

export function sharedTestDatabase<Client extends { $disconnect(): Promise<void> }>(
  kind: DatabaseKind,
  databaseUrl: string,
  createClient: (url: string) => Client,
): Promise<SharedTestDatabase<Client>> {
  return processResource(
    `${kind}:${databaseUrl}`,
    async () => {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      pool.on('error', () => undefined); // an idle connection cut by a test (database outage drills) is replaced
      const resetter = new DatabaseResetter(pool, templateDataOf(kind).referenceTables);
      return { prisma: createClient(databaseUrl), pool, reset: () => resetter.reset() };
    },
    async ({ prisma, pool }) => {
      await prisma.$disconnect();
      await pool.end();
    },
  );
}
