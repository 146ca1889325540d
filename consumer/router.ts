// autofighter-router: the game API's front door. createRouter builds the request handler from its
// dependencies; only server.ts listens. The consumer pact tests and the router specs run this same handler.
//
// Requests for /api go straight to the proxy, outside Express: Express re-prototypes every request and
// response object it sees, which made Node's own HTTP and stream code (the bulk of a proxied request's
// work) run on slow paths, and its routing added layers the proxy does not need. Measured by
// `bench:router` (docs/performance.md): the router's CPU per proxied request fell from about 0.5 ms to
// about 0.15 ms. Everything else (health, 404s) and every failure of the proxy is Express's, so errors
// still have one middleware and one envelope.
import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import { httpLogger } from '../common/http/http-logger.ts';
import { assignRequestId } from '../common/http/request-id.ts';
import packageJson from '../package.json' with { type: 'json' };
import { BackendClient } from './backend-client/backend-client.ts';
import { BackendUnavailableError } from './backend-client/errors.ts';
import type { RouterTimeouts } from './config.ts';
import { BackendMonitor } from './health/backend-monitor.ts';
import { healthRouter } from './health/health.router.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { backendProxy, isApiPath } from './proxy/backend-proxy.ts';
import { forwardingHeaders } from './proxy/forwarded-headers.ts';

export const DEFAULT_TIMEOUTS: RouterTimeouts = { proxyMs: 10_000, healthMs: 2_000 };

export interface RouterDependencies {
  /** Where the backend listens, e.g. http://localhost:59002 */
  backendUrl: string;
  logger: Logger;
  timeouts?: Partial<RouterTimeouts>;
  /**
   * Proxies in front of the router whose X-Forwarded-* headers are believed (addresses, CIDR ranges, or
   * `loopback`, `linklocal`, `uniquelocal`); from anyone else the router sets them itself. Default: none.
   */
  trustedProxies?: readonly string[];
}

/** The router: a plain Node request handler (pass it to http.createServer, listen() or supertest). */
export type RouterHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createRouter({
  backendUrl,
  logger,
  timeouts = {},
  trustedProxies = [],
}: RouterDependencies): RouterHandler {
  const { proxyMs, healthMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };

  // One pool of keep-alive connections to the backend, for the proxy and the health probes alike.
  // An idle socket is closed after 4 s, before a server's keep-alive timeout (Node's default is 5 s)
  // could close it just as a request picks it. Idle sockets do not keep the process alive.
  const agent = new Agent({ keepAlive: true, timeout: 4_000 });
  const monitor = new BackendMonitor(new BackendClient({ baseUrl: backendUrl, timeoutMs: healthMs, httpAgent: agent }));

  // A request the proxy could not complete continues in Express as this error, so the one error
  // middleware answers it (502 / 504 envelope) like any other.
  const proxyFailures = new WeakMap<IncomingMessage, unknown>();
  const app = express();
  app.disable('x-powered-by');
  app.use((req, _res, next) => next(proxyFailures.get(req)));
  app.use(healthRouter(monitor, { version: packageJson.version, startedAt: new Date() }));
  app.use(notFoundHandler());
  app.use(errorHandler(logger));

  const proxy = backendProxy({
    backendUrl,
    timeoutMs: proxyMs,
    agent,
    forwarding: forwardingHeaders(trustedProxies),
    onFailure: (error, req, res) => {
      if (error instanceof BackendUnavailableError) monitor.recordFailure(error);
      proxyFailures.set(req, error);
      app(req, res);
    },
  });

  const logRequest = logger.isLevelEnabled('error') ? httpLogger(logger) : undefined; // no cost when off
  const route: RouterHandler = (req, res) => {
    // No body parser anywhere before the proxy: the request body streams to the backend untouched.
    if (isApiPath(pathnameOf(req.url ?? '/'))) proxy(req, res);
    else app(req, res);
  };
  return (req, res) => {
    assignRequestId(req, res); // before the proxy, so the backend receives the same id
    if (logRequest) logRequest(req, res, () => route(req, res));
    else route(req, res);
  };
}

/** The path of a request target: origin form (`/api/x?y`) as is, absolute form (`http://h/api/x`) parsed. */
function pathnameOf(target: string): string {
  if (target.startsWith('/')) {
    const query = target.indexOf('?');
    return query === -1 ? target : target.slice(0, query);
  }
  return URL.parse(target)?.pathname ?? target;
}
