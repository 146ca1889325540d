// Holds an exclusive lock on a table from a connection of its own, so that statements touching the table
// wait: a database that is alive but cannot serve a request in time (the server's statement timeout
// still fires, unlike a frozen server's).
import pg from 'pg';
import { databaseOf } from '../connection-url.ts';

export class TableLock {
  private client: pg.Client | undefined;

  constructor(private readonly databaseUrl: string) {}

  async lock(table: string): Promise<void> {
    this.client = new pg.Client({ connectionString: this.databaseUrl });
    await this.client.connect();
    await this.client.query('BEGIN');
    await this.client.query(`LOCK TABLE "${table.replaceAll('"', '""')}" IN ACCESS EXCLUSIVE MODE`);
  }

  /** Resolves once `count` other sessions of the database wait for a lock (polls pg_stat_activity). */
  async waiters(count: number, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      // Inside the lock's transaction pg_stat_activity is read once and cached: drop that snapshot.
      await this.client!.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await this.client!.query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
        [databaseOf(this.databaseUrl)],
      );
      if (rows[0]!.waiting >= count) return;
      if (Date.now() - started > timeoutMs) throw new Error(`fewer than ${count} sessions waited for the lock`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}
