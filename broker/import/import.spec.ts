// `broker:import` end to end: a broker of ours with a long history is the source (it speaks the Pact
// Broker's API), reached over HTTP through a proxy that can rate-limit or cut it off; a second database
// is the target. The steps build on each other (the history is costly to build once), so they run in
// order within this file: a dry run, a run cut off mid-way, its rerun, the proof of equality, a run with
// nothing left to do, and the comparison catching a difference.
import { expect } from 'chai';
import { pino } from 'pino';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { sharedTestDatabase } from '../../db/testing/shared-test-database.ts';
import { freshTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { createBrokerApp } from '../app.ts';
import { brokerConfig } from '../config.ts';
import { createBrokerPrismaClient, type PrismaClient } from '../prisma-client.ts';
import { KINDS } from './progress.ts';
import { formatResult, runImport, type RunOptions } from './run.ts';
import { buildHistory } from './testing/history.ts';
import { startFaultyProxy, type FaultyProxy } from './testing/faulty-proxy.ts';
import type { ImportReport } from './importer.ts';

// Webhook targets of the history are public https hosts: the target broker must accept them as the source did.
const config = brokerConfig({ webhookAllowPublicHosts: true, webhookSchemes: ['https'] });

async function database(label: string): Promise<PrismaClient> {
  const url = await freshTestDatabaseUrl('broker', label);
  const shared = await sharedTestDatabase('broker', url, (at) => createBrokerPrismaClient(at, { poolSize: 10 }));
  await shared.reset();
  return shared.prisma;
}

const total = (report: ImportReport, outcome: 'imported' | 'updated' | 'failed') =>
  KINDS.reduce((sum, kind) => sum + report.counts[kind][outcome], 0);

/** Row counts of what an import carries over, to compare the two databases. */
async function rows(prisma: PrismaClient) {
  return {
    pacticipants: await prisma.pacticipant.count(),
    labels: await prisma.label.count(),
    versions: await prisma.version.count(),
    branchVersions: await prisma.branchVersion.count(),
    tags: await prisma.tag.count(),
    publications: await prisma.pactPublication.count(),
    pactVersions: await prisma.pactVersion.count(),
    verifications: await prisma.verification.count(),
    environments: await prisma.environment.count(),
    deployedVersions: await prisma.deployedVersion.count(),
    currentlyDeployed: await prisma.deployedVersion.count({ where: { undeployedAt: null } }),
    releasedVersions: await prisma.releasedVersion.count(),
    webhooks: await prisma.webhook.count(),
  };
}

describe('broker:import from a broker with a long history', function () {
  // Building the history and importing it take tens of seconds on a busy machine.
  this.timeout(600_000);
  let sourceDb: PrismaClient;
  let targetDb: PrismaClient;
  let source: RunningServer;
  let proxy: FaultyProxy;
  const options = (): RunOptions => ({ from: proxy.url, prisma: targetDb, config, concurrency: 6, retries: 2 });

  before(async () => {
    [sourceDb, targetDb] = await Promise.all([database('import_source'), database('import_target')]);
    await buildHistory(sourceDb);
    source = await listen(createBrokerApp({ prisma: sourceDb, logger: pino({ level: 'silent' }), config }));
    proxy = await startFaultyProxy(source.url);
  });

  after(async () => {
    await proxy?.close();
    await source?.close();
  });

  beforeEach(() => proxy.reset());

  it('the source holds a realistic history (the size the import must cope with)', async () => {
    const counts = await rows(sourceDb);
    expect(counts.pacticipants).to.be.at.least(20);
    expect(counts.versions).to.be.at.least(500);
    expect(counts.verifications).to.be.at.least(2000);
    expect(counts.deployedVersions).to.be.greaterThan(counts.currentlyDeployed);
    expect(counts.releasedVersions).to.be.greaterThan(0);
    expect(counts.tags).to.be.greaterThan(0);
    expect(counts.webhooks).to.be.greaterThan(0);
  });

  it('a dry run counts what it would import and writes nothing', async () => {
    const result = await runImport({ ...options(), dryRun: true });
    expect(result.comparison).to.equal(undefined);
    expect(result.report.counts.pacticipants.imported).to.equal(20);
    expect(result.report.counts.versions.imported).to.be.at.least(500);
    expect(result.report.counts.pacts.imported).to.be.greaterThan(0);
    expect(result.report.counts.webhooks.imported).to.equal(2);
    expect(formatResult(result)).to.include('Dry run: would import');
    expect(await rows(targetDb)).to.deep.equal(await rows(await emptyReference()));
  });

  it('when the source goes away mid-way, the run stops with the reason and keeps what it wrote', async () => {
    proxy.failFrom(800);
    const error = await runImport(options()).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error?.message).to.match(/got no answer/);
    const partial = await rows(targetDb);
    expect(partial.versions).to.be.greaterThan(0);
    expect(partial.verifications).to.be.lessThan((await rows(sourceDb)).verifications);
  });

  it('the rerun goes on from there, waits out 429s, keeps to its concurrency and shows no difference', async () => {
    proxy.rateLimit([3, 60, 120], 1);
    const result = await runImport(options());
    expect(result.report.failures).to.deep.equal([]);
    expect(result.report.rateLimited).to.be.at.least(3);
    expect(proxy.maxInFlight).to.be.at.most(6);
    expect(result.report.counts.versions.unchanged).to.be.greaterThan(0); // brought by the interrupted run
    expect(result.comparison!.differences.map((difference) => difference.diff)).to.deep.equal([]);
    expect(result.comparison!.checks.matrix.compared).to.be.at.least(20);
    expect(result.comparison!.checks['can-i-deploy'].compared).to.be.at.least(60);
    expect(result.comparison!.checks['for-verification'].compared).to.equal(10);
    expect(result.ok).to.equal(true);
    expect(formatResult(result)).to.include('OK: no failure, no difference.');
    expect(await rows(targetDb)).to.deep.equal(await rows(sourceDb));
  });

  it('webhook credentials are not invented: the webhook comes disabled and is listed for re-entry', async () => {
    const webhooks = await targetDb.webhook.findMany({ orderBy: { description: 'asc' } });
    const board = webhooks.find((webhook) => webhook.description === 'Tell the status board')!;
    expect(board.enabled).to.equal(false);
    expect(JSON.stringify(board)).not.to.include('hunter2');
    expect(JSON.stringify(board)).not.to.include('s3cr3t-token');
    const verify = webhooks.find((webhook) => webhook.description === 'Verify changed pacts')!;
    expect(verify.enabled).to.equal(true);
    const result = await runImport({ ...options(), compare: false });
    // Header names as the source serves them (ours writes them in lower case).
    expect(
      result.report.credentialsToEnter.map((webhook) => [webhook.uuid, webhook.missing.toLowerCase()]),
    ).to.deep.equal([[board.uuid, 'header authorization, password']]);
  });

  it('a second run imports nothing twice', async () => {
    const before = await rows(targetDb);
    const result = await runImport({ ...options(), compare: false });
    expect(total(result.report, 'imported')).to.equal(0);
    expect(total(result.report, 'updated')).to.equal(0);
    expect(total(result.report, 'failed')).to.equal(0);
    expect(result.report.counts.verifications.unchanged).to.equal(before.verifications);
    expect(await rows(targetDb)).to.deep.equal(before);
  });

  it('when the target differs from the source, the comparison says where and the run is not ok', async () => {
    const verification = await targetDb.verification.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await targetDb.verification.update({ where: { id: verification.id }, data: { success: !verification.success } });
    try {
      const result = await runImport(options());
      expect(total(result.report, 'imported')).to.equal(0);
      expect(result.comparison!.differences.length).to.be.greaterThan(0);
      expect(result.comparison!.differences[0]!.diff).to.match(/^[-+].*"success"/m);
      expect(result.ok).to.equal(false); // the command exits 1
      expect(formatResult(result)).to.include('DIFFERENT: ').and.include('NOT OK');
    } finally {
      await targetDb.verification.update({ where: { id: verification.id }, data: { success: verification.success } });
    }
  });
});

let empty: PrismaClient | undefined;
/** An empty broker database, for what "nothing written" looks like (reference tables included). */
async function emptyReference(): Promise<PrismaClient> {
  empty ??= await database('import_empty');
  return empty;
}
