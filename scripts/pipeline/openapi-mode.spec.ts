// The contract pipeline in the openapi provider mode (PIPELINE_PROVIDER_MODE=openapi): the backend
// publishes its OpenAPI document with the official CLI instead of running the Verifier, and the broker's
// comparison of the router's pact with it decides can-i-deploy.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { useBroker } from '../../broker/testing/broker-test-context.ts';
import { projectRoot } from '../../common/project-root.ts';
import { buildOpenApiDocument } from '../../provider/openapi/document.ts';
import { CONSUMER, loadPipelineConfig, PROVIDER } from './config.ts';
import { runPipeline, type PipelineOptions, type PipelineResult } from './pipeline.ts';

describe('the contract pipeline with PIPELINE_PROVIDER_MODE=openapi', function () {
  this.timeout(180_000);
  const broker = useBroker();
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pipeline-openapi-'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

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
        PIPELINE_PROVIDER_MODE: 'openapi',
      },
    });
    let output = '';
    const result = await runPipeline({ config, write: (text) => (output += text), ...options });
    return { ...result, output };
  }

  const statuses = (result: PipelineResult) => result.reports.map((report) => `${report.status} ${report.title}`);

  async function verificationResults(): Promise<string[]> {
    const rows = await broker.prisma.verification.findMany({
      include: { providerVersion: true },
      orderBy: { id: 'asc' },
    });
    return rows.map(
      (row) =>
        `${row.providerVersion.number}: ${row.success ? 'success' : 'failure'} by ${(row.verifiedBy as { implementation?: string }).implementation}`,
    );
  }

  it('passes end to end: the backend publishes its document, the pact fits it, both can-i-deploy answers are yes', async () => {
    const run = await pipeline('commit-1');

    expect(run.exitCode, run.output).to.equal(0);
    expect(statuses(run)).to.deep.equal([
      'ok broker: main branches, environment',
      'ok consumer pact tests',
      'ok publish pacts',
      'ok publish provider contract',
      `ok can-i-deploy ${PROVIDER}`,
      `ok record-deployment ${PROVIDER}`,
      `ok can-i-deploy ${CONSUMER}`,
      `ok record-deployment ${CONSUMER}`,
    ]);
    expect(run.output).to.contain('$ pact pactflow publish-provider-contract');
    const committed = JSON.parse(
      readFileSync(join(projectRoot, 'pacts', 'autofighter-router-autofighter-backend.json'), 'utf8'),
    ) as { interactions: unknown[] };
    expect(run.output).to.contain(`all ${committed.interactions.length} interactions compatible with the document`);
    expect(await verificationResults()).to.deep.equal([
      'commit-1: success by autofighter-broker cross-contract verification',
    ]);
    const contract = await broker.prisma.providerContract.findFirstOrThrow();
    expect(contract.selfVerificationSuccess).to.equal(true);
  });

  it('when the document no longer promises a field the router uses: can-i-deploy says no and nothing is deployed', async () => {
    expect((await pipeline('commit-1')).exitCode).to.equal(0);
    // The Run schema loses run_id (as if the backend stopped sending it and its schema said so).
    const withoutRunId = () => {
      const document = buildOpenApiDocument();
      const run = document.components!.schemas!.Run as { properties: Record<string, unknown>; required: string[] };
      delete run.properties.run_id;
      run.required = run.required.filter((name) => name !== 'run_id');
      return document;
    };

    const run = await pipeline('commit-2', { providerDocument: withoutRunId });

    expect(run.exitCode, run.output).to.equal(1);
    expect(statuses(run)).to.deep.equal([
      'ok broker: main branches, environment',
      'ok consumer pact tests',
      'ok publish pacts',
      'ok publish provider contract',
      `FAIL can-i-deploy ${PROVIDER}`,
      `skip record-deployment ${PROVIDER}`,
      `skip can-i-deploy ${CONSUMER}`,
      `skip record-deployment ${CONSUMER}`,
    ]);
    expect(run.output).to.contain('$.data.run_id: the document does not declare this field, which the pact needs');
    expect(run.output).to.contain('Computer says no');
  });
});
