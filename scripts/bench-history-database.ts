// The broker benchmarks' own database: made afresh on the given PostgreSQL server, migrated, and filled
// with a history of broker/bench/seed-history.ts. Shared by bench:broker and bench:clean.
import pg from 'pg';
import { createDatabase, dropDatabase } from '../db/databases.ts';
import { migrateDeploy } from '../db/migrate.ts';
import type { PostgresServer } from '../db/postgres-server.ts';
import { seedHistory, type HistoryShape } from '../broker/bench/seed-history.ts';

/** Creates database `name` with the history of `shape`, prints what it wrote, and returns its URL. */
export async function historyDatabase(
  server: PostgresServer,
  name: string,
  shape: HistoryShape,
  out: (line: string) => void,
): Promise<string> {
  await dropDatabase(server.serverUrl, name);
  await createDatabase(server.serverUrl, name);
  const url = server.urlFor(name);
  out(`database ${name} on ${server.description}`);
  await migrateDeploy('broker', url);

  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = await seedHistory(client, shape).finally(() => client.end());
  out(
    `history written in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ')}`,
  );
  return url;
}
