import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export function createBrokerLogger(level: LevelWithSilent = 'info'): Logger {
  return pino({ name: 'autofighter-broker', level });
}
