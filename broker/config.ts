// The broker's configuration, read from the environment once and validated with zod. Our variables are
// BROKER_-prefixed so they never clash with the backend's (PORT, DATABASE_URL). An existing Pact Broker
// is configured with PACT_BROKER_* variables: each one we support is accepted as an alias of ours
// (reference-aliases.ts), so the broker drops into an existing compose file or chart. When both are set,
// ours wins. docs/broker-configuration.md lists every variable.
import { z } from 'zod';
import { withoutEmptyValues } from '../common/config/parse-env.ts';
import { DEFAULT_POOL_SETTINGS, type DatabasePoolSettings } from '../db/database-pool.ts';
import { aliasedEnv } from './reference-aliases.ts';
import { parseHostRule } from './webhooks/target-policy.ts';
import {
  DEFAULT_KEEP_SELECTORS,
  parseKeepSelectors,
  withDeployedAndReleased,
  type KeepSelector,
} from './retention/keep-selectors.ts';

/** A list: comma- or space-separated (the Pact Broker's own lists are space-separated). */
const list = z.string().transform((value) => value.split(/[\s,]+/).filter((item) => item !== ''));
const flag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(['true', 'false'], { error: 'must be true or false' }))
  .transform((value) => value === 'true');
const token = z.string().min(16, 'tokens must be at least 16 characters');
const seconds = (max: number) => z.coerce.number().int().min(0).max(max);
const milliseconds = (max: number, fallback: number) => z.coerce.number().int().positive().max(max).default(fallback);

const databaseUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^/]/.test(value), 'must be a postgres:// (or postgresql://) URL')
  .refine((value) => URL.canParse(value), 'is not a valid URL');

/**
 * Longer than the backend's: the broker's heaviest statements (a matrix or pacts-for-verification query on
 * a long history, a 10 MB pact written as JSONB) are rare but legitimate.
 */
export const BROKER_STATEMENT_TIMEOUT_MS = 5000;

