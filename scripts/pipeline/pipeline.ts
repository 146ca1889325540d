// The contract pipeline, one step after another, as separate CI jobs would run them: the broker made
// ready, the consumer's pact tests, publishing, the provider's verification from the broker, then for
// the provider and then the consumer: can-i-deploy to the environment and record-deployment. The
// provider goes first because a consumer can only be deployed next to a provider it was verified with
// (for the consumer the broker answers "unknown" while no provider is recorded in the environment),
// while a provider with no consumer deployed yet is free to go.
import type { RequestListener } from 'node:http';
import type { Express } from 'express';
import type { OpenApiDocument } from '../../provider/openapi/document.ts';
import { openVerificationDatabase, type VerificationDatabase } from '../../provider/pact/verification-database.ts';
import type { PipelineBroker } from './broker-connection.ts';
import { CONSUMER, PROVIDER, type PipelineConfig } from './config.ts';
import { startOwnBroker, type OwnBroker } from './own-broker.ts';
import { Progress, type StepReport } from './progress.ts';
import type { Step, StepContext, StepOutcome } from './step.ts';
import { canIDeploy } from './steps/can-i-deploy.ts';
import { consumerTests } from './steps/consumer-tests.ts';
import { prepareBroker } from './steps/prepare-broker.ts';
import { publishPacts } from './steps/publish-pacts.ts';
import { publishProviderContract } from './steps/publish-provider-contract.ts';
import { recordDeployment } from './steps/record-deployment.ts';
import { verifyProvider } from './steps/verify-provider.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true'; // pact-core (the in-process verification) would otherwise send usage metrics

export interface PipelineOptions {
  /** Without a broker URL the pipeline starts one of its own, which stops with the process's shutdown (main.ts). */
  config: PipelineConfig;
  /** Where the progress goes (default: stdout). */
  write?: (text: string) => void;
  /** The provider build under verification (default: the production app); see verifyBackend. */
  providerBuild?: (app: Express) => RequestListener;
  /** The verification's database (default: one of its own, dropped afterwards). */
  openVerificationDatabase?: () => Promise<VerificationDatabase>;
  /** In the openapi provider mode, the document published (default: the backend's own). */
  providerDocument?: () => OpenApiDocument;
}

export interface PipelineResult {
  /** 0: every step passed; 1: a step failed (or the pipeline's own broker did not start). */
  exitCode: 0 | 1;
  reports: StepReport[];
}

function pipelineSteps(options: PipelineOptions, own: OwnBroker | undefined): Step[] {
  const openDatabase =
    options.openVerificationDatabase ?? (() => openVerificationDatabase(own ? { server: own.postgres } : {}));
  return [
    prepareBroker,
    consumerTests,
    publishPacts,
    options.config.providerMode === 'openapi'
      ? publishProviderContract(options.providerDocument ? { document: options.providerDocument } : {})
      : verifyProvider({ openDatabase, ...(options.providerBuild ? { providerBuild: options.providerBuild } : {}) }),
    canIDeploy(PROVIDER),
    recordDeployment(PROVIDER),
    canIDeploy(CONSUMER),
    recordDeployment(CONSUMER),
  ];
}

async function runStep(step: Step, context: StepContext): Promise<StepOutcome> {
  try {
    return await step.run(context);
  } catch (error) {
    return { ok: false, summary: `error: ${(error as Error).message}` };
  }
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { config } = options;
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const header = new Progress(write, 0);
  header.line(`Contract pipeline: ${CONSUMER} -> ${PROVIDER}`);
  header.line(`  version ${config.version}, branch ${config.branch}, environment ${config.environment}`);
  if (config.providerMode === 'openapi')
    header.line(
      '  provider mode: openapi (the backend publishes its OpenAPI document; the broker compares the pacts with it)',
    );

  let own: OwnBroker | undefined;
  if (!config.brokerUrl) {
    header.line('  broker   none given (PACT_BROKER_BASE_URL): starting one of its own...');
    try {
      own = await startOwnBroker();
    } catch (error) {
      header.line(`Pipeline FAILED: its own broker did not start: ${(error as Error).message}`);
      return { exitCode: 1, reports: [] };
    }
  }
  const broker: PipelineBroker = {
    url: own?.url ?? config.brokerUrl!,
    ...(config.credentials ? { credentials: config.credentials } : {}),
    httpRetries: config.httpRetries,
    description: own?.description ?? 'PACT_BROKER_BASE_URL',
  };
  header.line(`  broker   ${broker.url} (${broker.description})`);

  const steps = pipelineSteps(options, own);
  const progress = new Progress(write, steps.length);
  const context: StepContext = { config, broker, progress };
  let stoppedBy: string | undefined;
  for (const step of steps) {
    if (stoppedBy) {
      progress.skip(step.title, `not run: ${stoppedBy} failed`);
      continue;
    }
    progress.start(step.title);
    const started = performance.now();
    const outcome = await runStep(step, context);
    progress.finish({
      title: step.title,
      status: outcome.ok ? 'ok' : 'FAIL',
      summary: outcome.summary,
      seconds: (performance.now() - started) / 1000,
    });
    if (!outcome.ok && !outcome.laterStepsDecide) stoppedBy = step.title;
  }

  const failures = progress.reports.filter((report) => report.status === 'FAIL');
  progress.summary(
    failures.length === 0
      ? `Pipeline passed: ${CONSUMER} and ${PROVIDER} ${config.version} are verified and recorded as deployed to ${config.environment}.`
      : `Pipeline FAILED: ${failures.map((report) => `${report.title}: ${report.summary}`).join('; ')}`,
  );
  return { exitCode: failures.length === 0 ? 0 : 1, reports: progress.reports };
}
