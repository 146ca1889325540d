// Runs the official Pact CLI (`pact` from @pact-foundation/pact-cli: `pact pactflow ...`, `pact broker ...`)
// as a child process, asynchronously: the broker under test runs in this same process.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { CliRun } from '../../testing/pact-broker-cli.ts';

const pactScript = createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact.js');

export function pactCli(args: string[], brokerUrl: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [pactScript, ...args],
      {
        env: { ...process.env, PACT_DO_NOT_TRACK: 'true', PACT_BROKER_BASE_URL: brokerUrl, NO_COLOR: '1' },
        timeout: 60_000,
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
