// What a service's start-up does about its database: find the server (embedded dev cluster unless a URL
// is given), create the database if it is missing, and apply pending migrations.
import { databaseOf } from './connection-url.ts';
import { createDatabase } from './databases.ts';
import { DATABASE_KINDS, type DatabaseKind } from './database-kinds.ts';
import { migrateDeploy } from './migrate.ts';
import { startPostgres, type PostgresServer } from './postgres-server.ts';

export interface OpenDatabase {
  url: string;
  server: PostgresServer;
}

export interface OpenOptions {
  /** A server already started by the caller (the stack starts one for all services). */
  server?: PostgresServer;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * The URL a database kind should use:
 *  - its own variable (DATABASE_URL for the backend, BROKER_DATABASE_URL for the broker), as given;
 *  - else its default database on the server: DATABASE_URL's server, or the embedded dev cluster.
 */
export async function openDatabase(kind: DatabaseKind, options: OpenOptions = {}): Promise<OpenDatabase> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const info = DATABASE_KINDS[kind];
  const server = options.server ?? (await startPostgres({ instance: 'dev', databaseUrl: env.DATABASE_URL, log }));
  const explicit = env[info.urlVariable];
  const url = explicit ?? server.urlFor(info.defaultName);
  const name = databaseOf(url);
  if (!name) throw new Error(`${info.urlVariable} must name a database`);
  try {
    if (await createDatabase(url, name)) log(`created database ${name}`);
  } catch (error) {
    // Without the right to create databases, an existing one still works; migrate says if it is missing.
    log(`could not create database ${name}: ${(error as Error).message}`);
  }
  await migrateDeploy(kind, url);
  log(`${kind} database ${name} is migrated (${server.description})`);
  return { url, server };
}
