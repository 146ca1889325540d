// Starts the router's HTTP server. Used by main.ts (and a whole-stack command); tests build the app
// with createRouter and listen on port 0 themselves.
import type { Logger } from 'pino';
import { listen, type RunningServer } from '../common/http/listen.ts';
import { onShutdown } from '../common/process/shutdown.ts';
import type { RouterConfig } from './config.ts';
import { createRouter } from './router.ts';

export async function startRouterServer(config: RouterConfig, logger: Logger): Promise<RunningServer> {
  const app = createRouter({
    backendUrl: config.backendUrl,
    logger,
    timeouts: config.timeouts,
    trustedProxies: config.trustedProxies,
  });
  // A burst of a thousand connections is queued by the kernel rather than dropped (docs/limits-backend-and-router.md).
  const server = await listen(app, config.port, config.host, { backlog: 2048 });
  onShutdown('router http server', () => server.close());
  return server;
}
