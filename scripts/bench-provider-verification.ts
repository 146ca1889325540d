// `npm run bench:verify`: what provider verification costs per interaction, state reset and seeding
// included, over the committed pact. A benchmark that prints figures, not a test: nothing here passes
// or fails on timing.
//
// One process verifies the pact 1 + BENCH_ROUNDS times against the production app on a database of its
// own; the first round (Prisma's connections, JIT) is reported apart. An interaction's time runs from
// its start (the reset before its first state) to the next interaction's start, the last one's to the
// verifier's end: reset, seeding, the request through the app, matching and the verifier's own
// bookkeeping. The rounds run in a child process because the Rust verifier prints its full report to
// stdout from native code on every round; the child's stdout is dropped and its figures come back over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runShutdown } from '../common/process/shutdown.ts';
import { localVerificationConfig } from '../provider/pact/verification-config.ts';
import { openVerificationDatabase } from '../provider/pact/verification-database.ts';
import { failureReport, verifyBackend } from '../provider/pact/verify-backend.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true'; // pact-core would otherwise send usage metrics

interface Round {
  /** Per interaction, in the order verified. */
  descriptions: string[];
  wallMs: number[];
  setupMs: number[];
  totalMs: number;
}

interface Figures {
  database: string;
  rounds: Round[];
}

const TARGET_MS = 15;
const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (values: readonly number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** In the child: verify the pact round after round, send the figures to the parent. */
async function measure(rounds: number): Promise<void> {
  const database = await openVerificationDatabase();
  const figures: Figures = { database: database.description, rounds: [] };
  try {
    for (let round = 0; round <= rounds; round++) {
      const started = performance.now();
      const outcome = await verifyBackend({
        databaseUrl: database.url,
        config: localVerificationConfig({ logLevel: 'error' }),
      });
      const totalMs = performance.now() - started;
      if (!outcome.passed)
        throw new Error(`verification failed, so there is nothing to measure:\n${failureReport(outcome)}`);
      const { interactionStarts, setupMs, finishedAt } = outcome.timeline;
      figures.rounds.push({
        descriptions: outcome.results?.interactionResults.map((result) => result.description) ?? [],
        wallMs: interactionStarts.map((start, index) => (interactionStarts[index + 1] ?? finishedAt) - start),
        setupMs,
        totalMs,
      });
    }
  } finally {
    await database.close();
    await runShutdown();
  }
  // The IPC channel would keep this process alive: let go of it once the figures are sent.
  process.send!(figures, () => process.disconnect());
}

function runChild(rounds: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--measure', String(rounds)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let figures: Figures | undefined;
    child.on('message', (message) => (figures = message as Figures));
    child.once('error', reject);
    child.once('exit', (code) =>
      figures && code === 0 ? resolve(figures) : reject(new Error(`the measuring process exited with ${code}`)),
    );
  });
}

function report({ database, rounds: [warmUp, ...rounds] }: Figures): void {
  if (!warmUp || rounds.length === 0) throw new Error('no rounds measured');
  const count = warmUp.wallMs.length;
  const wall = rounds.flatMap((round) => round.wallMs);
  const setup = rounds.flatMap((round) => round.setupMs);
  out(`Provider verification of the committed pact: ${count} interactions, production app on ${database}`);
  out(`First round in the process: median ${ms(median(warmUp.wallMs))} per interaction, ${ms(warmUp.totalMs)} in all`);
  out(`Next ${rounds.length} rounds (${wall.length} interactions):`);
  out(
    `  per interaction: median ${ms(median(wall))}, p90 ${ms(percentile(wall, 0.9))}, min ${ms(Math.min(...wall))}, max ${ms(Math.max(...wall))}`,
  );
  out(`  of which state reset + seeding: median ${ms(median(setup))}`);
  out(
    `  whole verification (app, verifier, ${count} interactions): median ${ms(median(rounds.map((round) => round.totalMs)))}`,
  );
  const met = median(wall) < TARGET_MS;
  out(`  target: median under ${TARGET_MS} ms per interaction: ${met ? 'met' : 'NOT met'}`);
  out();
  out('Per interaction (median over those rounds; reset + seeding in brackets):');
  for (const [index, description] of warmUp.descriptions.entries()) {
    const each = rounds.map((round) => round.wallMs[index] ?? Number.NaN);
    const seeding = rounds.map((round) => round.setupMs[index] ?? Number.NaN);
    out(`  ${ms(median(each)).padStart(8)} (${ms(median(seeding))})  ${description}`);
  }
}

const measureAt = process.argv.indexOf('--measure');
if (measureAt >= 0) {
  await measure(Number(process.argv[measureAt + 1]));
} else {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  report(await runChild(rounds));
}
