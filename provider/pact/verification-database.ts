// A database of its own for a verification run outside mocha (`npm run verify:provider`, the
// benchmark): verification empties its database between interactions, so it never gets one anybody
// uses. On DATABASE_URL's server a new `verify_<pid>_<random>` database is created and dropped
// afterwards (the database DATABASE_URL names is not touched; the random part keeps CI jobs that share
// the server apart, containers often having the same pids); without DATABASE_URL a throw-away embedded
// PostgreSQL runs for the duration, as in the tests.
import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase } from '../../db/databases.ts';
import { migrateDeploy } from '../../db/migrate.ts';
import { startPostgres } from '../../db/postgres-server.ts';
import { seedGachaCatalog } from '../gacha/catalog.ts';
import { createPrismaClient } from '../prisma-client.ts';

export interface VerificationDatabase {
  url: string;
  /** Where it lives, for people. */
  description: string;
  close(): Promise<void>;
}

export async function openVerificationDatabase(): Promise<VerificationDatabase> {
  const server = await startPostgres({ instance: 'test' });
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
        if (!server.owned) await dropDatabase(server.serverUrl, name);
        await server.stop();
      },
    };
  } catch (error) {
    if (!server.owned) await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
    throw error;
  }
}
