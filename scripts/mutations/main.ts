// `npm run test:mutations`: the contract's own mutation test. Each backend change of mutations.ts is
// made, one at a time, to a scratch copy of the project (never to the working tree), and the copy is
// verified with the project's provider verification (verifyBackend, as `npm run verify:provider` runs
// it: the committed pact against the copy's production app; see verify-in-copy.ts). Prints each
// outcome, then the kill rate and the false alarms.
// Exit code: 0 every breaking change caught and no false alarm; 1 otherwise; 2 no verdict possible
// (the list does not fit the sources, or the unchanged copy does not pass verification).
//
//   npm run test:mutations                     every mutation, one verification at a time
//   npm run test:mutations -- --jobs 2         two scratch copies verifying side by side
//   npm run test:mutations -- --only a,b       just these mutations (ids from mutations.ts)
import { parseArgs } from 'node:util';
import { createDatabase, dropDatabase } from '../../db/databases.ts';
import { migrateDeploy } from '../../db/migrate.ts';
import { startPostgres, type PostgresServer } from '../../db/postgres-server.ts';
import { projectRoot } from '../../common/project-root.ts';
import { runShutdown } from '../../common/process/shutdown.ts';
import { seedGachaCatalog } from '../../provider/gacha/catalog.ts';
import { createPrismaClient } from '../../provider/prisma-client.ts';
import { mutationProblems } from './check-list.ts';
import { applyMutation } from './apply.ts';
import { mutations, type Mutation } from './mutations.ts';
import { createScratchCopy, type ScratchCopy } from './scratch-copy.ts';
import { judge, type Outcome } from './verdict.ts';
import { verifyCopy } from './verify-copy.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true';
const out = (line = '') => process.stdout.write(`${line}\n`);

/** A migrated backend database with its catalog, for each verification to copy (migrating takes seconds). */
async function createTemplate(server: PostgresServer): Promise<string> {
  const name = `mutation_template_${process.pid}`;
  await createDatabase(server.serverUrl, name);
  await migrateDeploy('backend', server.urlFor(name));
  const prisma = createPrismaClient(server.urlFor(name), { poolSize: 1 });
  await seedGachaCatalog(prisma).finally(() => prisma.$disconnect());
  return name;
}

function selected(only: string | undefined): Mutation[] {
  if (!only) return mutations;
  const ids = only.split(',').map((id) => id.trim());
  const unknown = ids.filter((id) => !mutations.some((mutation) => mutation.id === id));
  if (unknown.length > 0) throw new Error(`no such mutation: ${unknown.join(', ')}`);
  return mutations.filter((mutation) => ids.includes(mutation.id));
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, jobs: { type: 'string', default: '1' } } });
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 8) throw new Error('--jobs must be a whole number from 1 to 8');
  const list = selected(values.only);

  const problems = mutationProblems(list, projectRoot);
  if (problems.length > 0) {
    out('The mutation list does not fit the sources:');
    for (const problem of problems) out(`  ${problem}`);
    return 2;
  }
  const breaking = list.filter((mutation) => mutation.kind === 'breaking').length;
  out(
    `Mutation test: ${breaking} breaking and ${list.length - breaking} compatible backend changes, ${jobs} at a time`,
  );

  const started = performance.now();
  const server = await startPostgres({ instance: 'test' });
  out(`PostgreSQL: ${server.description}`);
  const copies: ScratchCopy[] = [];
  let template: string | undefined;
  try {
    template = await createTemplate(server);
    for (let i = 0; i < jobs; i += 1) copies.push(createScratchCopy(projectRoot));
    out(`Scratch copies: ${copies.map((copy) => copy.root).join(', ')}`);
    const verify = (copy: ScratchCopy) => verifyCopy(copy.root, server, template!);

    const baseline = await verify(copies[0]!);
    if (baseline.verification !== 'passed') {
      out(`The unchanged copy does not pass verification (${baseline.verification}): no verdict possible.`);
      for (const line of baseline.detail) out(`  ${line}`);
      return 2;
    }
    out(`Baseline: the unchanged backend passes verification (${baseline.seconds.toFixed(1)} s)\n`);

    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async (copy: ScratchCopy) => {
      while (next < list.length) {
        const mutation = list[next]!;
        next += 1;
        const restore = applyMutation(copy.root, mutation);
        let outcome: Outcome;
        try {
          outcome = { mutation, ...(await verify(copy)) };
        } finally {
          restore();
        }
        outcomes.push(outcome);
        out(describe(outcome, outcomes.length, list.length));
      }
    };
    await Promise.all(copies.map(worker));

    const verdict = judge(outcomes);
    out();
    for (const line of verdict.lines) out(line);
    out(`Took ${((performance.now() - started) / 60_000).toFixed(1)} min (${jobs} at a time).`);
    out(verdict.ok ? 'Mutation test passed.' : 'Mutation test FAILED.');
    return verdict.ok ? 0 : 1;
  } finally {
    for (const copy of copies) copy.remove();
    if (template) await dropDatabase(server.serverUrl, template).catch(() => undefined);
    await server.stop();
  }
}

function describe(outcome: Outcome, done: number, total: number): string {
  const { mutation, verification, detail, seconds } = outcome;
  const label =
    verification === 'error'
      ? 'NO VERDICT'
      : mutation.kind === 'breaking'
        ? verification === 'failed'
          ? 'caught'
          : 'MISSED'
        : verification === 'passed'
          ? 'ok'
          : 'FALSE ALARM';
  // Which interactions failed, so that a kill can be seen to come from the change, not from chance.
  const why = verification === 'failed' || verification === 'error' ? `\n        failed: ${detail.join('; ')}` : '';
  const columns = `${label.padEnd(11)} ${mutation.kind.padEnd(10)} ${mutation.family.padEnd(12)}`;
  return `[${String(done).padStart(3)}/${total}] ${columns} ${mutation.id}: ${mutation.change}${why} (${seconds.toFixed(1)} s)`;
}

const code = await main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  return 2;
});
await runShutdown();
process.exit(code);
