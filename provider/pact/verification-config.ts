// Where provider verification gets its pacts, which provider version it verifies and whether the
// results go back to the broker: read from the environment once, validated with zod.
//
//   PACT_URL set              -> that one pact: a file path, or the URL a broker webhook passes
//   else PACT_BROKER_BASE_URL -> the broker, with consumer version selectors, pending and WIP pacts
//   else                      -> every pact for this provider in pacts/ (what `npm test` verifies)
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseEnv } from '../../common/config/parse-env.ts';
import { projectRoot } from '../../common/project-root.ts';
import type { GitRevision } from '../../common/process/git-revision.ts';

export const PROVIDER_NAME = 'autofighter-backend';
export const LOCAL_PACTS_DIRECTORY = join(projectRoot, 'pacts');
/** WIP pacts are those published since this date (PACT_INCLUDE_WIP_PACTS_SINCE); the project's first day. */
export const DEFAULT_WIP_PACTS_SINCE = '2026-11-21';

export type PactLogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';
export type BrokerAuth = { username: string; password: string } | { token: string };

export type PactSource =
  | { kind: 'local'; directory: string }
  | { kind: 'file'; path: string }
  | { kind: 'url'; url: string; auth?: BrokerAuth }
  | { kind: 'broker'; baseUrl: string; auth?: BrokerAuth; enablePending: boolean; includeWipPactsSince?: string };

export interface VerificationConfig {
  source: PactSource;
  /** The provider version verified: the git commit unless GIT_COMMIT says otherwise. */
  providerVersion?: string;
  /** The provider's branch: the git branch unless GIT_BRANCH says otherwise (undefined on a detached HEAD). */
  providerBranch?: string;
  /** Send the results to the broker (only pacts fetched from a broker can have results published). */
  publishResults: boolean;
  /** Link to the CI build, shown with the results in the broker. */
  buildUrl?: string;
  logLevel: PactLogLevel;
}

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const text = z.string().trim().min(1);

const environmentSchema = z.object({
  PACT_URL: text.optional(),
  PACT_BROKER_BASE_URL: httpUrl.optional(),
  PACT_BROKER_USERNAME: text.optional(),
  PACT_BROKER_PASSWORD: text.optional(),
  PACT_BROKER_TOKEN: text.optional(),
  GIT_COMMIT: text.optional(),
  GIT_BRANCH: text.optional(),
  CI: z.string().optional(),
  PACT_BROKER_PUBLISH_VERIFICATION_RESULTS: flag.optional(),
  PACT_ENABLE_PENDING: flag.default(true),
  PACT_INCLUDE_WIP_PACTS_SINCE: z
    .union([z.iso.date(), z.iso.datetime({ offset: true }), z.literal('off')], {
      error: 'must be a date (YYYY-MM-DD), a date-time, or off',
    })
    .default(DEFAULT_WIP_PACTS_SINCE),
  PACT_BUILD_URL: httpUrl.optional(),
  PACT_LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug', 'trace']).default('warn'),
});
type Environment = z.infer<typeof environmentSchema>;

export class VerificationConfigError extends Error {}

/** CI tools often export variables as empty strings: those count as unset. */
function brokerAuth(env: Environment): BrokerAuth | undefined {
  const { PACT_BROKER_USERNAME: username, PACT_BROKER_PASSWORD: password, PACT_BROKER_TOKEN: token } = env;
  if (token && (username || password)) {
    throw new VerificationConfigError('PACT_BROKER_TOKEN and PACT_BROKER_USERNAME/PASSWORD: give one or the other');
  }
  if (token) return { token };
  if (username && password) return { username, password };
  if (username || password)
    throw new VerificationConfigError('PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD go together');
  return undefined;
}

function pactUrlSource(pactUrl: string, auth: BrokerAuth | undefined, cwd: string): PactSource {
  if (/^https?:\/\//i.test(pactUrl)) {
    const parsed = httpUrl.safeParse(pactUrl);
    if (!parsed.success) throw new VerificationConfigError(`PACT_URL: ${pactUrl} is not a valid URL`);
    return { kind: 'url', url: parsed.data, ...(auth ? { auth } : {}) };
  }
  const path = pactUrl.startsWith('file:') ? fileURLToPath(pactUrl) : resolve(cwd, pactUrl);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new VerificationConfigError(`PACT_URL: no pact file at ${path}`);
  return { kind: 'file', path };
}

function pactSource(env: Environment, cwd: string): PactSource {
  const auth = brokerAuth(env);
  if (env.PACT_URL) return pactUrlSource(env.PACT_URL, auth, cwd);
  if (env.PACT_BROKER_BASE_URL) {
    const wipSince = env.PACT_INCLUDE_WIP_PACTS_SINCE;
    return {
      kind: 'broker',
      baseUrl: env.PACT_BROKER_BASE_URL.replace(/\/+$/, ''),
      ...(auth ? { auth } : {}),
      enablePending: env.PACT_ENABLE_PENDING,
      ...(wipSince === 'off' ? {} : { includeWipPactsSince: wipSince }),
    };
  }
  return { kind: 'local', directory: LOCAL_PACTS_DIRECTORY };
}

export interface ConfigInputs {
  env?: NodeJS.ProcessEnv;
  /** The checkout's commit and branch (readGitRevision()); GIT_COMMIT / GIT_BRANCH win over it. */
  git?: GitRevision;
  /** Relative PACT_URL paths are resolved from here. */
  cwd?: string;
}

export function loadVerificationConfig({
  env = process.env,
  git = {},
  cwd = process.cwd(),
}: ConfigInputs = {}): VerificationConfig {
  const settings = parseEnv(environmentSchema, env, 'verification', {
    error: (message) => new VerificationConfigError(message),
  });
  const source = pactSource(settings, cwd);
  const providerVersion = settings.GIT_COMMIT ?? git.commit;
  const providerBranch = settings.GIT_BRANCH ?? git.branch;

  // Only a broker can take results: pacts from the broker, or a URL the broker's webhook passed.
  const canPublish = source.kind === 'broker' || source.kind === 'url';
  const asked = settings.PACT_BROKER_PUBLISH_VERIFICATION_RESULTS;
  if (asked === true && !canPublish) {
    throw new VerificationConfigError(
      'PACT_BROKER_PUBLISH_VERIFICATION_RESULTS=true, but the pacts do not come from a broker (set PACT_BROKER_BASE_URL or an http(s) PACT_URL)',
    );
  }
  const publishResults = canPublish && (asked ?? /^(true|1)$/i.test(settings.CI ?? ''));
  if (publishResults && !providerVersion) {
    throw new VerificationConfigError(
      'Publishing verification results needs the provider version: set GIT_COMMIT (no git commit found)',
    );
  }

  return {
    source,
    ...(providerVersion ? { providerVersion } : {}),
    ...(providerBranch ? { providerBranch } : {}),
    publishResults,
    ...(settings.PACT_BUILD_URL ? { buildUrl: settings.PACT_BUILD_URL } : {}),
    logLevel: settings.PACT_LOG_LEVEL,
  };
}

/** What `npm test` verifies: the committed pacts, never published, whatever the environment says. */
export function localVerificationConfig(overrides: Partial<VerificationConfig> = {}): VerificationConfig {
  return {
    source: { kind: 'local', directory: LOCAL_PACTS_DIRECTORY },
    publishResults: false,
    logLevel: 'warn',
    ...overrides,
  };
}
