// The Pact Broker's own configuration variables (PACT_BROKER_*), read as aliases of ours so an existing
// compose file, chart or .env configures this broker unchanged. Each alias is used only when our variable
// is unset. Most are plain renames; a few are translated into ours (the database given in parts, the
// webhook host whitelist's "only these hosts" meaning). Variables of the Pact
// Broker that have no counterpart here are ignored; docs/broker-configuration.md lists them and why.

/** Ours -> the Pact Broker's, for variables that mean the same thing and take the same values. */
export const RENAMED: Readonly<Record<string, string>> = {
  BROKER_PORT: 'PACT_BROKER_PORT',
  BROKER_LOG_LEVEL: 'PACT_BROKER_LOG_LEVEL',
  BROKER_BASE_URL: 'PACT_BROKER_BASE_URL',
  BROKER_BASIC_AUTH_ENABLED: 'PACT_BROKER_BASIC_AUTH_ENABLED',
  BROKER_BASIC_AUTH_USERNAME: 'PACT_BROKER_BASIC_AUTH_USERNAME',
  BROKER_BASIC_AUTH_PASSWORD: 'PACT_BROKER_BASIC_AUTH_PASSWORD',
  BROKER_BASIC_AUTH_READ_ONLY_USERNAME: 'PACT_BROKER_BASIC_AUTH_READ_ONLY_USERNAME',
  BROKER_BASIC_AUTH_READ_ONLY_PASSWORD: 'PACT_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD',
  BROKER_ALLOW_PUBLIC_READ: 'PACT_BROKER_ALLOW_PUBLIC_READ',
  BROKER_ENABLE_PUBLIC_BADGE_ACCESS: 'PACT_BROKER_ENABLE_PUBLIC_BADGE_ACCESS',
  BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION: 'PACT_BROKER_ALLOW_DANGEROUS_CONTRACT_MODIFICATION',
  BROKER_WEBHOOK_SCHEME_WHITELIST: 'PACT_BROKER_WEBHOOK_SCHEME_WHITELIST',
  BROKER_WEBHOOK_RETRY_SCHEDULE: 'PACT_BROKER_WEBHOOK_RETRY_SCHEDULE',
  BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES: 'PACT_BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES',
  BROKER_SHIELDS_IO_BASE_URL: 'PACT_BROKER_SHIELDS_IO_BASE_URL',
  BROKER_WEBHOOK_METHOD_WHITELIST: 'PACT_BROKER_WEBHOOK_HTTP_METHOD_WHITELIST',
  BROKER_WEBHOOK_HOST_WHITELIST: 'PACT_BROKER_WEBHOOK_HOST_WHITELIST',
  BROKER_DATABASE_URL: 'PACT_BROKER_DATABASE_URL',
  BROKER_DB_POOL_SIZE: 'PACT_BROKER_DATABASE_MAX_CONNECTIONS',
  BROKER_AUTO_DETECT_MAIN_BRANCH: 'PACT_BROKER_AUTO_DETECT_MAIN_BRANCH',
  BROKER_MAIN_BRANCH_CANDIDATES: 'PACT_BROKER_MAIN_BRANCH_CANDIDATES',
  BROKER_USE_FIRST_TAG_AS_BRANCH: 'PACT_BROKER_USE_FIRST_TAG_AS_BRANCH',
  BROKER_USE_FIRST_TAG_AS_BRANCH_TIME_LIMIT: 'PACT_BROKER_USE_FIRST_TAG_AS_BRANCH_TIME_LIMIT',
  BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS: 'PACT_BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS',
  // The Pact Broker Docker image's clean-up settings.
  BROKER_CLEAN_ENABLED: 'PACT_BROKER_DATABASE_CLEAN_ENABLED',
  BROKER_CLEAN_CRON_SCHEDULE: 'PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE',
  BROKER_CLEAN_KEEP_VERSION_SELECTORS: 'PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS',
  BROKER_CLEAN_DELETION_LIMIT: 'PACT_BROKER_DATABASE_CLEAN_DELETION_LIMIT',
  BROKER_CLEAN_DRY_RUN: 'PACT_BROKER_DATABASE_CLEAN_DRY_RUN',
};

/** Variables a Pact Broker *client* (the CLI, the verifier) also reads, and so often set in a developer's shell. */
export const CLIENT_SHARED_VARIABLES = ['PACT_BROKER_BASE_URL'] as const;

/**
 * `env` without the variables a client shares with the broker: for a broker started from a shell that
 * also runs the Pact CLI (the whole stack), where PACT_BROKER_BASE_URL names the broker the CLI talks to.
 */
export function withoutClientVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !(CLIENT_SHARED_VARIABLES as readonly string[]).includes(name)),
  );
}

/** Our variables after aliases, and for each one that came from an alias, the variable it came from. */
export interface AliasedEnv {
  values: Record<string, string>;
  sources: Map<string, string>;
}

/**
 * The Pact Broker's database settings in parts (as its Docker image's compose example sets them), as one
 * URL; an adapter other than postgres gives a URL our validation refuses with a clear message.
 */
