// Step 2: the router's consumer pact tests, exactly as its team runs them (`npm run
// test:pact:consumer`), writing the pact into the pipeline's pact directory.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../../common/project-root.ts';
import { runShowingLines } from '../../../common/process/run-command.ts';
import { CONSUMER, PROVIDER } from '../config.ts';
import type { Step } from '../step.ts';

/** pact-js names the file `<consumer>-<provider>.json`. */
export function pactFile(pactDir: string): string {
  return join(pactDir, `${CONSUMER}-${PROVIDER}.json`);
}

/** A path under the project as the project's own relative path (shorter in logs), else as it is. */
export function shownPath(path: string): string {
  const inside = relative(projectRoot, path);
  return inside.startsWith('..') ? path : inside;
}

export const consumerTests: Step = {
  title: 'consumer pact tests',
  async run(context) {
    const { pactDir } = context.config;
    context.progress.detail(`$ npm run test:pact:consumer   (PACT_OUTPUT_DIR=${shownPath(pactDir)})`);
    const { code, output } = await runShowingLines(
      'npm',
      ['run', '--silent', 'test:pact:consumer'],
      { cwd: projectRoot, env: { ...process.env, PACT_DO_NOT_TRACK: 'true', PACT_OUTPUT_DIR: pactDir } },
      (line) => context.progress.detail(`  ${line}`),
    );
    const passing = /(\d+) passing/.exec(output)?.[1];
    if (code !== 0) return { ok: false, summary: `the consumer pact tests failed (exit ${code}): nothing to publish` };
    const file = pactFile(pactDir);
    if (!existsSync(file)) return { ok: false, summary: `the tests passed but wrote no ${shownPath(file)}` };
    const interactions =
      (JSON.parse(readFileSync(file, 'utf8')) as { interactions?: unknown[] }).interactions?.length ?? 0;
    return {
      ok: true,
      summary: `${passing ?? 'all'} tests passed; ${shownPath(file)} has ${interactions} interactions`,
    };
  },
};