const brokerEnvSchema = z.object({
  BROKER_PORT: z.coerce.number().int().min(0).max(65535).default(9292),
  BROKER_HOST: z.string().min(1).default('0.0.0.0'),
  BROKER_LOG_LEVEL: z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .default('info'),
  /** The broker's own database; unset: its default database on DATABASE_URL's server (or the embedded one). */
  BROKER_DATABASE_URL: databaseUrl.optional(),
  // The database pool and its time limits (db/database-pool.ts, docs/broker-limits.md).
  BROKER_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(DEFAULT_POOL_SETTINGS.poolSize),
  BROKER_DB_POOL_MAX_WAITING: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_POOL_SETTINGS.maxWaiting),
  BROKER_DB_ACQUIRE_TIMEOUT_MS: milliseconds(60_000, DEFAULT_POOL_SETTINGS.acquireTimeoutMs),
  BROKER_DB_CONNECT_TIMEOUT_MS: milliseconds(60_000, DEFAULT_POOL_SETTINGS.connectTimeoutMs),
  BROKER_DB_STATEMENT_TIMEOUT_MS: milliseconds(300_000, BROKER_STATEMENT_TIMEOUT_MS),
  /** Largest request body; pacts can be big (base64 adds a third when publishing). */
  BROKER_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/)
    .default('10mb'),
  /** The URL clients reach the broker at, when a proxy sits in front; links are built from the request otherwise. */
  BROKER_BASE_URL: list
    .pipe(z.array(z.url({ protocol: /^https?$/ })).max(1, 'give one base URL (several are not supported)'))
    .transform((urls) => urls[0]?.replace(/\/+$/, ''))
    .optional(),
  BROKER_BASIC_AUTH_ENABLED: flag.optional(),
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
        if (/^\/.*\/$/.test(entry)) {
          context.addIssue({
            code: 'custom',
            message: `${entry}: regular expressions are not supported; list host names, *.domain, IPs or CIDR ranges`,
          });
          continue;
        }
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
  /**
   * Our one deliberate difference in where webhooks may go: false (default) refuses loopback, private and
   * link-local addresses unless the host is whitelisted; true lets webhooks reach them as the Pact Broker does.
   */
  BROKER_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: flag.default(false),
  /** Seconds to wait before each retry of a failed delivery (the Pact Broker's schedule: 10 s, 1, 2, 5, 10, 20 min). */
  BROKER_WEBHOOK_RETRY_SCHEDULE: list
    .pipe(z.array(z.string().regex(/^\d+$/, 'delays are whole seconds').transform(Number)).max(50))
    .default([10, 60, 120, 300, 600, 1200]),
  /** A delivery (connecting, sending, reading the response) that takes longer fails and is retried. */
  BROKER_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  // How a delivery whose broker died (killed mid-delivery) is handed to another broker: its queue job expires,
  // the queue's maintenance notices, and the job may be taken again after a delay (docs/broker-limits.md).
  /** Seconds a delivery job may stay taken before it expires; unset: 2 × the timeout + 30. */
  BROKER_WEBHOOK_JOB_EXPIRY_SECONDS: z.coerce.number().int().min(2).max(3600).optional(),
  BROKER_WEBHOOK_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  BROKER_WEBHOOK_REDELIVERY_DELAY_SECONDS: seconds(3600).default(30),
  /** Deliveries this broker makes at once, and at most this many to one target (scheme, host and port). */
  BROKER_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  BROKER_WEBHOOK_TARGET_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(2),
  /**
   * Host headers (host[:port]) the broker may build webhook URLs from when BROKER_BASE_URL is unset;
   * any other Host gets the listening address (a publisher must not choose where the pact URL points).
   */
  BROKER_TRUSTED_HOSTS: list.default([]),
  /** Show the target's response in webhook logs and test executions (default: only when BROKER_WEBHOOK_HOST_WHITELIST is set). */
  BROKER_WEBHOOK_SHOW_RESPONSE: flag.optional(),
  /** Refuse a publication whose new pacticipant name looks like an existing one ("foo" vs "Foo", "Foo Service"). */
  BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES: flag.default(true),
  /** Set (say https://img.shields.io) to redirect badge requests there, as the Pact Broker does by default. */
  BROKER_SHIELDS_IO_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** With auth on: serve badges to anyone (README images are fetched without credentials). */
  BROKER_ENABLE_PUBLIC_BADGE_ACCESS: flag.default(false),
  /** Apply a selector's fallbackBranch as documented (false: accept and ignore it, as the Pact Broker does). */
  BROKER_APPLY_FALLBACK_BRANCH: flag.default(true),
  /** Set a pacticipant's main branch from the first version on a candidate branch (or tag), when it has none. */
  BROKER_AUTO_DETECT_MAIN_BRANCH: flag.default(true),
  BROKER_MAIN_BRANCH_CANDIDATES: list.default(['develop', 'main', 'master']),
  /** A version's first tag becomes its branch when it has none (only within the time limit of its creation). */
  BROKER_USE_FIRST_TAG_AS_BRANCH: flag.default(true),
  BROKER_USE_FIRST_TAG_AS_BRANCH_TIME_LIMIT: seconds(86_400).default(10),
  /** Tagging a version with an environment's name records it as deployed there. */
  BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS: flag.default(true),
  // The scheduled clean-up of old versions (retention/, docs/broker-retention.md).
  BROKER_CLEAN_ENABLED: flag.default(false),
  /** Cron expression (UTC), as pg-boss's scheduler reads it. */
  BROKER_CLEAN_CRON_SCHEDULE: z.string().min(9).default('15 2 * * *'),
  /** JSON array of keep selectors (the Pact Broker's snake_case keys work too). */
  BROKER_CLEAN_KEEP_VERSION_SELECTORS: z
    .string()
    .transform((json, context) => {
      try {
        return parseKeepSelectors(json);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  BROKER_CLEAN_DELETION_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(500),
  BROKER_CLEAN_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  BROKER_CLEAN_DRY_RUN: flag.default(false),
});

type BrokerEnv = z.output<typeof brokerEnvSchema>;
export type LogLevel = BrokerEnv['BROKER_LOG_LEVEL'];

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

/** What happens around branches and tags when versions are created or tagged (the Pact Broker's defaults). */
export interface BranchSettings {
  autoDetectMainBranch: boolean;
  mainBranchCandidates: string[];
  useFirstTagAsBranch: boolean;
  useFirstTagAsBranchTimeLimitSeconds: number;
  createDeployedVersionsForTags: boolean;
}

export interface BrokerConfig {
  port: number;
  host: string;
  logLevel: LogLevel;
  databaseUrl?: string;
  /** The pool of database connections and its time limits. */
  database: DatabasePoolSettings;
  bodyLimit: string;
  baseUrl?: string;
  auth: AuthConfig;
  allowDangerousContractModification: boolean;
  webhookSchemes: string[];
  webhookMethods: string[];
  webhookHosts: string[];
  webhookAllowPublicHosts: boolean;
  webhookAllowPrivateAddresses: boolean;
  /** Seconds before each retry; its length is the number of retries. */
  webhookRetrySchedule: number[];
  webhookTimeoutSeconds: number;
  /** Handing the deliveries of a broker that died to another (webhooks/delivery-queue.ts). */
  webhookQueue: WebhookQueueSettings;
  webhookConcurrency: number;
  webhookTargetConcurrency: number;
  /** Unset: shown when webhook hosts are whitelisted, as in the Pact Broker. */
  webhookShowResponse?: boolean;
  trustedHosts: string[];
  checkForPotentialDuplicatePacticipantNames: boolean;
  shieldsIoBaseUrl?: string;
  publicBadgeAccess: boolean;
  applyFallbackBranch: boolean;
  branches: BranchSettings;
  clean: CleanSettings;
}

/** The scheduled clean-up (retention/clean-schedule.ts). */
export interface CleanSettings {
  enabled: boolean;
  cronSchedule: string;
  keep: KeepSelector[];
  limit: number;
  batchSize: number;
  /** Log what a run would delete, delete nothing. */
  dryRun: boolean;
}

export interface WebhookQueueSettings {
  /** Seconds a taken job may stay unfinished before another broker may take it (unset: 2 × the timeout + 30). */
  jobExpirySeconds?: number;
  /** How often the queue looks for expired jobs (pg-boss's maintenance). */
  maintenanceIntervalSeconds: number;
  /** Seconds an expired job waits before it is taken again. */
  redeliveryDelaySeconds: number;
}

export const DEFAULT_BRANCH_SETTINGS: BranchSettings = {
  autoDetectMainBranch: true,
  mainBranchCandidates: ['develop', 'main', 'master'],
  useFirstTagAsBranch: true,
  useFirstTagAsBranchTimeLimitSeconds: 10,
  createDeployedVersionsForTags: true,
};

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

/** Parses our variables (aliases already resolved); errors name the variable the user actually set. */
function parseBrokerEnv(env: Record<string, string>, sources: Map<string, string>): BrokerEnv {
  const parsed = brokerEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const source = sources.get(name);
    return `${source ? `${source} (read as ${name})` : name}: ${issue.message}`;
  });
  throw new Error(`Invalid broker configuration: ${problems.join('; ')}`);
}

