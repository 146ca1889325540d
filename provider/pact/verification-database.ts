// A database of its own for a verification run outside mocha (`npm run verify:provider`, the
// benchmark): verification empties its database between interactions, so it never gets one anybody
// uses. On DATABASE_URL's server a new `verify_<pid>_<random>` database is created and dropped
// afterwards (the database DATABASE_URL names is not touched; the random part keeps CI jobs that share
// the server apart, containers often having the same pids); without DATABASE_URL a throw-away embedded
// PostgreSQL runs for the duration, as in the tests.
import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase } from '../../db/databases.ts';
import { migrateDeploy } from '../../db/migrate.ts';
import { startPostgres, type PostgresServer } from '../../db/postgres-server.ts';
import { seedGachaCatalog } from '../gacha/catalog.ts';
import { createPrismaClient } from '../prisma-client.ts';

export interface VerificationDatabase {
  url: string;
  /** Where it lives, for people. */
  description: string;
  close(): Promise<void>;
}

export interface VerificationDatabaseOptions {
  /** A server the caller runs (the contract pipeline's own): the database is made there, and dropped after. */
  server?: PostgresServer;
}

export async function openVerificationDatabase({
  server: given,
}: VerificationDatabaseOptions = {}): Promise<VerificationDatabase> {
  const server = given ?? (await startPostgres({ instance: 'test' }));
  // A throw-away cluster of our own goes as a whole; on anybody else's server the database is dropped.
  const dropAfter = given !== undefined || !server.owned;
  const stopServer = async () => {
    if (!given) await server.stop();
  };
  const name = `verify_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await createDatabase(server.serverUrl, name);
    const url = server.urlFor(name);
    await migrateDeploy('backend', url);
    const prisma = createPrismaClient(url, { poolSize: 1 });
    await seedGachaCatalog(prisma).finally(() => prisma.$disconnect());
    return {
      url,
      description: `database ${name} on ${server.description}`,
      close: async () => {
        if (dropAfter) await dropDatabase(server.serverUrl, name);
        await stopServer();
      },
    };
  } catch (error) {
    if (dropAfter) await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await stopServer();
    throw error;
  }
}
