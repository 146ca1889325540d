// What a pipeline step is given and what it answers. Each step is a file in steps/.
import type { PipelineConfig } from './config.ts';
import { brokerUnreachable, type PipelineBroker } from './broker-connection.ts';
import { PACT_BROKER_CLI, PACT_CLI, pactBroker, showCommand, type CliResult } from './pact-broker-cli.ts';
import type { Progress } from './progress.ts';

export interface StepContext {
  config: PipelineConfig;
  broker: PipelineBroker;
  progress: Progress;
}

export interface StepOutcome {
  ok: boolean;
  /** One line for the step's result and the summary. */
  summary: string;
  /**
   * A failure whose consequence a later step judges: a failed verification is published like any
   * result, and can-i-deploy (which must also catch pending pacts' failures, which never fail a
   * verification) says whether anything may be deployed.
   */
  laterStepsDecide?: boolean;
}

export interface Step {
  title: string;
  run(context: StepContext): Promise<StepOutcome>;
}

/**
 * The official CLI against the run's broker, its command line and output shown under the step. Output
 * meant for the step to read (`--output json`) is shown only when the command fails.
 */
export async function cli(
  context: StepContext,
  args: string[],
  { showOutput = true, command = 'pact-broker' as 'pact-broker' | 'pact' } = {},
): Promise<CliResult> {
  const show = (line: string) => context.progress.detail(`  ${line}`);
  context.progress.detail(`$ ${showCommand(args, command)}`);
  const binary = command === 'pact' ? PACT_CLI : PACT_BROKER_CLI;
  const result = await pactBroker(args, context.broker, showOutput ? show : undefined, binary);
  if (!showOutput && result.code !== 0) result.output.trimEnd().split('\n').forEach(show);
  return result;
}

/** Why a CLI command failed, in words: a broker that does not answer is named as such. */
export async function cliFailure(context: StepContext, what: string, result: CliResult): Promise<string> {
  const down = await brokerUnreachable(context.broker.url);
  if (down)
    return `${what}: the broker at ${context.broker.url} does not answer (${down}); the Pact CLI exited ${result.code}`;
  return `${what}: the Pact CLI exited ${result.code} (its output is above)`;
}
