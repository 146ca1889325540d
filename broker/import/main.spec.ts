// The command's arguments: wrong ones are refused with the reason and the usage (exit 2) before anything
// is opened or read. (The import itself is import.spec.ts, through the function the command calls.)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'broker/import/main.ts',
      ...args,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('npm run broker:import (arguments)', function () {
  this.timeout(60_000);

  it('without --from, exits 2 with the usage', async () => {
    const result = await run('--dry-run');
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('usage: npm run broker:import -- --from URL');
  });

  it('with both a token and a username, exits 2 saying to give one', async () => {
    const result = await run('--from', 'https://old.example', '--token', 't', '--username', 'u');
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('give --token or --username, not both');
  });

  it('with a source URL that is not http(s), exits 2 naming --from', async () => {
    const result = await run('--from', 'ftp://old.example');
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('--from must be');
  });
});
