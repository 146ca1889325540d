// `npm run bench:load`: throughput and latency of the same endpoints straight to the backend and through
// the router, with autocannon, in one run; the router/backend ratios and the error counts; written to
// artifacts/load-report.json and .md. A benchmark that prints figures, not a test.
//
// Backend and router run as separate processes (as deployed), on a throw-away PostgreSQL; autocannon runs
// here. All of it shares this machine's cores, so the router's figures include competing for CPU with
// the backend it forwards to.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../common/project-root.ts';
import { startBenchServices } from './bench/services.ts';

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const out = (line = '') => process.stdout.write(`${line}\n`);

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** The router answers it itself (its own /health): no proxying to compare. */
  routerOwn?: boolean;
}

const endpoints: Endpoint[] = [
  { name: 'GET /health', method: 'GET', path: '/health', routerOwn: true },
  { name: 'GET /api/', method: 'GET', path: '/api/' },
  { name: 'POST /api/game/session', method: 'POST', path: '/api/game/session' },
  {
    name: 'POST /api/game/gacha/roll',
    method: 'POST',
    path: '/api/game/gacha/roll',
    body: JSON.stringify({ player_id: 'load_player', type: 'standard' }),
  },
];

interface Figures {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function measure(base: string, endpoint: Endpoint, seconds: number): Promise<Figures> {
  const result = await autocannon({
    url: `${base}${endpoint.path}`,
    method: endpoint.method,
    connections: CONNECTIONS,
    duration: seconds,
    headers: endpoint.body ? { 'content-type': 'application/json' } : {},
    ...(endpoint.body ? { body: endpoint.body } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const services = await startBenchServices('load');
  const { backend, router } = services;
  try {
    out(`load: ${CONNECTIONS} connections, ${SECONDS} s per case after a 2 s warm-up; latency in ms`);
    out('endpoint                     target     req/s    p50    p90    p99  errors  non-2xx');
    const rows: { endpoint: string; backend: Figures; router: Figures; throughputRatio: number; addedP50: number }[] =
      [];
    for (const endpoint of endpoints) {
      const figures: Record<'backend' | 'router', Figures> = {} as never;
      for (const [target, base] of [
        ['backend', backend],
        ['router', router],
      ] as const) {
        await measure(base, endpoint, 2); // warm-up
        figures[target] = await measure(base, endpoint, SECONDS);
        const f = figures[target];
        out(
          [
            endpoint.name.padEnd(28),
            target.padEnd(8),
            f.rps.toFixed(0).padStart(7),
            f.p50.toFixed(1).padStart(6),
            f.p90.toFixed(1).padStart(6),
            f.p99.toFixed(1).padStart(6),
            String(f.errors + f.timeouts).padStart(7),
            String(f.non2xx).padStart(8),
          ].join(' '),
        );
      }
      rows.push({
        endpoint: endpoint.name,
        backend: figures.backend,
        router: figures.router,
        throughputRatio: figures.router.rps / figures.backend.rps,
        addedP50: figures.router.p50 - figures.backend.p50,
      });
    }
    out();
    out('endpoint                     router/backend throughput   router adds at p50');
    for (const row of rows) {
      const note = endpoints.find((endpoint) => endpoint.name === row.endpoint)?.routerOwn
        ? "   (the router's own /health: not forwarded)"
        : '';
      out(
        `${row.endpoint.padEnd(28)} ${(row.throughputRatio * 100).toFixed(0).padStart(24)} %   ${row.addedP50.toFixed(1).padStart(12)} ms${note}`,
      );
    }
    const forwarded = rows.filter((row) => !endpoints.find((endpoint) => endpoint.name === row.endpoint)?.routerOwn);
    const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = medianOf(forwarded.map((row) => row.throughputRatio));
    const added = medianOf(forwarded.map((row) => row.addedP50));
    const totalErrors = rows.reduce(
      (sum, row) => sum + row.backend.errors + row.backend.timeouts + row.router.errors + row.router.timeouts,
      0,
    );
    const totalNon2xx = rows.reduce((sum, row) => sum + row.backend.non2xx + row.router.non2xx, 0);
    const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
    out(
      `forwarded endpoints: median router/backend throughput ${(ratio * 100).toFixed(0)} % ` +
        `(target at least 80 %: ${verdict(ratio >= 0.8)}); ` +
        `median added p50 ${added.toFixed(1)} ms (target under 5 ms: ${verdict(added < 5)})`,
    );
    out(
      `errors (connection errors + timeouts): ${totalErrors} (target 0: ${verdict(totalErrors === 0)}); non-2xx answers: ${totalNon2xx}`,
    );

    const dir = join(projectRoot, 'artifacts');
    mkdirSync(dir, { recursive: true });
    const report = {
      connections: CONNECTIONS,
      seconds: SECONDS,
      when: new Date().toISOString(),
      rows,
      totalErrors,
      totalNon2xx,
    };
    writeFileSync(join(dir, 'load-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    const md = [
      `# Load report (${CONNECTIONS} connections, ${SECONDS} s per case)`,
      '',
      '| endpoint | backend req/s | router req/s | router/backend | backend p50 ms | router p50 ms | router adds p50 ms | errors | non-2xx |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows.map((r) => {
        const routerOwn = endpoints.find((endpoint) => endpoint.name === r.endpoint)?.routerOwn;
        const cells = [
          `${r.endpoint}${routerOwn ? ' (router: its own, not forwarded)' : ''}`,
          r.backend.rps.toFixed(0),
          r.router.rps.toFixed(0),
          `${(r.throughputRatio * 100).toFixed(0)} %`,
          r.backend.p50,
          r.router.p50,
          r.addedP50.toFixed(1),
          r.backend.errors + r.router.errors + r.backend.timeouts + r.router.timeouts,
          r.backend.non2xx + r.router.non2xx,
        ];
        return `| ${cells.join(' | ')} |`;
      }),
      '',
    ].join('\n');
    writeFileSync(join(dir, 'load-report.md'), md);
    out(`written: artifacts/load-report.json, artifacts/load-report.md`);
  } finally {
    await services.stop();
  }
}

await main();