function databaseUrlFromParts(env: Record<string, string>): string | undefined {
  const get = (name: string) => env[`PACT_BROKER_DATABASE_${name}`];
  const [host, name] = [get('HOST'), get('NAME')];
  if (host === undefined && name === undefined) return undefined;
  const adapter = (get('ADAPTER') ?? 'postgres').toLowerCase();
  const user = get('USERNAME');
  const password = get('PASSWORD');
  const auth =
    user === undefined
      ? ''
      : `${encodeURIComponent(user)}${password === undefined ? '' : `:${encodeURIComponent(password)}`}@`;
  const port = get('PORT') === undefined ? '' : `:${get('PORT')}`;
  return `${adapter === 'postgresql' ? 'postgres' : adapter}://${auth}${host ?? ''}${port}/${encodeURIComponent(name ?? '')}`;
}

function withSslMode(url: string, sslmode: string | undefined): string {
  if (sslmode === undefined || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (!parsed.searchParams.has('sslmode')) parsed.searchParams.set('sslmode', sslmode);
  return parsed.toString();
}

/** Resolves the aliases in `env` (values already without empty ones). */
export function aliasedEnv(env: Record<string, string>): AliasedEnv {
  const values: Record<string, string> = { ...env };
  const sources = new Map<string, string>();
  const use = (ours: string, value: string | undefined, source: string) => {
    if (value === undefined || values[ours] !== undefined) return;
    values[ours] = value;
    sources.set(ours, source);
  };

  for (const [ours, theirs] of Object.entries(RENAMED)) use(ours, env[theirs], theirs);
  use('BROKER_BASE_URL', env.PACT_BROKER_BASE_URLS, 'PACT_BROKER_BASE_URLS');
  use('BROKER_DATABASE_URL', databaseUrlFromParts(env), 'PACT_BROKER_DATABASE_HOST/NAME/...');
  if (values.BROKER_DATABASE_URL !== undefined && sources.has('BROKER_DATABASE_URL'))
    values.BROKER_DATABASE_URL = withSslMode(values.BROKER_DATABASE_URL, env.PACT_BROKER_DATABASE_SSLMODE);

  // The Pact Broker's pool wait and statement timeout are in seconds, ours in milliseconds (anything but a
  // number is passed on as given, for the validation to refuse under its own name).
  const milliseconds = (seconds: string | undefined) =>
    seconds !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(seconds) ? String(Math.round(Number(seconds) * 1000)) : seconds;
  use(
    'BROKER_DB_ACQUIRE_TIMEOUT_MS',
    milliseconds(env.PACT_BROKER_DATABASE_POOL_TIMEOUT),
    'PACT_BROKER_DATABASE_POOL_TIMEOUT',
  );
  use(
    'BROKER_DB_STATEMENT_TIMEOUT_MS',
    milliseconds(env.PACT_BROKER_DATABASE_STATEMENT_TIMEOUT),
    'PACT_BROKER_DATABASE_STATEMENT_TIMEOUT',
  );

  // In the Pact Broker a non-empty host whitelist means "only these hosts"; ours adds hosts to the public
  // ones. Given through its name, the whitelist keeps its meaning unless our switch is set explicitly.
  if (sources.get('BROKER_WEBHOOK_HOST_WHITELIST') === 'PACT_BROKER_WEBHOOK_HOST_WHITELIST')
    use('BROKER_WEBHOOK_ALLOW_PUBLIC_HOSTS', 'false', 'PACT_BROKER_WEBHOOK_HOST_WHITELIST');

  return { values, sources };
}

/** PACT_BROKER_* variables read above (beyond RENAMED). */
const ALSO_READ = [
  'PACT_BROKER_BASE_URLS',
  'PACT_BROKER_DATABASE_ADAPTER',
  'PACT_BROKER_DATABASE_USERNAME',
  'PACT_BROKER_DATABASE_PASSWORD',
  'PACT_BROKER_DATABASE_HOST',
  'PACT_BROKER_DATABASE_PORT',
  'PACT_BROKER_DATABASE_NAME',
  'PACT_BROKER_DATABASE_SSLMODE',
  'PACT_BROKER_DATABASE_POOL_TIMEOUT',
  'PACT_BROKER_DATABASE_STATEMENT_TIMEOUT',
];

/** PACT_BROKER_* variables that Pact clients read (the CLI, the verifier), not the broker: never reported. */
const CLIENT_ONLY = [
  'PACT_BROKER_USERNAME',
  'PACT_BROKER_PASSWORD',
  'PACT_BROKER_TOKEN',
  'PACT_BROKER_PUBLISH_VERIFICATION_RESULTS',
];

/**
 * The PACT_BROKER_* variables set in `env` that this broker does not read (logged at start-up, so a
 * setting carried over from a Pact Broker never goes silently unused; docs/broker-configuration.md says why each is not needed).
 */
export function unusedReferenceVariables(env: NodeJS.ProcessEnv): string[] {
  const read = new Set([...Object.values(RENAMED), ...ALSO_READ, ...CLIENT_ONLY]);
  return Object.keys(env)
    .filter((name) => name.startsWith('PACT_BROKER_') && env[name] !== undefined && env[name] !== '' && !read.has(name))
    .sort();
}
