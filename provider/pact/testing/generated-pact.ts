// The pact as the consumer's contract tests generate it now: `npm run test:pact:consumer` in a child
// process, writing into a folder of the caller's. Provider verification in `npm test` verifies this
// pact, not whatever pacts/ holds at the moment: the consumer's own spec may run at the same time in
// another worker, and the committed file may be stale (the consumer spec fails on that by itself).
import { join } from 'node:path';
import { runShowingLines } from '../../../common/process/run-command.ts';
import { projectRoot } from '../../../common/project-root.ts';

const PACT_FILE_NAME = 'autofighter-router-autofighter-backend.json';

/** Runs the consumer's pact tests with PACT_OUTPUT_DIR=`dir`; the path of the pact they wrote. */
export async function generateConsumerPact(dir: string): Promise<string> {
  const { code, output } = await runShowingLines('npm', ['run', '--silent', 'test:pact:consumer'], {
    cwd: projectRoot,
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true', PACT_OUTPUT_DIR: dir },
  });
  if (code !== 0)
    throw new Error(`the consumer's pact tests failed (exit ${code}), so there is no pact to verify:\n${output}`);
  return join(dir, PACT_FILE_NAME);
}
