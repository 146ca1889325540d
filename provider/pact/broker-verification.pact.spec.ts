// Provider verification from our broker, end to end: pacts published with the official Pact CLI, the
// backend's verification configured from the environment exactly as CI configures it (broker URL,
// GIT_COMMIT, GIT_BRANCH, CI), selectors picking each consumer version they should, results published
// and visible in the broker's matrix; and the webhook path, PACT_URL pointing into the broker.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../broker/testing/broker-test-context.ts';
import { pactBrokerCli } from '../../broker/testing/pact-broker-cli.ts';
import { freshTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { readPactFile } from './pact-files.ts';
import { BROKEN, brokenPact, COMMITTED_PACT, pactWith, smallPact, writePact } from './testing/pact-variants.ts';
import { loadVerificationConfig } from './verification-config.ts';
import { failureReport, pendingFailureReport, verifyBackend, type VerificationOutcome } from './verify-backend.ts';

const CONSUMER = 'autofighter-router';
/** How many interactions the committed pact has (published as router-main below). */
const MAIN = readPactFile(COMMITTED_PACT).interactions.length;
const PROVIDER = 'autofighter-backend';

interface MatrixRow {
  consumer: { version: { number: string } };
  provider: { version: { number: string } | null };
  verificationResult: { success: boolean } | null;
}

describe('provider verification from the broker', function () {
  this.timeout(120_000);
  const broker = useBroker();
  let backendDatabase: string;
  let scratch: string;

  before(async () => {
    // A database of its own: one of the pact's provider states cuts the backend's database off for a moment.
    backendDatabase = await freshTestDatabaseUrl('backend', 'broker_verification');
    scratch = mkdtempSync(join(tmpdir(), 'broker-verification-'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<void> {
    const run = await pactBrokerCli(args, { brokerUrl: broker.url });
    expect(run.code, run.output).to.equal(0);
  }

  /** Verification as `npm run verify:provider` runs it, with only these variables set. */
  async function verifyAs(
    env: Record<string, string>,
    expected: { passes: boolean } = { passes: true },
  ): Promise<VerificationOutcome> {
    const config = loadVerificationConfig({ env, git: {} });
    const outcome = await verifyBackend({ databaseUrl: backendDatabase, config });
    expect(outcome.passed, failureReport(outcome) || 'it passed').to.equal(expected.passes);
    return outcome;
  }

  async function matrix(): Promise<string[]> {
    const res = await request(broker.server).get(`/matrix?q[][pacticipant]=${PROVIDER}&latestby=cvpv`).expect(200);
    return (res.body.matrix as MatrixRow[])
      .filter((row) => row.provider.version)
      .map(
        (row) =>
          `${row.consumer.version.number} -> ${row.provider.version!.number}: ${row.verificationResult?.success}`,
      );
  }

  beforeEach(async () => {
    // The router's main branch, and an older router release deployed to production with a smaller pact.
    await cli('create-or-update-pacticipant', '--name', CONSUMER, '--main-branch', 'main');
    await cli('create-environment', '--name', 'production');
    await cli(
      'publish',
      writePact(scratch, 'prod.json', pactWith('a health check')),
      '--consumer-app-version',
      'router-prod',
      '--branch',
      'release',
    );
    await cli(
      'record-deployment',
      '--pacticipant',
      CONSUMER,
      '--version',
      'router-prod',
      '--environment',
      'production',
    );
    await cli('publish', COMMITTED_PACT, '--consumer-app-version', 'router-main', '--branch', 'main');
  });

  it('on CI: verifies the main-branch and deployed pacts with the selectors and publishes the results as the commit and branch', async () => {
    const outcome = await verifyAs({
      PACT_BROKER_BASE_URL: broker.url,
      GIT_COMMIT: 'backend-1',
      GIT_BRANCH: 'main',
      CI: 'true',
    });

    expect(outcome.results!.interactionResults).to.have.length(MAIN + 1);
    expect(await matrix()).to.have.members(['router-main -> backend-1: true', 'router-prod -> backend-1: true']);
    const version = (await request(broker.server).get(`/pacticipants/${PROVIDER}/versions/backend-1`).expect(200)).body;
    expect(version._embedded.branchVersions.map((branch: { name: string }) => branch.name)).to.deep.equal(['main']);
  });

  it("on a feature branch: the consumer's pact from the branch of the same name is selected too (matchingBranch)", async () => {
    await cli(
      'publish',
      writePact(scratch, 'feat.json', smallPact()),
      '--consumer-app-version',
      'router-feat',
      '--branch',
      'feat-login',
    );

    const outcome = await verifyAs({
      PACT_BROKER_BASE_URL: broker.url,
      GIT_COMMIT: 'backend-2',
      GIT_BRANCH: 'feat-login',
      PACT_BROKER_PUBLISH_VERIFICATION_RESULTS: 'true',
    });

    expect(outcome.results!.interactionResults).to.have.length(MAIN + 1 + 2);
    expect(await matrix()).to.have.members([
      'router-main -> backend-2: true',
      'router-prod -> backend-2: true',
      'router-feat -> backend-2: true',
    ]);
  });

  it('off CI: verifies, and publishes nothing', async () => {
    await verifyAs({ PACT_BROKER_BASE_URL: broker.url, GIT_COMMIT: 'backend-3', GIT_BRANCH: 'main' });
    expect(await matrix()).to.deep.equal([]);
  });

  describe("a new pact on the consumer's main branch that the backend does not satisfy", () => {
    beforeEach(() =>
      cli(
        'publish',
        writePact(scratch, 'broken.json', brokenPact()),
        '--consumer-app-version',
        'router-next',
        '--branch',
        'main',
      ),
    );

    it('is pending for this backend branch: the failure is reported and published, and the build passes', async () => {
      const outcome = await verifyAs({
        PACT_BROKER_BASE_URL: broker.url,
        GIT_COMMIT: 'backend-5',
        GIT_BRANCH: 'main',
        CI: 'true',
      });

      const pending = pendingFailureReport(outcome);
      for (const { description, named } of Object.values(BROKEN))
        expect(pending).to.include(description).and.match(named);
      expect(await matrix()).to.have.members(['router-next -> backend-5: false', 'router-prod -> backend-5: true']);
    });

    it('with pending pacts off (PACT_ENABLE_PENDING=false), fails the build', async () => {
      const outcome = await verifyAs(
        { PACT_BROKER_BASE_URL: broker.url, GIT_COMMIT: 'backend-6', GIT_BRANCH: 'main', PACT_ENABLE_PENDING: 'false' },
        { passes: false },
      );
      expect(failureReport(outcome)).to.include(BROKEN.wrongStatus.description);
    });
  });

  it('from a webhook: PACT_URL into the broker verifies that one pact and publishes its result', async () => {
    const pactUrl = `${broker.url}/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/version/router-main`;
    const outcome = await verifyAs({
      PACT_URL: pactUrl,
      PACT_BROKER_BASE_URL: broker.url,
      GIT_COMMIT: 'backend-4',
      GIT_BRANCH: 'main',
      CI: 'true',
    });

    expect(outcome.results!.interactionResults).to.have.length(MAIN);
    expect(await matrix()).to.deep.equal(['router-main -> backend-4: true']);
  });
});
