// What the browser tests say when Chromium is missing: one line with what to do. (Nothing here runs
// apt-get: the cases are those where it is not run or not there.)
import { expect } from 'chai';
import { ensureChromium } from './chromium.ts';

describe('finding Chromium for the browser tests', () => {
  it('when it is where it should be, uses it without installing anything', () => {
    const lines: string[] = [];
    const found = ensureChromium({ path: process.execPath, log: (line) => lines.push(line) });
    expect(found).to.deep.equal({ ok: true, path: process.execPath, installed: false });
    expect(lines).to.deep.equal([]);
  });

  it('when it is missing and we are not root, says in one line how to install it', () => {
    const found = ensureChromium({ path: '/nowhere/chromium', isRoot: false });
    expect(found).to.deep.equal({
      ok: false,
      reason:
        '/nowhere/chromium is missing: install it with "sudo apt-get install -y chromium" ' +
        '(or npm run install:chromium as root)',
    });
  });

  it('when it is missing and there is no apt-get, says so in one line', () => {
    const found = ensureChromium({ path: '/nowhere/chromium', isRoot: true, aptGet: '/nowhere/apt-get' });
    expect(found.ok).to.equal(false);
    const reason = found.ok ? '' : found.reason;
    expect(reason).to.equal(
      '/nowhere/chromium is missing and this machine has no /nowhere/apt-get to install it with: ' +
        'install Chromium at /nowhere/chromium',
    );
  });
});
