import { createLogger, type Logger } from '../common/logger.ts';

export type { Logger } from '../common/logger.ts';

export function createBrokerLogger(level = 'info'): Logger {
  return createLogger('autofighter-broker', level);
}
