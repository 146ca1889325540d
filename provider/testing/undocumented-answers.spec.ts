import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../common/project-root.ts';

const MOCHA = join(projectRoot, 'node_modules', '.bin', 'mocha');
const FIXTURE = join(projectRoot, 'provider', 'testing', 'fixtures', 'undocumented-answers.fixture.ts');

describe('backend tests: an answer the OpenAPI document does not promise', function () {
  this.timeout(60_000);

  it('fails the test that caused it, with the reason, and the other tests still run', async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        MOCHA,
        ['--no-config', '--node-option', 'import=tsx', '--reporter', 'spec', FIXTURE],
        { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }),
      );
    });
    expect(code, output).to.equal(1);
    // Mocha lists the test once as passed (its own body did pass) and once as failed (the hook's error).
    expect(output).to.match(/1 failing/);
    expect(output).to.contain(
      '1) a spec file whose test got an undocumented answer\n       gets an answer the document does not promise:',
    );
    expect(output).to.contain('GET /api/game/secret answered 200, but the document has no GET /api/game/secret');
    expect(output).to.match(/✔ gets only documented answers/);
  });
});
