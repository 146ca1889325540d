// The schema engine's `cli <command>` mode, which Prisma's CLI runs as one-off processes
// (`--datasource '{"url":...}' cli can-connect-to-database|create-database|drop-database`).
// Errors are reported the native engine's way: JSON log lines on stderr, after one leading line.
import pg from 'pg';
import { createDatabase, databaseExists, dropDatabase } from '../../db/databases.ts';
import { databaseOf } from '../../db/connection-url.ts';

export class UserFacingError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Maps a pg connection failure to the Prisma error the CLI knows how to explain. */
export function connectionError(url: string, error: unknown): UserFacingError | undefined {
  const { host, port } = new URL(url);
  const location = `${host.replace(/:\d+$/, '')}:${port || '5432'}`;
  const code = (error as { code?: string }).code;
  if (code === '3D000') {
    return new UserFacingError(
      'P1003',
      `Database \`${databaseOf(url)}\` does not exist on the database server at \`${location}\`.`,
    );
  }
  if (code === '28P01' || code === '28000') {
    return new UserFacingError(
      'P1000',
      `Authentication failed against database server at \`${location}\`, the provided database credentials are not valid.`,
    );
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') {
    return new UserFacingError('P1001', `Can't reach database server at \`${location}\``);
  }
  return undefined;
}

async function canConnect(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw connectionError(url, error) ?? error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function runCliCommand(command: string, url: string | undefined): Promise<void> {
  if (!url) throw new UserFacingError('P1012', 'The datasource has no url.');
  const database = databaseOf(url);
  if (!database) throw new UserFacingError('P1013', 'The database URL names no database.');
  switch (command) {
    case 'can-connect-to-database':
      return canConnect(url);
    case 'create-database':
      try {
        if (await databaseExists(url, database)) {
          throw new UserFacingError('P1009', `Database \`${database}\` already exists on the database server`);
        }
        await createDatabase(url, database);
      } catch (error) {
        throw connectionError(url, error) ?? error;
      }
      return;
    case 'drop-database':
      try {
        await dropDatabase(url, database);
      } catch (error) {
        throw connectionError(url, error) ?? error;
      }
      return;
    default:
      throw new Error(`Unknown schema engine cli command: ${command}`);
  }
}
