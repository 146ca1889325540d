// `npm run bench:burst:broker`: 1 000 concurrent requests to the broker, reads and publications mixed,
// each on a connection of its own; prints how many answers had each status. A load test that prints
// figures: what it shows is that a burst far beyond the broker's database pool gets only 2xx and 503
// (with Retry-After), never a 500 or a dropped connection, and that a refused publication wrote nothing.
// Its exit code is 1 otherwise.
//
// The broker runs as deployed, a process of its own, on a throw-away PostgreSQL, in two configurations:
//   defaults   the broker's default pool (BROKER_DB_POOL_SIZE etc.): how the shipped settings cope;
//   starved    a pool of 2 and a 500 ms acquire timeout: much of the burst cannot be served in time,
//              so the 503 path is exercised under real concurrency.
// Each burst: a quarter publications (new consumer versions, POST /contracts/publish), a quarter latest
// pact reads, a quarter pacticipant listings, an eighth version listings, an eighth pacts for verification.
// BURST_REQUESTS (default 1000) and BURST_ROUNDS (default 2) set the size.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase } from '../db/databases.ts';
import { migrateDeploy } from '../db/migrate.ts';
import { startPostgres } from '../db/postgres-server.ts';
import { projectRoot } from '../common/project-root.ts';
import { startBrokerProcess } from '../broker/testing/broker-process.ts';
import { burst, statusesText, type BurstRequest } from './bench/burst.ts';

const REQUESTS = Number(process.env.BURST_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BURST_ROUNDS ?? 2);
const NAME = 'burst-broker';
const out = (line = '') => process.stdout.write(`${line}\n`);

function publication(consumer: string, version: string, content: number): string {
  const pact = {
    consumer: { name: consumer },
    provider: { name: 'Bar' },
    interactions: [
      {
        description: `a request for thing ${content}`,
        providerState: 'a thing exists',
        request: { method: 'GET', path: `/things/${content}` },
        response: { status: 200, body: { id: content } },
      },
    ],
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
  return JSON.stringify({
    pacticipantName: consumer,
    pacticipantVersionNumber: version,
    branch: 'main',
    contracts: [
      {
        consumerName: consumer,
        providerName: 'Bar',
        specification: 'pact',
        contentType: 'application/json',
        content: Buffer.from(JSON.stringify(pact)).toString('base64'),
      },
    ],
  });
}

/** The burst's requests; publications get version numbers unique to the round. */
function requests(base: string, round: string): { list: BurstRequest[]; published: Map<number, string> } {
  const published = new Map<number, string>();
  const list = Array.from({ length: REQUESTS }, (_, i): BurstRequest => {
    switch (i % 8) {
      case 0:
      case 1: {
        const version = `${round}-${i}`;
        published.set(i, version);
        return {
          method: 'POST',
          url: `${base}/contracts/publish`,
          body: publication(`Consumer${i % 5}`, version, i % 7),
        };
      }
      case 2:
      case 3:
        return { method: 'GET', url: `${base}/pacts/provider/Bar/consumer/Foo/latest` };
      case 4:
      case 5:
        return { method: 'GET', url: `${base}/pacticipants` };
      case 6:
        return { method: 'GET', url: `${base}/pacticipants/Foo/versions` };
      default:
        return { method: 'POST', url: `${base}/pacts/provider/Bar/for-verification`, body: '{}' };
    }
  });
  return { list, published };
}

async function main(): Promise<number> {
  const postgres = await startPostgres({ instance: 'test', databaseUrl: null, name: NAME });
  await createDatabase(postgres.serverUrl, 'broker_burst');
  const databaseUrl = postgres.urlFor('broker_burst');
  await migrateDeploy('broker', databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let unacceptable = 0;
  try {
    out(
      `burst: ${REQUESTS} concurrent requests to the broker (a quarter publications), ${ROUNDS} rounds, a connection each`,
    );
    out(
      'configuration  round  statuses                                   503 without Retry-After  half-written  slowest',
    );
    for (const [configuration, env] of [
      ['defaults', { BROKER_LOG_LEVEL: 'error' }],
      ['starved', { BROKER_LOG_LEVEL: 'error', BROKER_DB_POOL_SIZE: '2', BROKER_DB_ACQUIRE_TIMEOUT_MS: '500' }],
    ] as const) {
      const broker = await startBrokerProcess(databaseUrl, { env });
      try {
        // Something to read: Foo's pact with Bar.
        const seeded = await fetch(`${broker.url}/contracts/publish`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: publication('Foo', `${configuration}-seed`, 0),
        });
        if (!seeded.ok) throw new Error(`seeding answered ${seeded.status}: ${await seeded.text()}`);
        for (let round = 1; round <= ROUNDS; round++) {
          const { list, published } = requests(broker.url, `${configuration}-${round}`);
          const { answers, tally } = await burst(list);
          // A publication answered 200 is stored whole (its version and pact); any other stored nothing.
          const { rows } = await client.query<{ number: string; pacts: number }>(
            `SELECT v.number, (SELECT count(*)::int FROM pact_publications p WHERE p.consumer_version_id = v.id) AS pacts
             FROM versions v WHERE v.number LIKE $1`,
            [`${configuration}-${round}-%`],
          );
          const stored = new Map(rows.map((row) => [row.number, row.pacts]));
          let halfWritten = 0;
          for (const [i, version] of published) {
            const ok = answers[i]!.status === '200';
            if (ok !== (stored.get(version) === 1)) halfWritten += 1;
          }
          unacceptable += tally.unacceptable + halfWritten;
          out(
            [
              configuration.padEnd(14),
              `${String(round).padStart(5)} `,
              statusesText(tally).padEnd(42),
              `${String(tally.retryAfterMissing).padStart(23)} `,
              String(halfWritten).padStart(12),
              ` ${(tally.slowestMs / 1000).toFixed(2)} s`,
            ].join(' '),
          );
        }
      } finally {
        if (unacceptable > 0) process.stderr.write(broker.output());
        await broker.stop();
      }
    }
    out();
    out(
      `answers other than 2xx or 503 with Retry-After, or publications half-written: ${unacceptable} ` +
        `(target 0: ${unacceptable === 0 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await client.end();
    await postgres.stop();
    rmSync(join(projectRoot, '.data', 'postgres', `test-${process.pid}-${NAME}`), { recursive: true, force: true });
  }
  return unacceptable === 0 ? 0 : 1;
}

process.exitCode = await main();
