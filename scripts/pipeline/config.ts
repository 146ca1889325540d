// What `npm run pipeline` works with, read from the environment once and validated with zod:
// the broker (PACT_BROKER_BASE_URL, or one of its own), the version and branch both pacticipants are
// published, verified and deployed as (the git commit and branch, as Pact recommends), the environment
// they go to, and where the consumer tests write their pacts.
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { parseEnv } from '../../common/config/parse-env.ts';
import { projectRoot } from '../../common/project-root.ts';
import type { GitRevision } from '../../common/process/git-revision.ts';
import {
  loadVerificationConfig,
  VerificationConfigError,
  type PactLogLevel,
} from '../../provider/pact/verification-config.ts';

export const CONSUMER = 'autofighter-router';
export const PROVIDER = 'autofighter-backend';
export const DEFAULT_PACT_DIR = join(projectRoot, 'pacts');

export type BrokerCredentials = { token: string } | { username: string; password: string };

export interface PipelineConfig {
  /** The broker to use; undefined: the pipeline starts one of its own on a throw-away database. */
  brokerUrl?: string;
  credentials?: BrokerCredentials;
  /** The version of both pacticipants (they live in one repository): the git commit. */
  version: string;
  branch: string;
  /** The branch each pacticipant's main line is on (set on the broker: it does not guess). */
  mainBranch: string;
  environment: string;
  /** Where the consumer tests write the pact, and what is published from. */
  pactDir: string;
  /** The Pact CLI's retries of a failed HTTP request (PACT_BROKER_HTTP_RETRIES; its own default is 8, over a minute). */
  httpRetries: number;
  /** How often can-i-deploy asks again while the answer is unknown (a verification still running). */
  retryWhileUnknown: number;
  retryIntervalSeconds: number;
  /** The provider verification's own settings (PACT_ENABLE_PENDING, PACT_INCLUDE_WIP_PACTS_SINCE, PACT_LOG_LEVEL, PACT_BUILD_URL). */
  verification: VerificationSettings;
  /**
   * How the provider's side gets verified (PIPELINE_PROVIDER_MODE): `verifier` replays the pacts against
   * the backend (the Pact Verifier); `openapi` publishes the backend's OpenAPI document as a provider
   * contract and the broker compares the pacts with it (docs/bidirectional-contracts.md).
   */
  providerMode: ProviderMode;
}

export const PROVIDER_MODES = ['verifier', 'openapi'] as const;
export type ProviderMode = (typeof PROVIDER_MODES)[number];

export interface VerificationSettings {
  enablePending: boolean;
  includeWipPactsSince?: string;
  logLevel: PactLogLevel;
  buildUrl?: string;
}

export class PipelineConfigError extends Error {}

const text = z.string().trim().min(1);
const count = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more');
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const environmentSchema = z.object({
  PACT_BROKER_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  PACT_BROKER_TOKEN: text.optional(),
  PACT_BROKER_USERNAME: text.optional(),
  PACT_BROKER_PASSWORD: text.optional(),
  GIT_COMMIT: text.optional(),
  GIT_BRANCH: text.optional(),
  CI: z.string().optional(),
  PIPELINE_ENVIRONMENT: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'must be an environment name (letters, digits, _ . -)')
    .default('production'),
  PIPELINE_MAIN_BRANCH: text.default('main'),
  PACT_OUTPUT_DIR: text.optional(),
  PACT_BROKER_HTTP_RETRIES: count.default(3),
  PIPELINE_RETRY_WHILE_UNKNOWN: count.default(2),
  PIPELINE_RETRY_INTERVAL: count.default(2),
  PIPELINE_PROVIDER_MODE: z.enum(PROVIDER_MODES, { error: 'must be verifier or openapi' }).default('verifier'),
});

/** CI tools often export unset variables as empty strings: those count as unset. */
function credentials(env: z.infer<typeof environmentSchema>): BrokerCredentials | undefined {
  const { PACT_BROKER_TOKEN: token, PACT_BROKER_USERNAME: username, PACT_BROKER_PASSWORD: password } = env;
  if (token && (username || password))
    throw new PipelineConfigError('PACT_BROKER_TOKEN and PACT_BROKER_USERNAME/PASSWORD: give one or the other');
  if (token) return { token };
  if (username && password) return { username, password };
  if (username || password) throw new PipelineConfigError('PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD go together');
  return undefined;
}

