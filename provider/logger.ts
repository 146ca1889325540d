export { createLogger, type Logger } from '../common/logger.ts';
