// The backend's configuration, read from the environment in one place and validated once.
import { z } from 'zod';
import { parseEnv } from '../common/config/parse-env.ts';

const backendConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(59002),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/)
    .default('100kb'),
  HEALTH_DB_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
});

export type BackendConfig = {
  port: number;
  host: string;
  logLevel: z.infer<typeof backendConfigSchema>['LOG_LEVEL'];
  bodyLimit: string;
  healthDbTimeoutMs: number;
};

export function loadBackendConfig(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const { PORT, HOST, LOG_LEVEL, BODY_LIMIT, HEALTH_DB_TIMEOUT_MS } = parseEnv(backendConfigSchema, env, 'backend');
  return {
    port: PORT,
    host: HOST,
    logLevel: LOG_LEVEL,
    bodyLimit: BODY_LIMIT,
    healthDbTimeoutMs: HEALTH_DB_TIMEOUT_MS,
  };
}

/** Configuration for tests and tools: the defaults, with overrides. */
export function backendConfig(overrides: Partial<BackendConfig> = {}): BackendConfig {
  return { ...loadBackendConfig({}), ...overrides };
}
