// A small HTTP proxy in front of a source broker for the import's tests: it passes requests on, counts
// them (and the most in flight at once), and on demand behaves as a source that rate-limits (429 with
// Retry-After) or goes away mid-way (connections cut from the n-th request on). The source behind it is
// a real broker of ours; only the network between the two misbehaves.
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { listen, type RunningServer } from '../../../common/http/listen.ts';

export interface FaultyProxy {
  url: string;
  /** Requests seen since the last `reset`. */
  readonly requests: number;
  /** The most requests in flight at once since the last `reset`. */
  readonly maxInFlight: number;
  /** Answer these request numbers (1-based, counted from the last `reset`) with 429 and a Retry-After. */
  rateLimit(at: number[], retryAfterSeconds: number): void;
  /** Cut the connection of every request from the n-th on (counted from the last `reset`). */
  failFrom(n: number): void;
  /** Pass everything again, with fresh counts. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let limited = new Set<number>();
  let retryAfter = 1;
  let failFrom = Number.POSITIVE_INFINITY;

  const app = express();
  app.use((request, response, next) => {
    requests += 1;
    const n = requests;
    if (n >= failFrom) {
      request.socket.destroy();
      return;
    }
    if (limited.has(n)) {
      response.status(429).set('Retry-After', String(retryAfter)).json({ error: 'slow down' });
      return;
    }
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => (inFlight -= 1));
    next();
  });
  app.use(createProxyMiddleware({ target, changeOrigin: false, xfwd: false }));
  const running: RunningServer = await listen(app);

  return {
    url: running.url,
    get requests() {
      return requests;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    rateLimit(at, seconds) {
      limited = new Set(at);
      retryAfter = seconds;
    },
    failFrom(n) {
      failFrom = n;
    },
    reset() {
      requests = 0;
      maxInFlight = 0;
      limited = new Set();
      failFrom = Number.POSITIVE_INFINITY;
    },
    close: () => running.close(),
  };
}
