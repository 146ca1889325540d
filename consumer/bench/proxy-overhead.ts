// `npm run bench:router`: what the router's proxy adds to a request. A benchmark that prints figures,
// not a test. The target is a tiny in-process HTTP server answering a fixed JSON body, so the figures
// are the router's own cost (Express, request id, http-proxy, keep-alive pool), not the database's.
// Each case: autocannon, 10 connections, 5 s after a 1 s warm-up; the router logs nothing. The last
// column counts the TCP connections the target accepted during the run: the keep-alive pool at work.
// autocannon, router and target share one process, so absolute figures understate a real deployment.
import autocannon from 'autocannon';
import { pino } from 'pino';
import { listen } from '../../common/http/listen.ts';
import { createRouter } from '../router.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const body = JSON.stringify({ status: 'success', data: { players: ['p1', 'p2', 'p3'], count: 3 } });

async function measure(url: string, seconds: number) {
  const result = await autocannon({ url, connections: 10, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const target = await listen((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
});
let targetConnections = 0;
target.server.on('connection', () => (targetConnections += 1));
const router = await listen(createRouter({ backendUrl: target.url, logger: pino({ level: 'silent' }) }));

out('router proxy overhead (10 connections, 5 s each; latency in ms)');
out('case                          req/s    p50    p99   non-2xx  errors  connections to target');
for (const [name, url] of [
  ['target directly', `${target.url}/api/game/players/owned`],
  ['through the router (/api)', `${router.url}/api/game/players/owned`],
  ['router /health (no proxy)', `${router.url}/health`],
] as const) {
  await measure(url, 1); // warm-up
  const opened = targetConnections;
  const r = await measure(url, 5);
  const connections = targetConnections - opened;
  const cells = [
    name.padEnd(28),
    r.rps.toFixed(0).padStart(6),
    r.p50.toFixed(1).padStart(6),
    r.p99.toFixed(1).padStart(6),
    String(r.non2xx).padStart(9),
    String(r.errors).padStart(7),
    String(connections).padStart(11),
  ];
  out(cells.join(' '));
}

await router.close();
await target.close();
