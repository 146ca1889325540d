// Runs the official Rust Pact Broker CLI (`pact-broker` from @pact-foundation/pact-cli) as a child
// process, asynchronously: the broker under test runs in this same process and must keep answering.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

const cliScript = createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact-broker.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions and failure messages. */
  output: string;
}

export function pactBrokerCli(
  args: string[],
  options: { brokerUrl: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cliScript, ...args],
      {
        env: {
          ...process.env,
          PACT_DO_NOT_TRACK: 'true',
          PACT_BROKER_BASE_URL: options.brokerUrl,
          NO_COLOR: '1',
          ...options.env,
        },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 10 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : NaN) : 0;
        if (Number.isNaN(code)) return reject(error);
        resolve({ code, stdout, stderr, output: `${stdout}${stderr}` });
      },
    );
  });
}
