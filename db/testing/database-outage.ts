// Cuts one test database off (no new connections, existing ones terminated) and restores it: an outage
// of the database as the app sees it, without stopping the server other tests share.
import pg from 'pg';
import { databaseOf, withDatabase } from '../connection-url.ts';

export class DatabaseOutage {
  private readonly name: string;
  private readonly adminUrl: string;
  private admin: pg.Client | undefined;

  constructor(databaseUrl: string) {
    this.name = databaseOf(databaseUrl)!;
    this.adminUrl = withDatabase(databaseUrl, 'postgres');
  }

  private async client(): Promise<pg.Client> {
    if (!this.admin) {
      this.admin = new pg.Client({ connectionString: this.adminUrl });
      await this.admin.connect();
    }
    return this.admin;
  }

  async cutOff(): Promise<void> {
    const admin = await this.client();
    await admin.query(`ALTER DATABASE "${this.name}" ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [this.name]);
    // pg_terminate_backend only signals: wait until the connections are gone, or a query sent on one in
    // the meantime (a busy machine is slow to schedule the terminated backends) would still be answered.
    for (let waited = 0; waited < 5_000; waited += 20) {
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
        this.name,
      ]);
      if (rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async restore(): Promise<void> {
    const admin = await this.client();
    await admin.query(`ALTER DATABASE "${this.name}" ALLOW_CONNECTIONS true`);
  }

  /** Restores the database and closes the admin connection. */
  async end(): Promise<void> {
    if (!this.admin) return;
    await this.restore();
    await this.admin.end();
    this.admin = undefined;
  }
}
