// autofighter-router: the game API's front door. createRouter builds the Express app from its
// dependencies; only server.ts listens. The consumer pact tests and the router specs run this same app.
import { Agent } from 'node:http';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { httpLogger } from '../common/http/http-logger.ts';
import { requestId } from '../common/http/request-id.ts';
import packageJson from '../package.json' with { type: 'json' };
import { BackendClient } from './backend-client/backend-client.ts';
import type { RouterTimeouts } from './config.ts';
import { BackendMonitor } from './health/backend-monitor.ts';
import { healthRouter } from './health/health.router.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { backendProxy } from './proxy/backend-proxy.ts';

export const DEFAULT_TIMEOUTS: RouterTimeouts = { proxyMs: 10_000, healthMs: 2_000 };

export interface RouterDependencies {
  /** Where the backend listens, e.g. http://localhost:59002 */
  backendUrl: string;
  logger: Logger;
  timeouts?: Partial<RouterTimeouts>;
}

export function createRouter({ backendUrl, logger, timeouts = {} }: RouterDependencies): Express {
  const { proxyMs, healthMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const app = express();
  app.disable('x-powered-by');

  app.use(requestId()); // before the proxy, so the backend receives the same id
  if (logger.isLevelEnabled('error')) app.use(httpLogger(logger)); // no per-request cost when logging is off

  // One pool of keep-alive connections to the backend, for the proxy and the health probes alike.
  // An idle socket is closed after 4 s, before a server's keep-alive timeout (Node's default is 5 s)
  // could close it just as a request picks it. Idle sockets do not keep the process alive.
  const agent = new Agent({ keepAlive: true, timeout: 4_000 });
  const monitor = new BackendMonitor(new BackendClient({ baseUrl: backendUrl, timeoutMs: healthMs, httpAgent: agent }));

  app.use(healthRouter(monitor, { version: packageJson.version, startedAt: new Date() }));
  // No body parser anywhere before this: the request body streams to the backend untouched.
  app.use(backendProxy({ backendUrl, timeoutMs: proxyMs, agent, onFailure: (error) => monitor.recordFailure(error) }));

  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
