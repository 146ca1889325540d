// Debian's `chromium` package: the browser the dashboard's browser tests drive through playwright-core
// (a test tool's own browser download cannot reach its servers from this project's machines; Debian's
// apt repositories can be reached). `npm run install:chromium` installs it; the browser tests call
// ensureChromium() themselves, so `npm test` (and CI's .ci/run, which runs it) installs it when missing.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export type ChromiumResult = { ok: true; path: string; installed: boolean } | { ok: false; reason: string };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], log: (line: string) => void): boolean {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 0) return true;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
  log(`  failed (${result.error?.message ?? `exit ${result.status}`})${output ? `:\n${output}` : ''}`);
  return false;
}

/** Chromium at /usr/bin/chromium, installed with apt-get when missing (needs root). */
export function ensureChromium(log: (line: string) => void = () => undefined): ChromiumResult {
  if (executable(CHROMIUM_PATH)) return { ok: true, path: CHROMIUM_PATH, installed: false };
  if (process.getuid?.() !== 0)
    return {
      ok: false,
      reason: `${CHROMIUM_PATH} is missing and installing it needs root (run: sudo apt-get install -y chromium)`,
    };
  if (!executable('/usr/bin/apt-get'))
    return { ok: false, reason: `${CHROMIUM_PATH} is missing and this machine has no apt-get to install it with` };
  // The package lists may be stale or absent on a fresh machine: update once, then install.
  run('apt-get', ['update', '-q'], log);
  if (!run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], log)) {
    return { ok: false, reason: "apt-get install chromium failed (are Debian's repositories reachable?)" };
  }
  if (!executable(CHROMIUM_PATH))
    return { ok: false, reason: `apt-get installed chromium but ${CHROMIUM_PATH} is not there` };
  return { ok: true, path: CHROMIUM_PATH, installed: true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = ensureChromium((line) => process.stdout.write(`${line}\n`));
  if (result.ok)
    process.stdout.write(`chromium ${result.installed ? 'installed' : 'already installed'} at ${result.path}\n`);
  else process.stdout.write(`chromium not available: ${result.reason}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
