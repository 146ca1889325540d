// `npm run bench:broker`: the broker's latency on a large history, and how it grows with the history.
// A benchmark that prints figures, not a test: nothing here passes or fails on timing.
//
// For each scale (default 1 and 10) it fills a database of its own (on the embedded dev PostgreSQL,
// fsync on, or DATABASE_URL's server) with the history of broker/bench/seed-history.ts: at 1, 10,000
// consumer and 10,000 provider versions, about 110,000 verification results and 50 integrations; at 10,
// 100,000 and 100,000, about 1.1 million and 500. It starts the production app on it and times, over
// HTTP from this process, one request at a time:
//   publish             POST /contracts/publish: a new consumer version with its pacts for 5 providers
//   for-verification    POST .../for-verification: main branch, deployed and matching-branch selectors,
//                       pending status and WIP pacts (of the last 30 days), for a provider branch
//   can-i-deploy yes/no/unknown
//                       GET /can-i-deploy to production, for versions around those deployed there,
//                       sorted by the broker's own answer in a first pass, each answer timed apart
//   matrix page         the dashboard's matrix of one integration (HTML)
//   index page          the dashboard's index, every integration with its latest pact and verification (HTML)
// then prints each p95 against its target and its growth from the first scale to the last (flat is 1.0x).
// Options: --requests N (default 500 per operation), --scales 1,10, --keep (keep the databases).
import { pino } from 'pino';
import { listen } from '../common/http/listen.ts';
import { dropDatabase } from '../db/databases.ts';
import { startPostgres, type PostgresServer } from '../db/postgres-server.ts';
import { runShutdown } from '../common/process/shutdown.ts';
import { createBrokerApp } from '../broker/app.ts';
import { shapeAt, type HistoryShape } from '../broker/bench/seed-history.ts';
import { historyDatabase } from './bench-history-database.ts';
import { brokerConfig } from '../broker/config.ts';
import { createBrokerPrismaClient } from '../broker/prisma-client.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true';
const out = (line = '') => process.stdout.write(`${line}\n`);
const argument = (name: string) => process.argv.includes(name);
const requestsIndex = process.argv.indexOf('--requests');
const REQUESTS = requestsIndex > 0 ? Number(process.argv[requestsIndex + 1]) : 500;
const scalesIndex = process.argv.indexOf('--scales');
const SCALES = (scalesIndex > 0 ? process.argv[scalesIndex + 1]! : '1,10').split(',').map(Number);
const WARM_UP = 50;
// The targets (p95, milliseconds); the pages have none of their own, so they get the API's.
const TARGETS: Record<string, number> = {
  publish: 20,
  'for-verification': 50,
  'can-i-deploy yes': 25,
  'can-i-deploy no': 25,
  'can-i-deploy unknown': 25,
  'matrix page': 50,
  'index page': 50,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times each call (until its body is read); `inspect` sees each body after its time is taken. */
async function time(
  count: number,
  call: (i: number) => Promise<Response>,
  inspect?: (body: string) => void,
): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await call(i);
    const body = await response.text();
    durations.push(performance.now() - started);
    if (!response.ok) throw new Error(`request ${i} answered ${response.status}`);
    inspect?.(body);
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

const providersOf = (shape: HistoryShape, consumer: number) =>
  Array.from({ length: shape.providersPerConsumer }, (_, k) => ((consumer - 1 + k) % shape.providers) + 1);
const wip = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
type Answer = 'yes' | 'no' | 'unknown';
const answerOf = (body: string): Answer => {
  const deployable = (JSON.parse(body) as { summary: { deployable: boolean | null } }).summary.deployable;
  return deployable === true ? 'yes' : deployable === false ? 'no' : 'unknown';
};

/** Fills a database at `scale`, times every operation on it and returns each one's durations. */
async function runScale(server: PostgresServer, scale: number): Promise<Map<string, number[]>> {
  const shape = shapeAt(scale);
  const name = `autofighter_broker_bench_${scale}x`;
  out(`\nscale ${scale}:`);
  const url = await historyDatabase(server, name, shape, out);

  const prisma = createBrokerPrismaClient(url);
  const running = await listen(createBrokerApp({ prisma, logger: pino({ level: 'silent' }), config: brokerConfig() }));
  const get = (path: string, accept = 'application/hal+json') =>
    fetch(`${running.url}${path}`, { headers: { accept } });
  const post = (path: string, body: unknown) =>
    fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  let published = 0;
  const publish = () => {
    published += 1;
    const consumer = (published % shape.consumers) + 1;
    const version = `1.1.${published}`;
    return post('/contracts/publish', {
      pacticipantName: `Consumer${consumer}`,
      pacticipantVersionNumber: version,
      branch: 'main',
      contracts: providersOf(shape, consumer).map((provider) => ({
        consumerName: `Consumer${consumer}`,
        providerName: `Provider${provider}`,
        specification: 'pact',
        contentType: 'application/json',
        content: pact(`Consumer${consumer}`, `Provider${provider}`, `${consumer}-${provider}-${version}`),
      })),
    });
  };
  const forVerification = (i: number) =>
    post(`/pacts/provider/Provider${(i % shape.providers) + 1}/for-verification`, {
      consumerVersionSelectors: [{ mainBranch: true }, { deployed: true }, { matchingBranch: true }],
      providerVersionBranch: 'main',
      includePendingStatus: true,
      includeWipPactsSince: wip,
    });

  // can-i-deploy to production for versions around the ones deployed there (the 955th of each), of 10
  // consumers and 10 providers spread over the scale. A first pass sorts them by the broker's answer, so
  // that each answer is timed on its own.
  const n = shape.versionsPerPacticipant;
  const candidates: string[] = [];
  for (let k = 0; k < 10; k += 1) {
    const index = Math.floor((k * shape.consumers) / 10) + 1;
    for (let v = n - 60; v < n - 20; v += 1) {
      candidates.push(`pacticipant=Consumer${index}&version=1.0.${v}`, `pacticipant=Provider${index}&version=2.0.${v}`);
    }
  }
  const byAnswer: Record<Answer, string[]> = { yes: [], no: [], unknown: [] };
  for (const query of candidates) {
    const response = await get(`/can-i-deploy?${query}&environment=production`);
    byAnswer[answerOf(await response.text())].push(query);
  }
  out(
    `can-i-deploy candidates: ${byAnswer.yes.length} yes, ${byAnswer.no.length} no, ${byAnswer.unknown.length} unknown`,
  );

  const pactsListed: number[] = [];
  const operations: [string, (i: number) => Promise<Response>, ((body: string) => void)?][] = [
    ['publish', publish],
    [
      'for-verification',
      forVerification,
      (body) => pactsListed.push((JSON.parse(body) as { _embedded: { pacts: unknown[] } })._embedded.pacts.length),
    ],
  ];
  for (const answer of ['yes', 'no', 'unknown'] as const) {
    const queries = byAnswer[answer];
    if (queries.length === 0) continue;
    operations.push([
      `can-i-deploy ${answer}`,
      (i) => get(`/can-i-deploy?${queries[i % queries.length]}&environment=production`),
      (body) => {
        if (answerOf(body) !== answer) throw new Error(`can-i-deploy changed its answer from ${answer}`);
      },
    ]);
  }
  operations.push(
    [
      'matrix page',
      (i) => {
        const consumer = (i % shape.consumers) + 1;
        return get(
          `/matrix/provider/Provider${providersOf(shape, consumer)[0]}/consumer/Consumer${consumer}`,
          'text/html',
        );
      },
    ],
    ['index page', () => get('/', 'text/html')],
  );

  const results = new Map<string, number[]>();
  for (const [operation, call, inspect] of operations) {
    await time(WARM_UP, call);
    results.set(operation, await time(REQUESTS, call, inspect));
  }
  out(`for-verification answers listed ${Math.min(...pactsListed)} to ${Math.max(...pactsListed)} pacts`);
  printTable(results);

  await running.close();
  await prisma.$disconnect();
  if (!argument('--keep')) await dropDatabase(server.serverUrl, name);
  return results;
}

const p95Of = (durations: number[]) =>
  percentile(
    [...durations].sort((a, b) => a - b),
    95,
  );

function printTable(results: Map<string, number[]>) {
  out(`${REQUESTS} requests per operation, one at a time, after ${WARM_UP} warm-up requests (milliseconds)`);
  out('operation              p50     p95     p99     max   target p95');
  for (const [operation, durations] of results) {
    const sorted = [...durations].sort((a, b) => a - b);
    const cells = [50, 95, 99].map((p) => percentile(sorted, p).toFixed(1).padStart(7));
    const target = TARGETS[operation]!;
    const verdict = percentile(sorted, 95) < target ? '(met)' : '(missed)';
    out(`${operation.padEnd(21)}${cells.join(' ')} ${sorted.at(-1)!.toFixed(1).padStart(7)}   < ${target} ${verdict}`);
  }
}

const server = await startPostgres({ instance: 'dev' });
const byScale = new Map<number, Map<string, number[]>>();
for (const scale of SCALES) byScale.set(scale, await runScale(server, scale));

if (SCALES.length > 1) {
  const [first, last] = [SCALES[0]!, SCALES.at(-1)!];
  out(`\ngrowth of p95 from scale ${first} to scale ${last} (1.0x is flat)`);
  for (const [operation, durations] of byScale.get(last)!) {
    const before = byScale.get(first)!.get(operation);
    const ratio = before
      ? `${(p95Of(durations) / p95Of(before)).toFixed(2)}x`
      : 'n/a (no such case at the first scale)';
    out(
      `${operation.padEnd(21)}${before ? p95Of(before).toFixed(1).padStart(7) : '      -'} -> ${p95Of(durations).toFixed(1).padStart(7)}  ${ratio}`,
    );
  }
}

await runShutdown();
process.exit(0);
