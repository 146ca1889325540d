// The one way a service makes its logger: pino, JSON lines on stdout, named for the service.
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level });
}
