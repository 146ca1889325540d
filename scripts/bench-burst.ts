// `npm run bench:burst`: 1 000 concurrent GET /api/game/runs, straight to the backend and through the
// router, each on a connection of its own; prints how many answers had each status. A load test that
// prints figures: what it shows is that a burst far beyond the database pool gets only 2xx and 503 (with
// Retry-After), never a 500 or a dropped connection. Its exit code is 1 if any answer was anything else.
//
// Two configurations of the backend, each a separate process as deployed, on a throw-away PostgreSQL:
//   defaults   the backend's default pool (DB_POOL_SIZE etc.): how the shipped settings cope;
//   starved    a pool of 2 and a 500 ms acquire timeout: much of the burst cannot be served in time,
//              so the 503 path is exercised under real concurrency.
// The backend logs at `error`: an answer of 500 would show its cause (503s are logged at `warn`).
// BURST_REQUESTS (default 1000) and BURST_ROUNDS (default 3) set the size.
import pg from 'pg';
import { burst, statusesText } from './bench/burst.ts';
import { startBenchServices } from './bench/services.ts';

const REQUESTS = Number(process.env.BURST_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BURST_ROUNDS ?? 3);
const out = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const services = await startBenchServices('burst');
  let unacceptable = 0;
  try {
    // Some rows to list: the listing counts and pages them.
    const client = new pg.Client({ connectionString: services.databaseUrl });
    await client.connect();
    await client.query(`WITH s AS (INSERT INTO game_sessions DEFAULT VALUES RETURNING id)
      INSERT INTO runs (session_id, party, map) SELECT s.id, '{"p":1}', '{"m":1}' FROM s, generate_series(1, 200)`);
    await client.end();

    out(`burst: ${REQUESTS} concurrent GET /api/game/runs, ${ROUNDS} rounds per case, a connection each`);
    out('configuration  target   round  statuses                                   503 without Retry-After  slowest');
    for (const [configuration, env] of [
      ['defaults', { LOG_LEVEL: 'error' }],
      ['starved', { LOG_LEVEL: 'error', DB_POOL_SIZE: '2', DB_ACQUIRE_TIMEOUT_MS: '500' }],
    ] as const) {
      await services.stopServices();
      await services.startServices(env);
      for (const [target, base] of [
        ['backend', services.backend],
        ['router', services.router],
      ] as const) {
        for (let round = 1; round <= ROUNDS; round++) {
          const url = `${base}/api/game/runs?page_size=20`;
          const { tally } = await burst(Array.from({ length: REQUESTS }, () => ({ method: 'GET' as const, url })));
          unacceptable += tally.unacceptable;
          out(
            [
              configuration.padEnd(14),
              target.padEnd(8),
              `${String(round).padStart(5)} `,
              statusesText(tally).padEnd(42),
              `${String(tally.retryAfterMissing).padStart(23)} `,
              `${(tally.slowestMs / 1000).toFixed(2)} s`,
            ].join(' '),
          );
        }
      }
    }
    out();
    out(
      `answers other than 2xx or 503 with Retry-After: ${unacceptable} (target 0: ${unacceptable === 0 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await services.stop();
  }
  return unacceptable === 0 ? 0 : 1;
}

process.exitCode = await main();
