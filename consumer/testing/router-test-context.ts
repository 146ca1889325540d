// Mocha helper for router tests: the production router app (createRouter) listening on port 0 in
// front of a backend URL known once the earlier `before` hooks have run (say, useBackend()'s).
import type { Server } from 'node:http';
import { pino } from 'pino';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import type { RouterTimeouts } from '../config.ts';
import { createRouter, type RouterDependencies, type RouterHandler } from '../router.ts';

export interface RouterTestContext {
  app: RouterHandler;
  server: Server;
  url: string;
}

export function useRouter(
  backendUrl: () => string,
  options: { timeouts?: Partial<RouterTimeouts>; trustedProxies?: RouterDependencies['trustedProxies'] } = {},
): RouterTestContext {
  const context = {} as RouterTestContext;
  let running: RunningServer | undefined;

  before(async () => {
    context.app = createRouter({
      backendUrl: backendUrl(),
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    });
    running = await listen(context.app);
    context.server = running.server;
    context.url = running.url;
  });

  after(async () => {
    await running?.close();
  });

  return context;
}
