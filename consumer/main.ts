// `npm run router`: autofighter-router on its own, in front of the backend at BACKEND_URL.
import { explainPort } from '../common/http/listen.ts';
import { createLogger } from '../common/logger.ts';
import { exitAfterStartupFailure } from '../common/process/shutdown.ts';
import { loadRouterConfig } from './config.ts';
import { startRouterServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadRouterConfig();
  const logger = createLogger('autofighter-router', config.logLevel);
  const server = await startRouterServer(config, logger);
  logger.info(
    `autofighter-router listening on ${server.url}, forwarding /api to ${config.backendUrl} (Ctrl-C to stop)`,
  );
}

await main().catch((error: unknown) =>
  exitAfterStartupFailure('autofighter-router did not start', explainPort(error, 'the router', 'PORT')),
);
