// The router's pact with the backend: who the two parties are, where the pact file goes, and the
// PactV4 builder the consumer tests record interactions with.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { z } from 'zod';
import { projectRoot } from '../../common/project-root.ts';

export const CONSUMER_NAME = 'autofighter-router';
export const PROVIDER_NAME = 'autofighter-backend';

/** pact-js names the file `<consumer>-<provider>.json`. */
export const PACT_FILE_NAME = `${CONSUMER_NAME}-${PROVIDER_NAME}.json`;

/** The committed pact: what provider verification, the broker publication and CI read. */
export const COMMITTED_PACT_FILE = join(projectRoot, 'pacts', PACT_FILE_NAME);

/**
 * Where the contract tests write their pact: PACT_OUTPUT_DIR. `npm run test:pact:consumer` sets it to
 * pacts/ unless given (the contract pipeline gives its own); `npm test` leaves it unset, so the tests
 * record and check the pact without writing it: other specs read pacts/ meanwhile, and the committed
 * file must stay what was committed for the staleness check to mean anything.
 */
export function pactOutputFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = z
    .string()
    .trim()
    .min(1)
    .optional()
    .parse(env.PACT_OUTPUT_DIR || undefined);
  return dir ? join(resolve(dir), PACT_FILE_NAME) : undefined;
}

/**
 * Where the contract tests record, before the pact is promoted to the output file: other processes
 * may read that file meanwhile, so it is never deleted or half-written, only replaced whole by a
 * rename once a complete run has passed.
 */
export function stagingDir(): string {
  const dir = join(projectRoot, '.data', `pact-staging-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Replaces `target` with the staged pact atomically (write beside it, then rename over it). */
export function promotePact(stagedFile: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const beside = `${target}.tmp-${process.pid}`;
  writeFileSync(beside, readFileSync(stagedFile));
  renameSync(beside, target);
}

/**
 * Why the committed pact is stale, or undefined when it is byte for byte the recorded one: which line
 * differs first, and what to do about it.
 */
export function stalePact(committed: string | undefined, recorded: string): string | undefined {
  if (committed === recorded) return undefined;
  const fix = 'Run `npm run test:pact:consumer` and commit pacts/.';
  if (committed === undefined) return `${COMMITTED_PACT_FILE} is missing. ${fix}`;
  const a = committed.split('\n');
  const b = recorded.split('\n');
  let line = 0;
  while (a[line] === b[line]) line += 1;
  return [
    `${COMMITTED_PACT_FILE} is stale: the consumer tests record a different pact. ${fix}`,
    `First difference, line ${line + 1}:`,
    `  committed: ${a[line] ?? '(end of file)'}`,
    `  recorded:  ${b[line] ?? '(end of file)'}`,
  ].join('\n');
}

/** The builder, recording into `dir` (a staging folder, or a scratch one for tests of the check itself). */
export function backendPact({ dir }: { dir: string }): PactV4 {
  return new PactV4({
    consumer: CONSUMER_NAME,
    provider: PROVIDER_NAME,
    dir,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: 'warn',
  });
}
