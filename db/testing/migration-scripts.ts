// Test databases get their schema by running the committed migration scripts directly, as
// `prisma migrate deploy` runs them, and recording each in Prisma's `_prisma_migrations` table with
// Prisma's checksum (sha256 of the script), so Prisma sees the database as migrated.
//
// Why not `prisma migrate deploy` itself: it starts Prisma's CLI and its WebAssembly schema engine in a
// process of their own, about 2 s of CPU per schema on every test run; the scripts alone take a tenth of
// that. Prisma's own way keeps its tests (db/testing/migration-checks.ts), one of which checks that this
// builds exactly the schema `prisma migrate deploy` builds.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { DATABASE_KINDS, type DatabaseKind } from '../database-kinds.ts';
import { projectRoot } from '../../common/project-root.ts';

/** Prisma's own definition of its bookkeeping table (as its schema engine creates it on PostgreSQL). */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** The kind's migrations folder: `prisma/migrations` beside its Prisma config (as both configs say). */
export function migrationsFolder(kind: DatabaseKind): string {
  return join(projectRoot, dirname(DATABASE_KINDS[kind].prismaConfig), 'prisma', 'migrations');
}

export function migrationScripts(kind: DatabaseKind): { name: string; sql: string }[] {
  const folder = migrationsFolder(kind);
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(folder, name, 'migration.sql'), 'utf8') }));
}

/** Runs every migration script on an empty database, in name order, each as one transaction. */
export async function applyMigrationScripts(kind: DatabaseKind, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(MIGRATIONS_TABLE);
    for (const { name, sql } of migrationScripts(kind)) {
      await client.query('BEGIN');
      try {
        await client.query(sql); // one script, as Prisma sends it (simple protocol: `$$` bodies stay whole)
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), createHash('sha256').update(sql).digest('hex'), name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * A description of a database's schema, for comparing two: every table's columns, every constraint and
 * index, and the migrations recorded (name and checksum).
 */
export async function schemaFingerprint(url: string): Promise<Record<string, unknown[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await rows(`SELECT table_name, column_name, data_type, is_nullable, column_default, ordinal_position
        FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`),
      constraints:
        await rows(`SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' ORDER BY 1, 2`),
      indexes: await rows(
        `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`,
      ),
      migrations: await rows(`SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished
        FROM _prisma_migrations ORDER BY migration_name`),
    };
  } finally {
    await client.end();
  }
}
