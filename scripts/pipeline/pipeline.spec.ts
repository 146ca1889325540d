// The contract pipeline end to end: `npm run pipeline` as a user runs it (its own broker), and the
// pipeline against a running broker, where a passing run records both deployments and a backend that
// renames a field the router uses is stopped by can-i-deploy. Each run writes its pact to a scratch
// directory (PACT_OUTPUT_DIR), never over the committed one that other specs read.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { useBroker } from '../../broker/testing/broker-test-context.ts';
import { projectRoot } from '../../common/project-root.ts';
import { testDatabaseUrl } from '../../db/testing/test-databases.ts';
import { testServerInfo } from '../../db/testing/test-server.ts';
import { CONSUMER, loadPipelineConfig, PROVIDER } from './config.ts';
import { runPipeline, type PipelineOptions, type PipelineResult } from './pipeline.ts';
import { backendRenamingRunId } from './testing/backend-renaming-run-id.ts';

const STEPS = [
  'broker: main branches, environment',
  'consumer pact tests',
  'publish pacts',
  'provider verification',
  `can-i-deploy ${PROVIDER}`,
  `record-deployment ${PROVIDER}`,
  `can-i-deploy ${CONSUMER}`,
  `record-deployment ${CONSUMER}`,
];

/** The summary's rows: "<status> <step>". */
function summaryRows(output: string): string[] {
  const summary = output.slice(output.lastIndexOf('\nSummary\n'));
  return STEPS.map(
    (step) =>
      new RegExp(`^  (ok|FAIL|skip) +${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm').exec(summary)?.[1] ??
      'missing',
  ).map((status, index) => `${status} ${STEPS[index]}`);
}

describe('the contract pipeline', function () {
  this.timeout(360_000); // a whole pipeline: minutes when the suite shares two cores
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pipeline-pacts-'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  describe('npm run pipeline without PACT_BROKER_BASE_URL: a broker of its own', () => {
    it('passes end to end (every step ok, both can-i-deploy answers yes), exits 0 and leaves no database behind', async () => {
      const { serverUrl } = testServerInfo();
      const env = {
        ...process.env,
        // Its broker's and its verification's databases go on this run's PostgreSQL server.
        DATABASE_URL: serverUrl,
        PACT_OUTPUT_DIR: join(scratch, 'own'),
        GIT_COMMIT: 'pipeline-own-1',
        GIT_BRANCH: 'main',
        PACT_BROKER_BASE_URL: '',
        PACT_URL: '',
      };
      const child = spawn('npm', ['run', '--silent', 'pipeline'], {
        cwd: projectRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));

      expect(code, output).to.equal(0);
      expect(summaryRows(output)).to.deep.equal(STEPS.map((step) => `ok ${step}`));
      const pid = /broker +http:\/\/127\.0\.0\.1:\d+ \(its own, on database pipeline_broker_(\d+)_[0-9a-f]+/.exec(
        output,
      )?.[1];
      expect(pid, output).to.be.a('string');
      expect(output).to.contain('Created autofighter-router version pipeline-own-1 with branch main');
      expect(output.match(/Computer says yes/g)).to.have.length(2);
      expect(output).to.contain(
        `Pipeline passed: ${CONSUMER} and ${PROVIDER} pipeline-own-1 are verified and recorded as deployed to production.`,
      );

      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      // Its databases are named after its process: the broker's and the verification's are both gone.
      const left = await client
        .query('SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2', [
          `pipeline\\_broker\\_${pid}\\_%`,
          `verify\\_${pid}\\_%`,
        ])
        .finally(() => client.end());
      expect(left.rows).to.deep.equal([]);
    });
  });

  describe('against a running broker (PACT_BROKER_BASE_URL)', () => {
    const broker = useBroker();

    async function pipeline(
      version: string,
      options: Partial<PipelineOptions> = {},
    ): Promise<PipelineResult & { output: string }> {
      const config = loadPipelineConfig({
        env: {
          PACT_BROKER_BASE_URL: broker.url,
          GIT_COMMIT: version,
          GIT_BRANCH: 'main',
          PACT_OUTPUT_DIR: join(scratch, version),
          PACT_BROKER_HTTP_RETRIES: '0',
          PIPELINE_RETRY_WHILE_UNKNOWN: '0',
        },
      });
      const backendDatabase = await testDatabaseUrl('backend');
      let output = '';
      const result = await runPipeline({
        config,
        write: (text) => (output += text),
        // The worker's backend test database (verification empties it; each test's reset does too).
        openVerificationDatabase: async () => ({
          url: backendDatabase,
          description: 'the backend test database',
          close: async () => undefined,
        }),
        ...options,
      });
      return { ...result, output };
    }

    /** Who the broker has as deployed to production now. */
    async function deployedToProduction(): Promise<string[]> {
      const rows = await broker.prisma.deployedVersion.findMany({
        where: { environment: { name: 'production' }, undeployedAt: null },
        include: { pacticipant: true, version: true },
      });
      return rows.map((row) => `${row.pacticipant.name} ${row.version.number}`);
    }

    async function verificationResults(): Promise<string[]> {
      const rows = await broker.prisma.verification.findMany({
        include: { providerVersion: true },
        orderBy: { id: 'asc' },
      });
      return rows.map((row) => `${row.providerVersion.number}: ${row.success ? 'success' : 'failure'}`);
    }

    it('passes end to end: publishes the pact as the commit on its branch, verifies it, and records both deployments', async () => {
      const run = await pipeline('commit-1');

      expect(run.exitCode, run.output).to.equal(0);
      expect(summaryRows(run.output)).to.deep.equal(STEPS.map((step) => `ok ${step}`));
      const version = await broker.prisma.version.findFirstOrThrow({
        where: { number: 'commit-1', pacticipant: { name: CONSUMER } },
        include: { branchVersions: true, publications: true },
      });
      expect(version.branchVersions.map((branch) => branch.branchName)).to.deep.equal(['main']);
      expect(version.publications).to.have.length(1);
      expect(await verificationResults()).to.deep.equal(['commit-1: success']);
      expect(await deployedToProduction()).to.have.members([`${PROVIDER} commit-1`, `${CONSUMER} commit-1`]);
    });

    it('when the backend renames a field the router uses: the verification fails, can-i-deploy says no, nothing is deployed, exit 1', async () => {
      expect((await pipeline('commit-1')).exitCode).to.equal(0);

      const run = await pipeline('commit-2', { providerBuild: backendRenamingRunId });

      expect(run.exitCode, run.output).to.equal(1);
      expect(summaryRows(run.output)).to.deep.equal([
        'ok broker: main branches, environment',
        'ok consumer pact tests',
        'ok publish pacts',
        'FAIL provider verification',
        `FAIL can-i-deploy ${PROVIDER}`,
        `skip record-deployment ${PROVIDER}`,
        `skip can-i-deploy ${CONSUMER}`,
        `skip record-deployment ${CONSUMER}`,
      ]);
      // The verifier names the rename; the failure is published; the broker's answer is no.
      expect(run.output).to.match(
        /a request for a run of a session[\s\S]*\$\.data: Actual map is missing the following keys: run_id/,
      );
      expect(await verificationResults()).to.deep.equal(['commit-1: success', 'commit-2: failure']);
      expect(run.output).to.contain('Computer says no');
      expect(run.output).to.contain(`can-i-deploy ${PROVIDER}: no: ${PROVIDER} commit-2 to production`);
      // Production still runs what was verified together.
      expect(await deployedToProduction()).to.have.members([`${PROVIDER} commit-1`, `${CONSUMER} commit-1`]);
    });
  });
});
