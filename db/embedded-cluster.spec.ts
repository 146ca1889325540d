// PostgreSQL's programs failing: each failure is caught and named (never an unhandled 'error' event).
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { freePort } from '../common/net/free-port.ts';
import {
  ClusterFailure,
  initialiseCluster,
  lastWords,
  startCluster,
  type ClusterSettings,
} from './embedded-cluster.ts';
import { postgresBinaries } from './postgres-binaries.ts';
import { postgresSystemUser } from './postgres-user.ts';

async function failureOf(work: Promise<unknown>): Promise<ClusterFailure> {
  const outcome = await work.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
  expect(outcome).to.be.instanceOf(ClusterFailure, String(outcome));
  return outcome as ClusterFailure;
}

describe("PostgreSQL's programs when they fail", function () {
  this.timeout(60_000);
  let work: string;
  let settings: ClusterSettings;

  beforeEach(async () => {
    work = mkdtempSync(join(tmpdir(), 'embedded-cluster-'));
    chmodSync(work, 0o755); // the postgres user (when we are root) must reach the data directory
    const runAs = userInfo().uid === 0 ? postgresSystemUser() : undefined;
    settings = {
      binaries: await postgresBinaries({ runsAsOtherUser: runAs !== undefined }),
      dataDir: join(work, 'data'),
      port: await freePort(),
      user: 'postgres',
      password: 'postgres',
      authMethod: 'password',
      initdbFlags: ['--no-sync'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      runAs,
    };
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('when a program cannot be run, fails as "cannot-run" with the reason', async () => {
    const notAProgram = join(work, 'initdb');
    writeFileSync(notAProgram, 'not a program', { mode: 0o644 });
    const failure = await failureOf(
      initialiseCluster({ ...settings, binaries: { ...settings.binaries, initdb: notAProgram } }),
    );
    expect(failure.kind).to.equal('cannot-run');
    expect(failure.detail).to.equal(`spawn ${notAProgram} EACCES`);
  });

  it('when initdb refuses the data directory, fails as "initdb-failed" with its own words', async () => {
    mkdirSync(settings.dataDir);
    writeFileSync(join(settings.dataDir, 'something'), 'already here');
    const failure = await failureOf(initialiseCluster(settings));
    expect(failure.kind).to.equal('initdb-failed');
    expect(failure.detail).to.match(/^initdb: error: directory ".*data" exists but is not empty$/);
  });

  it('when the data directory holds no cluster, fails as "exited" with PostgreSQL\'s last words', async () => {
    mkdirSync(settings.dataDir, { mode: 0o700 });
    if (settings.runAs) chownForPostgres(settings);
    const failure = await failureOf(startCluster(settings));
    expect(failure.kind).to.equal('exited');
    expect(failure.detail).to.match(/^postgres: could not access the server configuration file ".*postgresql\.conf"/);
  });

  it('lastWords keeps the FATAL line, without the log prefix', () => {
    const output = [
      '2026-12-02 10:28:21.325 UTC [24823] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      '2026-12-02 10:28:21.325 UTC [24823] FATAL:  could not create any TCP/IP sockets',
      '2026-12-02 10:28:21.330 UTC [24823] LOG:  database system is shut down',
    ].join('\n');
    expect(lastWords(output)).to.equal('FATAL:  could not create any TCP/IP sockets');
    expect(lastWords('first\nlast line\n')).to.equal('last line');
    expect(lastWords('')).to.equal('no output');
  });
});

function chownForPostgres(settings: ClusterSettings): void {
  chownSync(settings.dataDir, settings.runAs!.uid, settings.runAs!.gid);
}
