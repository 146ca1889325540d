// A process of its own for `npm run bench:router`: either the bare target (a tiny Node HTTP server
// answering a fixed JSON body) or the production router in front of a target URL. It tells its parent
// its URL, then answers `cpu` messages with process.cpuUsage(), so the parent can charge CPU time to a
// fixed number of requests without counting autocannon's own work (which runs in the parent).
import { pino } from 'pino';
import { listen } from '../../common/http/listen.ts';
import { createRouter } from '../router.ts';

export const BENCH_BODY = JSON.stringify({ status: 'success', data: { players: ['p1', 'p2', 'p3'], count: 3 } });

export type BenchProcessMessage = { url: string } | { cpu: NodeJS.CpuUsage; connections: number };

const [kind, targetUrl] = process.argv.slice(2);
const send = (message: BenchProcessMessage) => process.send?.(message);

const running =
  kind === 'router'
    ? await listen(createRouter({ backendUrl: targetUrl!, logger: pino({ level: 'silent' }) }))
    : await listen((_req, res) => {
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BENCH_BODY) })
          .end(BENCH_BODY);
      });
let connections = 0;
running.server.on('connection', () => (connections += 1));

process.on('message', (message) => {
  if (message === 'cpu') send({ cpu: process.cpuUsage(), connections });
  if (message === 'stop') void running.close().then(() => process.disconnect());
});
send({ url: running.url });
