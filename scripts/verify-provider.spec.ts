// `npm run verify:provider` as CI runs it, in a child process: PACT_URL names a pact file, the command
// verifies it against the production backend on a database of its own (here on the test run's
// PostgreSQL, through DATABASE_URL) and says so with its exit code and its output.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../common/project-root.ts';
import { testServerInfo } from '../db/testing/test-server.ts';
import { BROKEN, brokenPact, smallPact, writePact } from '../provider/pact/testing/pact-variants.ts';

interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command with only the variables given: none of this shell's PACT_*, GIT_* or CI leak in. */
function verifyProvider(env: Record<string, string>): Promise<CommandRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PACT_|GIT_|CI$)/.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'verify:provider'], {
      cwd: projectRoot,
      env: { ...inherited, DATABASE_URL: testServerInfo().serverUrl, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run verify:provider', function () {
  this.timeout(90_000);
  let scratch: string;

  before(() => (scratch = mkdtempSync(join(tmpdir(), 'verify-provider-'))));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('PACT_URL=<a pact file>: verifies that pact against the backend, prints the reports and exits 0', async () => {
    const file = writePact(scratch, 'small.json', smallPact());
    const run = await verifyProvider({ PACT_URL: file });

    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout)
      .to.include(`Pacts: ${file} (PACT_URL)`)
      .and.include('Results: not published')
      .and.include('Provider states: 2 used by the pacts, 10 handled, 0 without a handler')
      .and.include('Route coverage: 2 of 15 backend routes exercised by the pacts')
      .and.include('Provider verification passed.');
  });

  it('PACT_URL=<a pact the backend does not satisfy>: exits 1, naming each failing interaction and its mismatch', async () => {
    const run = await verifyProvider({ PACT_URL: writePact(scratch, 'broken.json', brokenPact()) });

    expect(run.code, run.stdout + run.stderr).to.equal(1);
    const report = run.stdout.slice(run.stdout.indexOf('Provider verification failed.'));
    for (const { description, named } of Object.values(BROKEN)) expect(report).to.include(description).and.match(named);
  });

  it('a bad configuration: exits 2 with the reason, before starting anything', async () => {
    const run = await verifyProvider({ PACT_URL: join(scratch, 'missing.json') });

    expect(run.code).to.equal(2);
    expect(run.stderr).to.include(`PACT_URL: no pact file at ${join(scratch, 'missing.json')}`);
  });
});
