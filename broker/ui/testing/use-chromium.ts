// A real headless browser for the dashboard's browser specs: Debian's chromium driven by playwright-core.
// Chromium is installed by scripts/install-chromium.ts when missing; a suite is skipped, saying why, only
// when it cannot be installed at all, and a Chromium that is there but does not start fails with one line.
// Screenshots are kept in artifacts/dashboard/ (git-ignored) for people to look at.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { StartupError } from '../../../common/process/startup-error.ts';
import { projectRoot } from '../../../common/project-root.ts';
import { ensureChromium } from '../../../common/process/chromium.ts';

export const SCREENSHOTS = join(projectRoot, 'artifacts', 'dashboard');
const VIEWPORT = { width: 1280, height: 800 };
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumHandle {
  /** The open page (one per suite). */
  readonly page: Page;
  readonly context: BrowserContext;
  /** A full-page screenshot, artifacts/dashboard/<name>.png. */
  shot(name: string): Promise<Buffer>;
}

/** Registers before/after hooks in the calling describe: one Chromium for the suite, closed after it. */
export function useChromium(): ChromiumHandle {
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  let page: Page | undefined;

  before(async function () {
    this.timeout(15 * 60_000); // a first run may install chromium with apt-get
    const found = ensureChromium({ log: (line) => process.stdout.write(`  [chromium] ${line}\n`) });
    if (!found.ok) {
      process.stdout.write(`  SKIPPED: the dashboard browser tests need chromium: ${found.reason}\n`);
      this.skip();
    }
    profile = mkdtempSync(join(tmpdir(), 'broker-dashboard-chromium-'));
    const executablePath = found.ok ? found.path : '';
    context = await chromium
      .launchPersistentContext(profile, { executablePath, headless: true, args: FLAGS, viewport: VIEWPORT })
      .catch((error: Error) => {
        // Playwright's error holds its whole call log: the first line says what went wrong.
        const firstLine = error.message.split('\n')[0];
        throw new StartupError(
          `chromium at ${executablePath} did not start (${firstLine}): reinstall it (apt-get install --reinstall chromium)`,
        );
      });
    page = context.pages()[0] ?? (await context.newPage());
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  return {
    get page() {
      if (!page) throw new Error('useChromium: the page exists only inside tests');
      return page;
    },
    get context() {
      if (!context) throw new Error('useChromium: the context exists only inside tests');
      return context;
    },
    shot(name: string) {
      return this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
  };
}
