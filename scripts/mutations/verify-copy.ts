// One provider verification of a scratch copy (verify-in-copy.ts run there, so the copy's possibly
// mutated backend is what gets loaded), on a database of its own copied from the run's migrated
// template and dropped afterwards. Its exit code is the verdict: 0 passed, 1 failed; anything else (a
// crash, no answer in time) is no verdict at all, so a mutation that merely breaks the build is never
// counted as caught.
import { join } from 'node:path';
import { runShowingLines } from '../../common/process/run-command.ts';
import { createDatabase, dropDatabase } from '../../db/databases.ts';
import type { Outcome } from './verdict.ts';

const FAILING_INTERACTION = /^ {2}Verifying a pact between .+? - (.+)$/;
let runs = 0;

/** Where the databases go: any PostgreSQL server (PostgresServer is one). */
export interface DatabaseServer {
  serverUrl: string;
  urlFor(database: string): string;
}

export async function verifyCopy(
  root: string,
  server: DatabaseServer,
  template: string,
): Promise<Omit<Outcome, 'mutation'>> {
  runs += 1;
  const database = `mutation_${process.pid}_${runs}`;
  await createDatabase(server.serverUrl, database, { template });
  // None of this shell's pact source, broker, git or CI settings: the committed pact, verified locally.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(PACT_|GIT_|CI$|DATABASE_URL$)/.test(name)),
  );
  const started = performance.now();
  const { code, output } = await runShowingLines(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['scripts/mutations/verify-in-copy.ts'],
    { cwd: root, env: { ...inherited, MUTATION_DATABASE_URL: server.urlFor(database), PACT_DO_NOT_TRACK: 'true' } },
  ).finally(() => dropDatabase(server.serverUrl, database));
  const seconds = (performance.now() - started) / 1000;
  const lines = output.split('\n');
  if (code === 0) return { verification: 'passed', detail: [], seconds };
  if (code === 1) {
    const report = lines.slice(lines.indexOf('Provider verification failed.'));
    const failing = [...new Set(report.flatMap((line) => FAILING_INTERACTION.exec(line)?.[1] ?? []))];
    return { verification: 'failed', detail: failing.length > 0 ? failing : report.slice(1, 4), seconds };
  }
  return { verification: 'error', detail: [`exit ${code}`, ...lines.slice(-15)], seconds };
}
