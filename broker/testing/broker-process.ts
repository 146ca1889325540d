// A broker as deployed, in a process of its own (its own Prisma client, pool and pg-boss worker), on a
// given database, listening on a free loopback port. For the several-brokers test and the broker's burst
// benchmark; the caller stops (or kills) it. It runs broker-process-main.ts (main.ts without preparing
// the database, which is already migrated), or main.ts itself when asked.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../common/net/free-port.ts';
import { withDatabase } from '../../db/connection-url.ts';
import { projectRoot } from '../../common/project-root.ts';

export interface BrokerProcess {
  url: string;
  pid: number;
  /** SIGTERM: the broker's own orderly shutdown (deliveries in progress finish). */
  stop(): Promise<void>;
  /** SIGKILL: gone at once, as a crashed host is, with whatever it was doing. */
  kill(): Promise<void>;
  /** What it wrote (its log), for a failing test's message. */
  output(): string;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve()),
  );
}

/** Polls the broker's heartbeat until it answers; fails early if the process ends first. */
async function waitUntilUp(url: string, child: ChildProcess, output: () => string, deadlineMs: number): Promise<void> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the broker exited with ${child.exitCode}:\n${output()}`);
    const up = await fetch(`${url}/diagnostic/status/heartbeat`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return;
    if (Date.now() > end) throw new Error(`the broker at ${url} did not come up:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface BrokerProcessOptions {
  /** More of the broker's variables. */
  env?: Record<string, string>;
  /** Run main.ts, which creates and migrates the database first (seconds more per process). */
  prepareDatabase?: boolean;
  /** How long it may take to answer its heartbeat. */
  deadlineMs?: number;
}

export async function startBrokerProcess(
  databaseUrl: string,
  { env = {}, prepareDatabase = false, deadlineMs = 90_000 }: BrokerProcessOptions = {},
): Promise<BrokerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', prepareDatabase ? 'broker/main.ts' : 'broker/testing/broker-process-main.ts'],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        // The database's server, so the broker does not start the embedded development one.
        DATABASE_URL: withDatabase(databaseUrl, 'postgres'),
        BROKER_DATABASE_URL: databaseUrl,
        BROKER_PORT: String(port),
        BROKER_HOST: '127.0.0.1',
        BROKER_LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const output = () => log;
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && !child.signalCode) child.kill(name);
    await exited(child);
  };
  try {
    await waitUntilUp(url, child, output, deadlineMs);
  } catch (error) {
    await signal('SIGKILL');
    throw error;
  }
  return { url, pid: child.pid!, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL'), output };
}
