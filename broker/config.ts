// The broker's configuration, read from the environment once and validated with zod. Variables are
// BROKER_-prefixed so they never clash with the backend's (PORT, DATABASE_URL) or with the Pact CLI's
// client-side ones (PACT_BROKER_BASE_URL, PACT_BROKER_TOKEN), which often live in the same shell.
import { z } from 'zod';
import { parseEnv } from '../common/config/parse-env.ts';
import { parseHostRule } from './webhooks/target-policy.ts';

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const token = z.string().min(16, 'tokens must be at least 16 characters');

const brokerEnvSchema = z.object({
  BROKER_PORT: z.coerce.number().int().min(0).max(65535).default(9292),
  BROKER_HOST: z.string().min(1).default('0.0.0.0'),
  BROKER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest request body; pacts can be big (base64 adds a third when publishing). */
  BROKER_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/)
    .default('10mb'),
  /** The URL clients reach the broker at, when a proxy sits in front; links are built from the request otherwise. */
  BROKER_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  BROKER_BASIC_AUTH_USERNAME: z.string().min(1).optional(),
  BROKER_BASIC_AUTH_PASSWORD: z.string().min(1).optional(),
  BROKER_BASIC_AUTH_READ_ONLY_USERNAME: z.string().min(1).optional(),
  BROKER_BASIC_AUTH_READ_ONLY_PASSWORD: z.string().min(1).optional(),
  /** Comma-separated bearer tokens that may read and write. */
  BROKER_READ_WRITE_TOKENS: list.pipe(z.array(token)).default([]),
  /** Comma-separated bearer tokens that may only read. */
  BROKER_READ_ONLY_TOKENS: list.pipe(z.array(token)).default([]),
  /** With auth configured: let anyone read without credentials. */
  BROKER_ALLOW_PUBLIC_READ: flag.default(false),
  /** Let a consumer version's pact be replaced by different content (the Pact Broker refuses by default). */
  BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION: flag.default(false),
  BROKER_WEBHOOK_SCHEME_WHITELIST: list
    .pipe(z.array(z.enum(['http', 'https'], { error: 'webhook schemes are http or https' })))
    .default(['https']),
  BROKER_WEBHOOK_METHOD_WHITELIST: list.default(['POST']),
  /** Hosts webhooks may target even when they are internal: names, `*.domain`, IPs or CIDR ranges. */
  BROKER_WEBHOOK_HOST_WHITELIST: list
    .superRefine((entries, context) => {
      for (const entry of entries) {
        try {
          parseHostRule(entry);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }
    })
    .default([]),
  /** false: webhooks may target only the whitelisted hosts (true: also any host whose addresses are all public). */
  BROKER_WEBHOOK_ALLOW_PUBLIC_HOSTS: flag.default(true),
  /** Deliveries retried after a failure (the Pact Broker retries 6 times). */
  BROKER_WEBHOOK_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(6),
  /** The first retry's delay; with backoff each later one doubles (with jitter): ~10 s, 20 s, 40 s ... */
  BROKER_WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(10),
  BROKER_WEBHOOK_RETRY_BACKOFF: flag.default(true),
  BROKER_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** With auth on: serve badges to anyone (README images are fetched without credentials). */
  BROKER_ENABLE_PUBLIC_BADGE_ACCESS: flag.default(false),
  /** Apply a selector's fallbackBranch as documented (false: accept and ignore it, as the Pact Broker does). */
  BROKER_APPLY_FALLBACK_BRANCH: flag.default(true),
});

export type LogLevel = z.infer<typeof brokerEnvSchema>['BROKER_LOG_LEVEL'];

export interface Credentials {
  username: string;
  password: string;
}

export interface AuthConfig {
  readWrite?: Credentials;
  readOnly?: Credentials;
  readWriteTokens: string[];
  readOnlyTokens: string[];
  allowPublicRead: boolean;
}

export interface BrokerConfig {
  port: number;
  host: string;
  logLevel: LogLevel;
  bodyLimit: string;
  baseUrl?: string;
  auth: AuthConfig;
  allowDangerousContractModification: boolean;
  webhookSchemes: string[];
  webhookMethods: string[];
  webhookHosts: string[];
  webhookAllowPublicHosts: boolean;
  webhookRetry: WebhookRetryConfig;
  webhookTimeoutSeconds: number;
  publicBadgeAccess: boolean;
  applyFallbackBranch: boolean;
}

export interface WebhookRetryConfig {
  limit: number;
  delaySeconds: number;
  backoff: boolean;
}

function credentials(
  username: string | undefined,
  password: string | undefined,
  what: string,
): Credentials | undefined {
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined || password === undefined)
    throw new Error(`Invalid broker configuration: set both the ${what} username and password`);
  return { username, password };
}

export function loadBrokerConfig(env: NodeJS.ProcessEnv = process.env): BrokerConfig {
  const e = parseEnv(brokerEnvSchema, env, 'broker');
  const readWrite = credentials(e.BROKER_BASIC_AUTH_USERNAME, e.BROKER_BASIC_AUTH_PASSWORD, 'basic auth');
  const readOnly = credentials(
    e.BROKER_BASIC_AUTH_READ_ONLY_USERNAME,
    e.BROKER_BASIC_AUTH_READ_ONLY_PASSWORD,
    'read-only basic auth',
  );
  return {
    port: e.BROKER_PORT,
    host: e.BROKER_HOST,
    logLevel: e.BROKER_LOG_LEVEL,
    bodyLimit: e.BROKER_BODY_LIMIT,
    ...(e.BROKER_BASE_URL ? { baseUrl: e.BROKER_BASE_URL } : {}),
    auth: {
      ...(readWrite ? { readWrite } : {}),
      ...(readOnly ? { readOnly } : {}),
      readWriteTokens: e.BROKER_READ_WRITE_TOKENS,
      readOnlyTokens: e.BROKER_READ_ONLY_TOKENS,
      allowPublicRead: e.BROKER_ALLOW_PUBLIC_READ,
    },
    allowDangerousContractModification: e.BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION,
    webhookSchemes: e.BROKER_WEBHOOK_SCHEME_WHITELIST,
    webhookMethods: e.BROKER_WEBHOOK_METHOD_WHITELIST.map((method) => method.toUpperCase()),
    webhookHosts: e.BROKER_WEBHOOK_HOST_WHITELIST,
    webhookAllowPublicHosts: e.BROKER_WEBHOOK_ALLOW_PUBLIC_HOSTS,
    webhookRetry: {
      limit: e.BROKER_WEBHOOK_RETRY_LIMIT,
      delaySeconds: e.BROKER_WEBHOOK_RETRY_DELAY_SECONDS,
      backoff: e.BROKER_WEBHOOK_RETRY_BACKOFF,
    },
    webhookTimeoutSeconds: e.BROKER_WEBHOOK_TIMEOUT_SECONDS,
    publicBadgeAccess: e.BROKER_ENABLE_PUBLIC_BADGE_ACCESS,
    applyFallbackBranch: e.BROKER_APPLY_FALLBACK_BRANCH,
  };
}

/** Whether any credential is configured: the broker is open (local use) otherwise. */
export function authEnabled(auth: AuthConfig): boolean {
  return Boolean(auth.readWrite || auth.readOnly || auth.readWriteTokens.length > 0 || auth.readOnlyTokens.length > 0);
}

/** Configuration for tests and tools: the defaults, with overrides. */
export function brokerConfig(overrides: Partial<BrokerConfig> = {}): BrokerConfig {
  return { ...loadBrokerConfig({}), ...overrides };
}
