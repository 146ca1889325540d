// The broker's committed migrations are its database's definition: they apply from an empty database to head,
// Prisma agrees the database is up to date, and they match schema.prisma exactly (no drift).
import { readdirSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { createDatabase } from '../../db/databases.ts';
import { migrateDeploy, runPrisma } from '../../db/migrate.ts';
import { projectRoot } from '../../db/project-root.ts';
import { testServerInfo } from '../../db/testing/test-server.ts';
import { withDatabase } from '../../db/connection-url.ts';
import { workerId } from '../../db/testing/test-databases.ts';

const migrationNames = readdirSync(join(projectRoot, 'broker', 'prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('broker database migrations', function () {
  this.timeout(60_000);
  let emptyUrl: string;

  before(async () => {
    const { serverUrl, prefix } = testServerInfo();
    const name = `${prefix}_broker_w${workerId()}_empty`;
    await createDatabase(serverUrl, name); // no template: starts empty
    emptyUrl = withDatabase(serverUrl, name);
  });

  it('apply from an empty database to head, and Prisma reports the database up to date', async () => {
    await migrateDeploy('broker', emptyUrl);
    const client = new pg.Client({ connectionString: emptyUrl });
    await client.connect();
    try {
      const applied = await client.query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
      );
      expect(applied.rows.map((row) => row.migration_name)).to.deep.equal(migrationNames);
      const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.rows.map((row) => row.tablename)).to.include.members([
        'pacticipants', 'versions', 'branches', 'branch_versions', 'tags', 'integrations', 'pact_versions', 'pact_publications',
        'verifications', 'environments', 'deployed_versions', 'released_versions', 'webhooks', 'labels',
      ]);
    } finally {
      await client.end();
    }
    const status = await runPrisma('broker', emptyUrl, ['migrate', 'status']);
    expect(status.code, status.output).to.equal(0);
    expect(status.output).to.contain('Database schema is up to date');
  });

  it('match schema.prisma: `prisma migrate diff --exit-code` finds no drift', async () => {
    const diff = await runPrisma('broker', emptyUrl, [
      'migrate', 'diff', '--from-migrations', 'broker/prisma/migrations', '--to-schema', 'broker/prisma/schema.prisma', '--exit-code',
    ]);
    expect(diff.code, diff.output).to.equal(0);
    expect(diff.output).to.contain('No difference detected');
  });

  it('the drift check fails when the schema gains a column no migration creates', async () => {
    const dir = join(projectRoot, '.data', `broker-drift-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const schema = readFileSync(join(projectRoot, 'broker', 'prisma', 'schema.prisma'), 'utf8')
      .replace('model Environment {', 'model Environment {\n  nickname String?');
    writeFileSync(join(dir, 'schema.prisma'), schema);
    try {
      const diff = await runPrisma('broker', emptyUrl, [
        'migrate', 'diff', '--from-migrations', 'broker/prisma/migrations', '--to-schema', join(dir, 'schema.prisma'), '--exit-code',
      ]);
      expect(diff.code, diff.output).to.equal(2);
      expect(diff.output).to.contain('nickname');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
