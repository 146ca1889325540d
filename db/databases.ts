// Creating and dropping databases on a server, given any URL on that server.
import pg from 'pg';
import { assertSafeDatabaseName, withDatabase } from './connection-url.ts';

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  return withAdminClient(serverUrl, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

/** Creates `name` (optionally as a copy of `template`) unless it exists. Returns whether it created it. */
export async function createDatabase(
  serverUrl: string,
  name: string,
  options: { template?: string } = {},
): Promise<boolean> {
  assertSafeDatabaseName(name);
  if (options.template) assertSafeDatabaseName(options.template);
  return withAdminClient(serverUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 1) return false;
    const template = options.template ? ` TEMPLATE "${options.template}"` : '';
    try {
      await client.query(`CREATE DATABASE "${name}"${template}`);
    } catch (error) {
      // Another process created it between our check and our CREATE: that is what we wanted.
      if ((error as { code?: string }).code === '42P04') return false;
      throw error;
    }
    return true;
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  assertSafeDatabaseName(name);
  await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
