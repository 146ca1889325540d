// The official Pact Broker CLI (node_modules/.bin/pact-broker, the Rust client from
// @pact-foundation/pact-cli), run as users run it: a child process whose output is shown as it comes.
// Asynchronous, because the pipeline's own broker runs in this same process and must keep answering.
import { join } from 'node:path';
import { projectRoot } from '../../common/project-root.ts';
import type { PipelineBroker } from './broker-connection.ts';
import { runShowingLines, type CommandResult } from '../../common/process/run-command.ts';

export const PACT_BROKER_CLI = join(projectRoot, 'node_modules', '.bin', 'pact-broker');
/** The same CLI's `pact` command: `pact pactflow publish-provider-contract` lives there. */
export const PACT_CLI = join(projectRoot, 'node_modules', '.bin', 'pact');

export type CliResult = CommandResult;

/** The command as a person would type it (no credentials: the CLI reads those from the environment). */
export function showCommand(args: readonly string[], command = 'pact-broker'): string {
  return [command, ...args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`))].join(
    ' ',
  );
}

export function pactBroker(
  args: readonly string[],
  broker: PipelineBroker,
  onLine: (line: string) => void = () => undefined,
  cli: string = PACT_BROKER_CLI,
): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PACT_DO_NOT_TRACK: 'true',
    NO_COLOR: '1',
    PACT_BROKER_BASE_URL: broker.url,
    PACT_BROKER_HTTP_RETRIES: String(broker.httpRetries),
  };
  // Only the pipeline's credentials reach the CLI, never stray ones from the shell.
  delete env.PACT_BROKER_TOKEN;
  delete env.PACT_BROKER_USERNAME;
  delete env.PACT_BROKER_PASSWORD;
  const { credentials } = broker;
  if (credentials && 'token' in credentials) env.PACT_BROKER_TOKEN = credentials.token;
  if (credentials && 'username' in credentials)
    Object.assign(env, { PACT_BROKER_USERNAME: credentials.username, PACT_BROKER_PASSWORD: credentials.password });
  return runShowingLines(cli, args, { cwd: projectRoot, env }, onLine);
}
