// `npm run router`: autofighter-router on its own, in front of the backend at BACKEND_URL.
import { pino } from 'pino';
import { loadRouterConfig } from './config.ts';
import { startRouterServer } from './server.ts';

const config = loadRouterConfig();
const logger = pino({ name: 'autofighter-router', level: config.logLevel });
const server = await startRouterServer(config, logger);
logger.info(`autofighter-router listening on ${server.url}, forwarding /api to ${config.backendUrl} (Ctrl-C to stop)`);
