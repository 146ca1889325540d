// `npm run backend`: autofighter-backend on its own, on embedded PostgreSQL unless DATABASE_URL is set.
import { openDatabase } from '../db/open-database.ts';
import { loadBackendConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startBackendServer } from './server.ts';

const config = loadBackendConfig();
const logger = createLogger('autofighter-backend', config.logLevel);
const database = await openDatabase('backend', { log: (line) => logger.info(line) });
const server = await startBackendServer(database.url, config, logger);
logger.info(`autofighter-backend listening on ${server.url} (Ctrl-C to stop)`);
