// Freezes the PostgreSQL server processes serving one test database (SIGSTOP), as a database host that
// stops answering without closing anything would (a VM paused, a disk stalled, a network partition), and
// thaws them (SIGCONT). Connections stay open and the kernel keeps acknowledging what is sent on them;
// only answers stop. The postmaster and every other database's processes carry on, so tests in other
// workers are not disturbed. Frozen processes are always thawed when this process exits.
import pg from 'pg';
import { databaseOf, withDatabase } from '../connection-url.ts';

export class DatabaseFreeze {
  private readonly name: string;
  private readonly adminUrl: string;
  private frozen: number[] = [];
  private readonly thawOnExit = () => this.thaw();

  constructor(databaseUrl: string) {
    this.name = databaseOf(databaseUrl)!;
    this.adminUrl = withDatabase(databaseUrl, 'postgres');
  }

  /** Stops every server process connected to the database now; returns how many. */
  async freeze(): Promise<number> {
    const admin = new pg.Client({ connectionString: this.adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [this.name],
      );
      process.on('exit', this.thawOnExit);
      for (const { pid } of rows) {
        process.kill(pid, 'SIGSTOP');
        this.frozen.push(pid);
      }
      return rows.length;
    } finally {
      await admin.end();
    }
  }

  /** Lets the frozen processes run again (they then handle whatever was sent to them meanwhile). */
  thaw(): void {
    for (const pid of this.frozen.splice(0)) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // already gone
      }
    }
    process.off('exit', this.thawOnExit);
  }
}
