// The backend's configuration, read from the environment in one place and validated once.
import { z } from 'zod';
import { parseEnv } from '../common/config/parse-env.ts';
import { DEFAULT_POOL_SETTINGS, type DatabasePoolSettings } from '../db/database-pool.ts';

const milliseconds = (max: number, fallback: number) => z.coerce.number().int().positive().max(max).default(fallback);

const backendConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(59002),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/)
    .default('100kb'),
  HEALTH_DB_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(100_000).default(128),
  // The database pool and its time limits (docs/limits-backend-and-router.md).
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(DEFAULT_POOL_SETTINGS.poolSize),
  DB_POOL_MAX_WAITING: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_POOL_SETTINGS.maxWaiting),
  DB_ACQUIRE_TIMEOUT_MS: milliseconds(60_000, DEFAULT_POOL_SETTINGS.acquireTimeoutMs),
  DB_CONNECT_TIMEOUT_MS: milliseconds(60_000, DEFAULT_POOL_SETTINGS.connectTimeoutMs),
  DB_STATEMENT_TIMEOUT_MS: milliseconds(300_000, DEFAULT_POOL_SETTINGS.statementTimeoutMs),
});

export type BackendConfig = {
  port: number;
  host: string;
  logLevel: z.infer<typeof backendConfigSchema>['LOG_LEVEL'];
  bodyLimit: string;
  healthDbTimeoutMs: number;
  /** Requests served at once; one more is a 503 (http/admission.ts). Health checks are not counted. */
  maxConcurrentRequests: number;
  database: DatabasePoolSettings;
};

export function loadBackendConfig(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const c = parseEnv(backendConfigSchema, env, 'backend');
  return {
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    bodyLimit: c.BODY_LIMIT,
    healthDbTimeoutMs: c.HEALTH_DB_TIMEOUT_MS,
    maxConcurrentRequests: c.MAX_CONCURRENT_REQUESTS,
    database: {
      poolSize: c.DB_POOL_SIZE,
      maxWaiting: c.DB_POOL_MAX_WAITING,
      acquireTimeoutMs: c.DB_ACQUIRE_TIMEOUT_MS,
      connectTimeoutMs: c.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: c.DB_STATEMENT_TIMEOUT_MS,
    },
  };
}

/** Configuration for tests and tools: the defaults, with overrides. */
export function backendConfig(overrides: Partial<BackendConfig> = {}): BackendConfig {
  return { ...loadBackendConfig({}), ...overrides };
}
