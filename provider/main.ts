// `npm run backend`: autofighter-backend on its own, on embedded PostgreSQL unless DATABASE_URL is set.
import { explainPort } from '../common/http/listen.ts';
import { openDatabase } from '../db/open-database.ts';
import { exitAfterStartupFailure } from '../common/process/shutdown.ts';
import { loadBackendConfig } from './config.ts';
import { createLogger } from '../common/logger.ts';
import { startBackendServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadBackendConfig();
  const logger = createLogger('autofighter-backend', config.logLevel);
  const database = await openDatabase('backend', { log: (line) => logger.info(line) });
  const server = await startBackendServer(database.url, config, logger);
  logger.info(`autofighter-backend listening on ${server.url} (Ctrl-C to stop)`);
}

await main().catch((error: unknown) =>
  exitAfterStartupFailure('autofighter-backend did not start', explainPort(error, 'the backend', 'PORT')),
);
