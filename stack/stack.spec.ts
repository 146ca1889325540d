// `npm start` as a user runs it: the stack's entry point in a process of its own (here on free ports
// and on this test run's PostgreSQL server), the smoke checks against it, then Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { withDatabase } from '../db/connection-url.ts';
import { projectRoot } from '../common/project-root.ts';
import { testServerInfo } from '../db/testing/test-server.ts';
import { workerId } from '../db/testing/test-databases.ts';
import { smokeChecks, type StackUrls } from './smoke-checks.ts';

const BANNER_DONE = 'Press Ctrl-C to stop.';

function waitFor(child: ChildProcess, output: () => string, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = () => {
      if (output().includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!output().includes(text)) reject(new Error(`the stack exited (${code}) before "${text}":\n${output()}`));
    });
    check();
  });
}

describe('npm start: the whole stack in one command', function () {
  this.timeout(120_000);
  let child: ChildProcess;
  let output = '';
  let urls: StackUrls & { broker: string };

  before(async () => {
    const { serverUrl, prefix } = testServerInfo();
    const env = {
      ...process.env,
      // Databases of its own on the test server (created and migrated by the stack itself).
      DATABASE_URL: withDatabase(serverUrl, `${prefix}_stack_backend_w${workerId()}`),
      BROKER_DATABASE_URL: withDatabase(serverUrl, `${prefix}_stack_broker_w${workerId()}`),
      ROUTER_PORT: '0',
      BACKEND_PORT: '0',
      BROKER_PORT: '0',
      LOG_LEVEL: 'warn',
      BROKER_LOG_LEVEL: 'warn',
    };
    child = spawn(process.execPath, ['--import', 'tsx', 'stack/main.ts'], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(child, () => output, BANNER_DONE, 90_000);
    const url = (service: string) => new RegExp(`^\\s+${service}\\s+(http://\\S+)`, 'm').exec(output)?.[1];
    urls = { router: url('router')!, backend: url('backend')!, broker: url('broker')! };
  });

  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the URL of each service', () => {
    expect(urls.router).to.match(/^http:\/\/localhost:\d+$/);
    expect(urls.backend).to.match(/^http:\/\/localhost:\d+$/);
    expect(urls.broker).to.match(/^http:\/\/localhost:\d+$/);
  });

  for (const check of smokeChecks) {
    it(`smoke: ${check.name}`, () => check.run(urls));
  }

  it('the broker answers its HAL index', async () => {
    const res = await fetch(`${urls.broker}/`, { headers: { accept: 'application/hal+json' } });
    expect(res.status).to.equal(200);
    const index = (await res.json()) as { _links: Record<string, { href: string }> };
    expect(index._links['pb:publish-contracts']!.href).to.equal(`${urls.broker}/contracts/publish`);
  });

  it('Ctrl-C stops every service and PostgreSQL clients in order, and the process ends', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    const code = await exited;
    expect(output).to.contain('stopping the autofighter stack...');
    expect(output).to.contain('autofighter stack stopped.');
    expect(code).to.equal(130); // 128 + SIGINT, as a shell reports an interrupted command
    const closed = await fetch(`${urls.router}/health`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(closed).to.equal('refused');
  });
});
