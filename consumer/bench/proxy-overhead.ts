// `npm run bench:router`: what the router's proxy costs per request. A benchmark that prints figures,
// not a test. The target is a bare Node HTTP server answering a fixed JSON body, so the figures are the
// router's own cost (Express, request id, http-proxy, keep-alive pool), not the database's.
//
// Target and router each run in a process of their own (bench-process.ts); autocannon runs here. Each
// case sends a fixed number of requests (BENCH_REQUESTS, default 20 000; 10 connections) after a warm-up,
// and charges each process's CPU time (process.cpuUsage(), user + system, read before and after over
// IPC) to those requests: CPU per request does not depend on how busy the rest of the machine is, which
// throughput and latency (also printed) do. The last column counts the TCP connections the target
// accepted during the case: the keep-alive pool at work.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchProcessMessage } from './bench-process.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const CONNECTIONS = 10;
/** Issue 15's target for the router's CPU per proxied request. */
const TARGET_CPU_MS = 0.15;

const out = (line = '') => process.stdout.write(`${line}\n`);
const entry = fileURLToPath(new URL('./bench-process.ts', import.meta.url));

interface BenchProcess {
  child: ChildProcess;
  url: string;
  usage(): Promise<{ cpuMs: number; connections: number }>;
}

function next(child: ChildProcess): Promise<BenchProcessMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as BenchProcessMessage));
    child.once('exit', (code) => reject(new Error(`bench process exited (${code})`)));
  });
}

async function start(args: string[]): Promise<BenchProcess> {
  const child = fork(entry, args, { execArgv: ['--import', 'tsx', ...process.execArgv], stdio: 'inherit' });
  const first = await next(child);
  if (!('url' in first)) throw new Error('bench process did not say where it listens');
  return {
    child,
    url: first.url,
    usage: async () => {
      const reply = next(child);
      child.send('cpu');
      const message = await reply;
      if (!('cpu' in message)) throw new Error('bench process did not report its CPU');
      return { cpuMs: (message.cpu.user + message.cpu.system) / 1000, connections: message.connections };
    },
  };
}

async function stop(process_: BenchProcess): Promise<void> {
  const exited = new Promise((resolve) => process_.child.once('exit', resolve));
  process_.child.send('stop');
  await exited;
}

async function load(url: string, amount: number) {
  const result = await autocannon({ url, connections: CONNECTIONS, amount });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const target = await start(['target']);
const router = await start(['router', target.url]);

out(`router proxy cost: ${REQUESTS} requests per case, ${CONNECTIONS} connections, after a warm-up`);
out('(router and target in processes of their own; CPU = user + system time per request; latency in ms)');
out(
  'case                          req/s    p50    p99  non-2xx  errors  router CPU/req  target CPU/req  new target conns',
);
const cpuPerRequest: Record<string, number> = {};
for (const [name, url] of [
  ['target directly', `${target.url}/api/game/players/owned`],
  ['through the router (/api)', `${router.url}/api/game/players/owned`],
  ['router /health (no proxy)', `${router.url}/health`],
] as const) {
  await load(url, Math.min(5_000, REQUESTS)); // warm-up: JIT, pools
  const [routerBefore, targetBefore] = await Promise.all([router.usage(), target.usage()]);
  const r = await load(url, REQUESTS);
  const [routerAfter, targetAfter] = await Promise.all([router.usage(), target.usage()]);
  const routerCpu = (routerAfter.cpuMs - routerBefore.cpuMs) / REQUESTS;
  const targetCpu = (targetAfter.cpuMs - targetBefore.cpuMs) / REQUESTS;
  cpuPerRequest[name] = name === 'target directly' ? targetCpu : routerCpu;
  const shown = (value: number, used: boolean) => (used ? `${value.toFixed(3)} ms` : '-').padStart(14);
  out(
    [
      name.padEnd(28),
      r.rps.toFixed(0).padStart(6),
      r.p50.toFixed(1).padStart(6),
      r.p99.toFixed(1).padStart(6),
      String(r.non2xx).padStart(8),
      `${String(r.errors).padStart(7)} `,
      `${shown(routerCpu, name !== 'target directly')} `,
      `${shown(targetCpu, name !== 'router /health (no proxy)')} `,
      String(targetAfter.connections - targetBefore.connections).padStart(16),
    ].join(' '),
  );
}
out();
const proxied = cpuPerRequest['through the router (/api)']!;
out(
  `router CPU per proxied request: ${proxied.toFixed(3)} ms ` +
    `(target: at most ${TARGET_CPU_MS} ms: ${proxied <= TARGET_CPU_MS ? 'met' : 'NOT met'}); ` +
    `a bare Node target: ${cpuPerRequest['target directly']!.toFixed(3)} ms`,
);

await stop(router);
await stop(target);
