// `npm run bench:broker`: the broker's latency on a large history. A benchmark that prints figures, not
// a test: nothing here passes or fails on timing.
//
// It fills a database of its own (on the embedded dev PostgreSQL, fsync on, or DATABASE_URL's server)
// with 10,000 consumer versions, 10,000 provider versions, 100,000 verification results and 50
// integrations (broker/bench/seed-history.ts), starts the production app on it, and times, over HTTP
// from this process, one request at a time:
//   publish            POST /contracts/publish: a new consumer version with its pacts for 5 providers
//   for-verification   POST .../for-verification: main branch, deployed and matching-branch selectors,
//                      pending status and WIP pacts (of the last 30 days), for a provider branch
//   can-i-deploy       GET /can-i-deploy to production, for versions around those deployed there
// Options: --requests N (default 500 per operation), --keep (keep the database afterwards).
import { pino } from 'pino';
import pg from 'pg';
import { listen } from '../common/http/listen.ts';
import { createDatabase, dropDatabase } from '../db/databases.ts';
import { migrateDeploy } from '../db/migrate.ts';
import { startPostgres } from '../db/postgres-server.ts';
import { runShutdown } from '../common/process/shutdown.ts';
import { createBrokerApp } from '../broker/app.ts';
import { SHAPE, seedHistory } from '../broker/bench/seed-history.ts';
import { brokerConfig } from '../broker/config.ts';
import { createBrokerPrismaClient } from '../broker/prisma-client.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true';
const out = (line = '') => process.stdout.write(`${line}\n`);
const argument = (name: string) => process.argv.includes(name);
const requestsIndex = process.argv.indexOf('--requests');
const REQUESTS = requestsIndex > 0 ? Number(process.argv[requestsIndex + 1]) : 500;
const WARM_UP = 50;
const TARGETS: Record<string, number> = { publish: 20, 'for-verification': 50, 'can-i-deploy': 25 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times each call (until its body is read); `inspect` sees each body after its time is taken. */
async function time(
  count: number,
  call: (i: number) => Promise<Response>,
  inspect?: (body: unknown) => void,
): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await call(i);
    const body = await response.arrayBuffer();
    durations.push(performance.now() - started);
    if (!response.ok) throw new Error(`request ${i} answered ${response.status}`);
    inspect?.(JSON.parse(Buffer.from(body).toString('utf8')));
  }
  return durations;
}

function pact(consumer: string, provider: string, id: string) {
  return Buffer.from(
    JSON.stringify({
      consumer: { name: consumer },
      provider: { name: provider },
      interactions: [
        {
          description: `request ${id}`,
          request: { method: 'GET', path: `/things/${id}` },
          response: { status: 200, body: { id } },
        },
      ],
      metadata: { pactSpecification: { version: '2.0.0' } },
    }),
  ).toString('base64');
}

const providersOf = (consumer: number) =>
  Array.from({ length: SHAPE.providersPerConsumer }, (_, k) => ((consumer - 1 + k) % SHAPE.providers) + 1);

const server = await startPostgres({ instance: 'dev' });
const name = 'autofighter_broker_bench';
await dropDatabase(server.serverUrl, name);
await createDatabase(server.serverUrl, name);
const url = server.urlFor(name);
out(`database ${name} on ${server.description}`);
await migrateDeploy('broker', url);

const seedStarted = performance.now();
const client = new pg.Client({ connectionString: url });
await client.connect();
const counts = await seedHistory(client);
await client.end();
out(
  `history written in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${Object.entries(counts)
    .map(([table, count]) => `${table} ${count}`)
    .join(', ')}`,
);

const prisma = createBrokerPrismaClient(url);
const running = await listen(createBrokerApp({ prisma, logger: pino({ level: 'silent' }), config: brokerConfig() }));
const post = (path: string, body: unknown) =>
  fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

let published = 0;
const publish = () => {
  published += 1;
  const consumer = (published % SHAPE.consumers) + 1;
  const version = `1.1.${published}`;
  return post('/contracts/publish', {
    pacticipantName: `Consumer${consumer}`,
    pacticipantVersionNumber: version,
    branch: 'main',
    contracts: providersOf(consumer).map((provider) => ({
      consumerName: `Consumer${consumer}`,
      providerName: `Provider${provider}`,
      specification: 'pact',
      contentType: 'application/json',
      content: pact(`Consumer${consumer}`, `Provider${provider}`, `${consumer}-${provider}-${version}`),
    })),
  });
};
const wip = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const forVerification = (i: number) =>
  post(`/pacts/provider/Provider${(i % SHAPE.providers) + 1}/for-verification`, {
    consumerVersionSelectors: [{ mainBranch: true }, { deployed: true }, { matchingBranch: true }],
    providerVersionBranch: 'main',
    includePendingStatus: true,
    includeWipPactsSince: wip,
  });
// Versions around the ones deployed in production (the 955th of each), so the answers mix yes, no and unknown.
const canIDeploy = (i: number) => {
  const recent = SHAPE.versionsPerPacticipant - 55 + (i % 20);
  const [kind, prefix] = i % 2 === 0 ? ['Consumer', '1.0.'] : ['Provider', '2.0.'];
  return fetch(
    `${running.url}/can-i-deploy?pacticipant=${kind}${(i % 10) + 1}&version=${prefix}${recent}&environment=production`,
  );
};

const pactsListed: number[] = [];
const answers = { true: 0, false: 0, null: 0 };
const operations: [string, (i: number) => Promise<Response>, ((body: unknown) => void)?][] = [
  ['publish', publish],
  [
    'for-verification',
    forVerification,
    (body) => pactsListed.push((body as { _embedded: { pacts: unknown[] } })._embedded.pacts.length),
  ],
  [
    'can-i-deploy',
    canIDeploy,
    (body) =>
      (answers[
        String((body as { summary: { deployable: boolean | null } }).summary.deployable) as keyof typeof answers
      ] += 1),
  ],
];
const results: [string, number[]][] = [];
for (const [operation, call, inspect] of operations) {
  await time(WARM_UP, call);
  results.push([operation, await time(REQUESTS, call, inspect)]);
}

out();
out(`${REQUESTS} requests per operation, one at a time, after ${WARM_UP} warm-up requests (milliseconds)`);
out('operation          p50     p95     p99     max   target p95');
for (const [operation, durations] of results) {
  const sorted = [...durations].sort((a, b) => a - b);
  const cells = [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(7));
  const p95 = percentile(sorted, 95);
  const verdict = p95 < TARGETS[operation]! ? '(met)' : '(missed)';
  out(
    `${operation.padEnd(17)}${cells.join(' ')} ${sorted.at(-1)!.toFixed(1).padStart(7)}   < ${TARGETS[operation]} ${verdict}`,
  );
}
out(
  `for-verification answers listed ${Math.min(...pactsListed)} to ${Math.max(...pactsListed)} pacts (selected, pending and WIP);` +
    ` can-i-deploy answered yes ${answers.true}, no ${answers.false}, unknown ${answers.null} times`,
);

await running.close();
await prisma.$disconnect();
if (!argument('--keep')) await dropDatabase(server.serverUrl, name);
await runShutdown();
process.exit(0);
