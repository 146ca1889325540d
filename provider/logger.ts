import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export function createLogger(name: string, level: LevelWithSilent = 'info'): Logger {
  return pino({ name, level });
}
