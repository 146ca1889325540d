// Debian's `chromium` package: the browser the dashboard's browser tests drive through playwright-core
// (a test tool's own browser download cannot reach its servers from this project's machines; Debian's
// apt repositories can be reached). `npm run install:chromium` (scripts/install-chromium.ts) installs it; the browser tests call
// ensureChromium() themselves, so `npm test` (and CI's .ci/run, which runs it) installs it when missing.
// When it cannot, the reason is one line saying what to do.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export type ChromiumResult = { ok: true; path: string; installed: boolean } | { ok: false; reason: string };

export interface ChromiumOptions {
  log?: (line: string) => void;
  /** Where the browser must be (Debian's package puts it in /usr/bin/chromium). */
  path?: string;
  /** Where apt-get is, and whether we may run it (only root may). */
  aptGet?: string;
  isRoot?: boolean;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command; undefined when it worked, else its last line of output (or why it did not run). */
function run(command: string, args: string[], log: (line: string) => void): string | undefined {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 0) return undefined;
  const lastLine = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').pop()?.trim();
  return lastLine || (result.error?.message ?? `exit ${result.status}`);
}

/** Chromium at /usr/bin/chromium, installed with apt-get when missing (needs root). */
export function ensureChromium(options: ChromiumOptions = {}): ChromiumResult {
  const {
    log = () => undefined,
    path = CHROMIUM_PATH,
    aptGet = '/usr/bin/apt-get',
    isRoot = process.getuid?.() === 0,
  } = options;
  if (executable(path)) return { ok: true, path, installed: false };
  if (!isRoot) {
    return {
      ok: false,
      reason: `${path} is missing: install it with "sudo apt-get install -y chromium" (or npm run install:chromium as root)`,
    };
  }
  if (!executable(aptGet)) {
    return {
      ok: false,
      reason: `${path} is missing and this machine has no ${aptGet} to install it with: install Chromium at ${path}`,
    };
  }
  // The package lists may be stale or absent on a fresh machine: update once, then install.
  run(aptGet, ['update', '-q'], log);
  const failure = run(aptGet, ['install', '-y', '-q', '--no-install-recommends', 'chromium'], log);
  if (failure !== undefined) {
    return {
      ok: false,
      reason:
        `${path} is missing and "apt-get install chromium" failed (${failure}): ` +
        "check that Debian's repositories can be reached, then run npm run install:chromium",
    };
  }
  if (!executable(path)) {
    return { ok: false, reason: `apt-get installed chromium but ${path} is not there: install Chromium at ${path}` };
  }
  return { ok: true, path, installed: true };
}
