// `npm run bench:clean`: the clean-up of a large history, and what it does to requests meanwhile. A
// benchmark that prints figures, not a test: nothing here passes or fails on timing.
//
// It fills a database of its own (the embedded dev PostgreSQL, or DATABASE_URL's server) with the
// benchmark history (broker/bench/seed-history.ts) scaled to 100,000 versions (10 consumers and 10
// providers x 5,000 versions over the past year, 250,000 pact publications, 2 verifications per pact
// content), starts the production app on it, times reads one at a time (the baseline), then runs the
// clean-up (keep: the latest 10 main-branch versions, versions of the last 30 days, what is deployed or
// released) in batches while the same reads go on, and prints the batch times and the read latencies.
// Options: --batch-size N (default 500), --requests N (baseline reads, default 300), --keep (keep the database).
import { pino } from 'pino';
import { listen } from '../common/http/listen.ts';
import { dropDatabase } from '../db/databases.ts';
import { startPostgres } from '../db/postgres-server.ts';
import { runShutdown } from '../common/process/shutdown.ts';
import { createBrokerApp } from '../broker/app.ts';
import { shapeAt } from '../broker/bench/seed-history.ts';
import { historyDatabase } from './bench-history-database.ts';
import { brokerConfig } from '../broker/config.ts';
import { createBrokerPrismaClient } from '../broker/prisma-client.ts';
import { withDeployedAndReleased } from '../broker/retention/keep-selectors.ts';
import { RetentionService } from '../broker/retention/retention.service.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const BATCH_SIZE = option('--batch-size', 500);
const REQUESTS = option('--requests', 300);
const SCALE = { ...shapeAt(1), versionsPerPacticipant: 5000, verificationsPerPactVersion: 2 };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const row = (label: string, values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const cells = [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(8));
  return `${label.padEnd(26)}${String(values.length).padStart(7)}${cells.join('')}${sorted.at(-1)!.toFixed(1).padStart(9)}`;
};

const server = await startPostgres({ instance: 'dev' });
const name = 'autofighter_broker_bench_clean';
const url = await historyDatabase(server, name, SCALE, out);

const prisma = createBrokerPrismaClient(url);
const running = await listen(createBrokerApp({ prisma, logger: pino({ level: 'silent' }), config: brokerConfig() }));
// Reads that touch the tables the clean-up deletes from: a consumer's latest pact and its latest version.
const reads = [
  '/pacts/provider/Provider1/consumer/Consumer1/latest',
  '/pacticipants/Consumer2/latest-version',
  '/pacts/provider/Provider3/consumer/Consumer2/latest',
];
async function read(i: number): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${running.url}${reads[i % reads.length]}`);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`read ${reads[i % reads.length]} answered ${response.status}`);
  return performance.now() - started;
}

for (let i = 0; i < 30; i += 1) await read(i); // warm-up
const baseline: number[] = [];
for (let i = 0; i < REQUESTS; i += 1) baseline.push(await read(i));

const keep = withDeployedAndReleased([{ mainBranch: true, latest: 10 }, { maxAge: 30 }]);
const service = new RetentionService(prisma);
const dry = await service.dryRun({ keep, limit: 1 });
out(`keep ${JSON.stringify(keep)}: ${dry.versionsNotKept} of ${dry.totalVersions} versions not kept`);

const batchTimes: number[] = [];
const during: number[] = [];
let cleaning = true;
const reader = (async () => {
  for (let i = 0; cleaning; i += 1) during.push(await read(i));
})();
const cleanStarted = performance.now();
const result = await service.clean({
  keep,
  limit: 10_000_000,
  batchSize: BATCH_SIZE,
  onBatch: (_deleted, milliseconds) => batchTimes.push(milliseconds),
});
const cleanSeconds = (performance.now() - cleanStarted) / 1000;
cleaning = false;
await reader;

out();
out(
  `clean-up: ${result.deleted.versions} versions deleted in ${cleanSeconds.toFixed(1)} s ` +
    `(${Math.round(result.deleted.versions / cleanSeconds)} versions/s), ${result.batches} batches of up to ${BATCH_SIZE}; ` +
    `${result.remainingVersions} versions left`,
);
out(`deleted rows: ${JSON.stringify(result.deleted)}`);
out();
out(`milliseconds              count     p50     p95     p99      max`);
out(row('batch (one transaction)', batchTimes));
out(row('read, before the clean-up', baseline));
out(row('read, during the clean-up', during));

await running.close();
await prisma.$disconnect();
if (!process.argv.includes('--keep')) await dropDatabase(server.serverUrl, name);
await runShutdown();
process.exit(0);
