// The checks every Prisma schema of the project gets (backend and broker): its committed migrations
// apply from an empty database to head and Prisma then reports the database up to date; they match
// schema.prisma exactly (no drift); and the drift check fails when the schema gains a column.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { withDatabase } from '../connection-url.ts';
import { createDatabase } from '../databases.ts';
import type { DatabaseKind } from '../database-kinds.ts';
import { migrateDeploy, runPrisma } from '../migrate.ts';
import { applyMigrationScripts, schemaFingerprint } from './migration-scripts.ts';
import { projectRoot } from '../../common/project-root.ts';
import { workerId } from './test-databases.ts';
import { testServerInfo } from './test-server.ts';

export interface MigrationChecks {
  kind: DatabaseKind;
  /** schema.prisma, relative to the project root; migrations are in `migrations/` beside it. */
  schema: string;
  /** Tables the migrations must create. */
  tables: string[];
  /** A model line of the schema to add a column under, for the drift check's negative case. */
  driftModel: string;
}

export function describeMigrationChecks({ kind, schema, tables, driftModel }: MigrationChecks): void {
  const migrations = join(dirname(schema), 'migrations');
  const migrationNames = readdirSync(join(projectRoot, migrations), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  describe(`${kind} database migrations`, function () {
    this.timeout(120_000); // Prisma's CLI, started three times, on a machine that may be busy
    let emptyUrl: string;

    before(async () => {
      const { serverUrl, prefix } = testServerInfo();
      const name = `${prefix}_${kind}_w${workerId()}_empty`;
      await createDatabase(serverUrl, name); // no template: starts empty
      emptyUrl = withDatabase(serverUrl, name);
    });

    it('apply from an empty database to head, and Prisma reports the database up to date', async () => {
      await migrateDeploy(kind, emptyUrl);
      const client = new pg.Client({ connectionString: emptyUrl });
      await client.connect();
      try {
        const applied = await client.query<{ migration_name: string }>(
          'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
        );
        expect(applied.rows.map((row) => row.migration_name)).to.deep.equal(migrationNames);
        const created = await client.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
        );
        expect(created.rows.map((row) => row.tablename)).to.include.members(tables);
      } finally {
        await client.end();
      }
      const status = await runPrisma(kind, emptyUrl, ['migrate', 'status']);
      expect(status.code, status.output).to.equal(0);
      expect(status.output).to.contain('Database schema is up to date');
    });

    it("run as the test databases run them, build exactly the schema Prisma's migrate deploy builds", async () => {
      const { serverUrl, prefix } = testServerInfo();
      const name = `${prefix}_${kind}_w${workerId()}_scripts`;
      await createDatabase(serverUrl, name);
      const scriptsUrl = withDatabase(serverUrl, name);
      await applyMigrationScripts(kind, scriptsUrl);
      const byPrisma = await schemaFingerprint(emptyUrl); // migrated by `prisma migrate deploy` above
      expect(byPrisma.columns?.length).to.be.greaterThan(0);
      expect(await schemaFingerprint(scriptsUrl)).to.deep.equal(byPrisma);

      // The comparison notices a difference: one more column on one side.
      const client = new pg.Client({ connectionString: scriptsUrl });
      await client.connect();
      try {
        await client.query(`ALTER TABLE "${tables[0]}" ADD COLUMN nickname text`);
      } finally {
        await client.end();
      }
      expect(await schemaFingerprint(scriptsUrl)).to.not.deep.equal(byPrisma);
    });

    it('match schema.prisma: `prisma migrate diff --exit-code` finds no drift', async () => {
      const diff = await runPrisma(kind, emptyUrl, [
        'migrate',
        'diff',
        '--from-migrations',
        migrations,
        '--to-schema',
        schema,
        '--exit-code',
      ]);
      expect(diff.code, diff.output).to.equal(0);
      expect(diff.output).to.contain('No difference detected');
    });

    it('the drift check fails when the schema gains a column no migration creates', async () => {
      const dir = join(projectRoot, '.data', `${kind}-drift-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      const original = readFileSync(join(projectRoot, schema), 'utf8');
      expect(original, `${schema} has "${driftModel}"`).to.contain(driftModel);
      writeFileSync(join(dir, 'schema.prisma'), original.replace(driftModel, `${driftModel}\n  nickname String?`));
      try {
        const diff = await runPrisma(kind, emptyUrl, [
          'migrate',
          'diff',
          '--from-migrations',
          migrations,
          '--to-schema',
          join(dir, 'schema.prisma'),
          '--exit-code',
        ]);
        expect(diff.code, diff.output).to.equal(2);
        expect(diff.output).to.contain('nickname');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
