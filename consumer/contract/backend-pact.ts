// The router's pact with the backend: who the two parties are, where the pact file goes, and the
// PactV4 builder the consumer tests record interactions with.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { z } from 'zod';
import { projectRoot } from '../../db/project-root.ts';

export const CONSUMER_NAME = 'autofighter-router';
export const PROVIDER_NAME = 'autofighter-backend';

/**
 * pacts/ (the committed pact), unless PACT_OUTPUT_DIR names another directory: the contract pipeline's
 * specs write their pact elsewhere, so the committed file is never rewritten while other specs read it.
 */
const outputDir = z
  .string()
  .trim()
  .min(1)
  .optional()
  .parse(process.env.PACT_OUTPUT_DIR || undefined);
export const PACT_DIR = outputDir ? resolve(outputDir) : join(projectRoot, 'pacts');
/** pact-js names the file `<consumer>-<provider>.json`. */
export const PACT_FILE = join(PACT_DIR, `${CONSUMER_NAME}-${PROVIDER_NAME}.json`);

/**
 * Where the contract tests record, before the pact is promoted to PACT_FILE: other specs (provider
 * verification) read PACT_FILE in parallel workers, so it is never deleted or half-written, only
 * replaced whole by a rename once a complete run has passed.
 */
export function stagingDir(): string {
  const dir = join(projectRoot, '.data', `pact-staging-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Replaces PACT_FILE with the staged pact atomically (write beside it, then rename over it). */
export function promotePact(stagedFile: string): void {
  mkdirSync(PACT_DIR, { recursive: true });
  const beside = `${PACT_FILE}.tmp-${process.pid}`;
  writeFileSync(beside, readFileSync(stagedFile));
  renameSync(beside, PACT_FILE);
}

/** `dir` elsewhere only for tests of the contract check itself. */
export function backendPact({ dir = PACT_DIR }: { dir?: string } = {}): PactV4 {
  return new PactV4({
    consumer: CONSUMER_NAME,
    provider: PROVIDER_NAME,
    dir,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: 'warn',
  });
}
