// What a person sees when `npm start` or `npm test` cannot start: one line on stderr saying what failed
// and what to do, exit code 1, and nothing left running; never an unhandled error with a stack trace.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { freePort } from '../common/net/free-port.ts';
import { withDatabase } from '../db/connection-url.ts';
import { projectRoot } from '../common/project-root.ts';
import { testServerInfo } from '../db/testing/test-server.ts';
import { workerId } from '../db/testing/test-databases.ts';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const npmStart = (env: NodeJS.ProcessEnv) => run(['--import', 'tsx', 'stack/main.ts'], env);

async function unreachableUrl(): Promise<{ url: string; port: number }> {
  const port = await freePort();
  return { url: `postgresql://app:s3cret@127.0.0.1:${port}/autofighter`, port };
}

describe('when npm start or npm test cannot start', function () {
  this.timeout(120_000);
  const quiet = { LOG_LEVEL: 'warn', BROKER_LOG_LEVEL: 'warn' };

  describe("npm start, when the router's port is in use", () => {
    let holder: Server;
    let port: number;

    before(async () => {
      holder = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '0.0.0.0', resolve));
      port = (holder.address() as { port: number }).port;
    });

    after(() => new Promise<void>((resolve) => holder.close(() => resolve())));

    it('prints one line naming the port and ROUTER_PORT, stops what it started and exits with 1', async () => {
      const { serverUrl, prefix } = testServerInfo();
      const outcome = await npmStart({
        ...process.env,
        ...quiet,
        DATABASE_URL: withDatabase(serverUrl, `${prefix}_start_failure_backend_w${workerId()}`),
        BROKER_DATABASE_URL: withDatabase(serverUrl, `${prefix}_start_failure_broker_w${workerId()}`),
        BROKER_PORT: '0',
        BACKEND_PORT: '0',
        ROUTER_PORT: String(port),
      });
      expect(outcome.code, outcome.stderr).to.equal(1);
      expect(outcome.stderr).to.equal(
        `npm start: the autofighter stack did not start: the router cannot listen on 0.0.0.0:${port}: ` +
          `the port is in use: stop what listens there (an earlier npm start?) or set ROUTER_PORT to a free port\n`,
      );
      expect(outcome.stdout).to.not.contain('autofighter stack is up');
    });
  });

  it('npm start, when the server of DATABASE_URL cannot be reached: one line without the password, exit 1', async () => {
    const { url, port } = await unreachableUrl();
    const outcome = await npmStart({ ...process.env, ...quiet, DATABASE_URL: url });
    expect(outcome.code).to.equal(1);
    expect(outcome.stderr).to.equal(
      'npm start: the autofighter stack did not start: the PostgreSQL server of DATABASE_URL ' +
        `(postgresql://app:***@127.0.0.1:${port}/autofighter) cannot be reached (connect ECONNREFUSED 127.0.0.1:${port}): ` +
        'start that server or correct DATABASE_URL, or unset it to use the embedded PostgreSQL\n',
    );
  });

  it('npm test, when the server of DATABASE_URL cannot be reached: its line and no stack trace, exit 1', async () => {
    const { url } = await unreachableUrl();
    const mocha = join(projectRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const outcome = await run([mocha, 'common/config/parse-env.spec.ts'], { ...process.env, DATABASE_URL: url });
    expect(outcome.code).to.equal(1);
    const lines = outcome.stderr.split('\n').filter((line) => line.trim() !== '');
    // Mocha's own heading, then ours.
    expect(lines).to.have.length(2, outcome.stderr);
    expect(lines[0]).to.equal('[mocha] global setup failed:');
    expect(lines[1]).to.match(/^the PostgreSQL server of DATABASE_URL \(postgresql:\/\/app:\*\*\*@127\.0\.0\.1:\d+/);
  });
});
