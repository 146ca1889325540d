// `npm run broker:clean`, run as a user runs it (its own process) on the worker's broker test database.
import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { projectRoot } from '../common/project-root.ts';
import { useBroker } from '../broker/testing/broker-test-context.ts';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function brokerClean(args: string[], databaseUrl: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/broker-clean.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, BROKER_DATABASE_URL: databaseUrl, BROKER_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run broker:clean', function () {
  this.timeout(60_000);
  const broker = useBroker();
  const numbers = async () =>
    (await broker.prisma.version.findMany({ orderBy: { id: 'asc' } })).map((version) => version.number);

  beforeEach(async () => {
    const data = broker.data().pacticipant('Foo');
    for (let i = 1; i <= 4; i += 1) data.version(String(i));
    await data;
  });

  it('with --dry-run, prints the versions that would go as JSON and deletes nothing; without, deletes them', async () => {
    const keep = '[{"latest": 2}]';
    const dry = await brokerClean(['--dry-run', '--keep', keep], broker.databaseUrl);
    expect(dry.code, dry.stderr).to.equal(0);
    const result = JSON.parse(dry.stdout) as { dryRun: boolean; versions: { number: string }[] };
    expect(result.dryRun).to.equal(true);
    expect(result.versions.map((version) => version.number)).to.deep.equal(['1', '2']);
    expect(await numbers()).to.deep.equal(['1', '2', '3', '4']);

    const real = await brokerClean(['--keep', keep, '--limit', '1'], broker.databaseUrl);
    expect(real.code, real.stderr).to.equal(0);
    expect(JSON.parse(real.stdout)).to.deep.include({ dryRun: false, remainingVersions: 3 });
    expect(await numbers()).to.deep.equal(['2', '3', '4']);
  });

  it('with bad selectors, says what is wrong in one line, exits with 1 and deletes nothing', async () => {
    const outcome = await brokerClean(['--keep', '[{"newest": 2}]'], broker.databaseUrl);
    expect(outcome.code).to.equal(1);
    expect(outcome.stderr).to.match(/--keep: invalid keep selectors: .*newest/);
    expect(outcome.stderr).not.to.match(/\n\s+at /);
    expect(await numbers()).to.deep.equal(['1', '2', '3', '4']);
  });
});