export function loadBrokerConfig(env: NodeJS.ProcessEnv = process.env): BrokerConfig {
  const { values, sources } = aliasedEnv(withoutEmptyValues(env));
  const e = parseBrokerEnv(values, sources);
  const basicAuth = e.BROKER_BASIC_AUTH_ENABLED !== false; // the Pact Broker can switch configured users off
  const readWrite = basicAuth
    ? credentials(e.BROKER_BASIC_AUTH_USERNAME, e.BROKER_BASIC_AUTH_PASSWORD, 'basic auth')
    : undefined;
  const readOnly = basicAuth
    ? credentials(
        e.BROKER_BASIC_AUTH_READ_ONLY_USERNAME,
        e.BROKER_BASIC_AUTH_READ_ONLY_PASSWORD,
        'read-only basic auth',
      )
    : undefined;
  if (e.BROKER_BASIC_AUTH_ENABLED === true && !readWrite)
    throw new Error('Invalid broker configuration: basic auth is enabled but no username and password are set');
  const expiry = e.BROKER_WEBHOOK_JOB_EXPIRY_SECONDS;
  // A job that expired while its delivery still ran would be made twice, by two brokers at once.
  if (expiry !== undefined && expiry <= e.BROKER_WEBHOOK_TIMEOUT_SECONDS)
    throw new Error(
      'Invalid broker configuration: BROKER_WEBHOOK_JOB_EXPIRY_SECONDS must be longer than BROKER_WEBHOOK_TIMEOUT_SECONDS',
    );
  return {
    port: e.BROKER_PORT,
    host: e.BROKER_HOST,
    logLevel: e.BROKER_LOG_LEVEL,
    ...(e.BROKER_DATABASE_URL ? { databaseUrl: e.BROKER_DATABASE_URL } : {}),
    database: {
      poolSize: e.BROKER_DB_POOL_SIZE,
      maxWaiting: e.BROKER_DB_POOL_MAX_WAITING,
      acquireTimeoutMs: e.BROKER_DB_ACQUIRE_TIMEOUT_MS,
      connectTimeoutMs: e.BROKER_DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.BROKER_DB_STATEMENT_TIMEOUT_MS,
    },
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
    webhookAllowPrivateAddresses: e.BROKER_WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    webhookRetrySchedule: e.BROKER_WEBHOOK_RETRY_SCHEDULE,
    webhookTimeoutSeconds: e.BROKER_WEBHOOK_TIMEOUT_SECONDS,
    webhookQueue: {
      ...(expiry !== undefined ? { jobExpirySeconds: expiry } : {}),
      maintenanceIntervalSeconds: e.BROKER_WEBHOOK_QUEUE_MAINTENANCE_SECONDS,
      redeliveryDelaySeconds: e.BROKER_WEBHOOK_REDELIVERY_DELAY_SECONDS,
    },
    webhookConcurrency: e.BROKER_WEBHOOK_CONCURRENCY,
    webhookTargetConcurrency: e.BROKER_WEBHOOK_TARGET_CONCURRENCY,
    ...(e.BROKER_WEBHOOK_SHOW_RESPONSE !== undefined ? { webhookShowResponse: e.BROKER_WEBHOOK_SHOW_RESPONSE } : {}),
    trustedHosts: e.BROKER_TRUSTED_HOSTS.map((host) => host.toLowerCase()),
    checkForPotentialDuplicatePacticipantNames: e.BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES,
    ...(e.BROKER_SHIELDS_IO_BASE_URL ? { shieldsIoBaseUrl: e.BROKER_SHIELDS_IO_BASE_URL } : {}),
    publicBadgeAccess: e.BROKER_ENABLE_PUBLIC_BADGE_ACCESS,
    applyFallbackBranch: e.BROKER_APPLY_FALLBACK_BRANCH,
    branches: {
      autoDetectMainBranch: e.BROKER_AUTO_DETECT_MAIN_BRANCH,
      mainBranchCandidates: e.BROKER_MAIN_BRANCH_CANDIDATES,
      useFirstTagAsBranch: e.BROKER_USE_FIRST_TAG_AS_BRANCH,
      useFirstTagAsBranchTimeLimitSeconds: e.BROKER_USE_FIRST_TAG_AS_BRANCH_TIME_LIMIT,
      createDeployedVersionsForTags: e.BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS,
    },
    clean: {
      enabled: e.BROKER_CLEAN_ENABLED,
      cronSchedule: e.BROKER_CLEAN_CRON_SCHEDULE,
      keep: e.BROKER_CLEAN_KEEP_VERSION_SELECTORS ?? withDeployedAndReleased(DEFAULT_KEEP_SELECTORS),
      limit: e.BROKER_CLEAN_DELETION_LIMIT,
      batchSize: e.BROKER_CLEAN_BATCH_SIZE,
      dryRun: e.BROKER_CLEAN_DRY_RUN,
    },
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
