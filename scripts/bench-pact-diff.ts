// `npm run bench:pact-diff`: the pact diff and merge, before and after pairing interactions by key and
// moving the work to worker threads. A benchmark that prints figures, not a test.
//
// 1. CPU time of each algorithm on pacts of 2,000 and 4,000 interactions (the report's 264 kB pact
//    had 2,000), where the second pact changes every interaction: the previous ones (kept below as they worked, for the comparison) ran on the
//    event loop, so their time is how long every other client waited.
// 2. Over HTTP, on the production app: while one client republishes a changed pact (409 with a diff),
//    asks for a diff, or merges (PATCH), a second client sends a heartbeat every 10 ms; the longest
//    heartbeat it waited for is what one big request now costs the others.
// Options: --without-previous (skip the previous algorithms: they take minutes at 4,000 interactions).
import { createTwoFilesPatch } from 'diff';
import { pino } from 'pino';
import { stringify } from 'safe-stable-stringify';
import { listen } from '../common/http/listen.ts';
import { createDatabase, dropDatabase } from '../db/databases.ts';
import { migrateDeploy } from '../db/migrate.ts';
import { startPostgres } from '../db/postgres-server.ts';
import { runShutdown } from '../common/process/shutdown.ts';
import { createBrokerApp } from '../broker/app.ts';
import { brokerConfig } from '../broker/config.ts';
import { canonicalJson, type UnknownObject } from '../broker/pacts/content.ts';
import { pactDiff } from '../broker/pacts/diff.ts';
import { mergePacts } from '../broker/pacts/merge.ts';
import { createBrokerPrismaClient } from '../broker/prisma-client.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const withPrevious = !process.argv.includes('--without-previous');
const SIZES = [2000, 4000];

function pactOf(count: number, revision: number): UnknownObject {
  return {
    consumer: { name: 'Web' },
    provider: { name: 'Animals' },
    interactions: Array.from({ length: count }, (_, i) => ({
      description: `get animal ${i}`,
      providerState: `animal ${i}`,
      request: { method: 'GET', path: `/animals/${i}` },
      response: { status: 200, body: { id: i, revision } },
    })),
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
}

// --- The previous algorithms (replaced): a line diff of the whole pretty-printed pacts, and a merge
// that looked every interaction up by scanning the list.
function previousDiff(before: UnknownObject, after: UnknownObject): string {
  const printable = (pact: UnknownObject) =>
    stringify(pact, (key, value) => (key === '_id' ? undefined : value), 2) ?? '';
  return createTwoFilesPatch('published', 'new', printable(before), printable(after), '', '', { context: 3 });
}
function previousMerge(existing: UnknownObject, additional: UnknownObject): unknown[] {
  const keyOf = (i: UnknownObject) => canonicalJson([i.description ?? null, i.providerState ?? null]);
  const result = [...(existing.interactions as UnknownObject[])];
  for (const item of additional.interactions as UnknownObject[]) {
    const index = result.findIndex((candidate) => keyOf(candidate) === keyOf(item));
    if (index === -1) result.push(item);
    else result[index] = item;
  }
  return result;
}

function seconds(work: () => unknown): string {
  const started = performance.now();
  work();
  return `${((performance.now() - started) / 1000).toFixed(2)} s`;
}

out('1. CPU time, every interaction changed (the previous algorithms ran on the event loop)');
out('interactions  size      previous diff  new diff   previous merge  new merge');
for (const count of SIZES) {
  const [a, b] = [pactOf(count, 1), pactOf(count, 2)];
  const size = `${Math.round(JSON.stringify(a).length / 1000)} kB`;
  const oldDiff = withPrevious ? seconds(() => previousDiff(a, b)) : 'skipped';
  const newDiff = seconds(() => pactDiff(a, b));
  const oldMerge = withPrevious ? seconds(() => previousMerge(a, b)) : 'skipped';
  const newMerge = seconds(() => mergePacts(a, b));
  out(
    `${String(count).padEnd(14)}${size.padEnd(10)}${oldDiff.padEnd(15)}${newDiff.padEnd(11)}${oldMerge.padEnd(16)}${newMerge}`,
  );
}

// --- 2. Over HTTP: what a big request costs the other clients now.
const server = await startPostgres({ instance: 'dev' });
const name = 'autofighter_broker_bench_diff';
await dropDatabase(server.serverUrl, name);
await createDatabase(server.serverUrl, name);
const url = server.urlFor(name);
await migrateDeploy('broker', url);
const prisma = createBrokerPrismaClient(url);
const running = await listen(createBrokerApp({ prisma, logger: pino({ level: 'silent' }), config: brokerConfig() }));

/** Runs `work` while heartbeats are sent every 10 ms; returns its status, time and the longest heartbeat. */
async function measure(work: () => Promise<Response>): Promise<string> {
  let done = false;
  let longest = 0;
  let beats = 0;
  const probe = (async () => {
    while (!done) {
      const started = performance.now();
      await (await fetch(`${running.url}/diagnostic/status/heartbeat`)).arrayBuffer();
      longest = Math.max(longest, performance.now() - started);
      beats += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const started = performance.now();
  const response = await work();
  await response.arrayBuffer();
  const took = performance.now() - started;
  done = true;
  await probe;
  return `${response.status}  ${(took / 1000).toFixed(2)} s  ${beats} heartbeats, longest ${longest.toFixed(0)} ms`;
}

const send = (method: string, path: string, body?: unknown) =>
  fetch(`${running.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

out();
out('2. Over HTTP: status, time, and the longest wait of another client sending heartbeats meanwhile');
for (const count of SIZES) {
  const pact = (version: string) => `/pacts/provider/Animals/consumer/Web/version/${count}-${version}`;
  await send('PUT', pact('1'), pactOf(count, 1));
  await send('PUT', pact('2'), pactOf(count, 2));
  out(`${count} interactions`);
  out(`  republish changed (409 + diff)  ${await measure(() => send('PUT', pact('1'), pactOf(count, 3)))}`);
  out(`  diff between versions           ${await measure(() => send('GET', `${pact('2')}/diff/version/${count}-1`))}`);
  out(`  merge (PATCH)                   ${await measure(() => send('PATCH', pact('2'), pactOf(count, 4)))}`);
}

await running.close();
await prisma.$disconnect();
await dropDatabase(server.serverUrl, name);
await runShutdown();
process.exit(0);