export interface PipelineConfigInputs {
  env?: NodeJS.ProcessEnv;
  /** The checkout's commit and branch (readGitRevision()); GIT_COMMIT / GIT_BRANCH win over it. */
  git?: GitRevision;
}

export function loadPipelineConfig({ env = process.env, git = {} }: PipelineConfigInputs = {}): PipelineConfig {
  const settings = parseEnv(environmentSchema, env, 'pipeline', {
    error: (message) => new PipelineConfigError(message),
  });
  const brokerUrl = settings.PACT_BROKER_BASE_URL?.replace(/\/+$/, '');
  const auth = credentials(settings);
  if (auth && !brokerUrl)
    throw new PipelineConfigError(
      "Broker credentials are set but PACT_BROKER_BASE_URL is not: the pipeline's own broker needs none",
    );

  // The pipeline publishes verification results and records deployments, which Pact keeps to CI: a
  // laptop's results in a shared broker would vouch for code nobody else has.
  const onCi = /^(true|1)$/i.test(settings.CI ?? '');
  if (brokerUrl && !onCi && !LOOPBACK_HOSTS.has(new URL(brokerUrl).hostname)) {
    throw new PipelineConfigError(
      `PACT_BROKER_BASE_URL is ${brokerUrl}, a shared broker: the pipeline publishes verification results and records deployments there, ` +
        'which belongs on CI. Run it with CI=true on CI, or against a local broker (npm start, or no PACT_BROKER_BASE_URL for one of its own).',
    );
  }

  const version = settings.GIT_COMMIT ?? git.commit;
  if (!version)
    throw new PipelineConfigError('No version to publish: not a git checkout with a commit; set GIT_COMMIT');
  const branch = settings.GIT_BRANCH ?? git.branch;
  if (!branch)
    throw new PipelineConfigError('No branch: the checkout is detached (as CI checkouts often are); set GIT_BRANCH');

  const pactDir = settings.PACT_OUTPUT_DIR;
  return {
    ...(brokerUrl ? { brokerUrl } : {}),
    ...(auth ? { credentials: auth } : {}),
    version,
    branch,
    mainBranch: settings.PIPELINE_MAIN_BRANCH,
    environment: settings.PIPELINE_ENVIRONMENT,
    pactDir: pactDir ? (isAbsolute(pactDir) ? pactDir : resolve(pactDir)) : DEFAULT_PACT_DIR,
    httpRetries: settings.PACT_BROKER_HTTP_RETRIES,
    retryWhileUnknown: settings.PIPELINE_RETRY_WHILE_UNKNOWN,
    retryIntervalSeconds: settings.PIPELINE_RETRY_INTERVAL,
    verification: verificationSettings(env),
    providerMode: settings.PIPELINE_PROVIDER_MODE,
  };
}

/**
 * The verification's own variables, read by its own loader now, so that a bad one stops the pipeline
 * before any step. Its pacts come from the pipeline's broker, whatever PACT_URL says (a stand-in URL
 * here: the broker's is known once it runs).
 */
function verificationSettings(env: NodeJS.ProcessEnv): VerificationSettings {
  const { PACT_ENABLE_PENDING, PACT_INCLUDE_WIP_PACTS_SINCE, PACT_LOG_LEVEL, PACT_BUILD_URL } = env;
  try {
    const loaded = loadVerificationConfig({
      env: {
        PACT_ENABLE_PENDING,
        PACT_INCLUDE_WIP_PACTS_SINCE,
        PACT_LOG_LEVEL,
        PACT_BUILD_URL,
        PACT_BROKER_BASE_URL: 'http://localhost',
      },
      git: {},
    });
    if (loaded.source.kind !== 'broker') throw new Error('unreachable: a broker URL was given');
    return {
      enablePending: loaded.source.enablePending,
      ...(loaded.source.includeWipPactsSince ? { includeWipPactsSince: loaded.source.includeWipPactsSince } : {}),
      logLevel: loaded.logLevel,
      ...(loaded.buildUrl ? { buildUrl: loaded.buildUrl } : {}),
    };
  } catch (error) {
    if (error instanceof VerificationConfigError) throw new PipelineConfigError(error.message);
    throw error;
  }
}
