// The one place that says how the backend is verified: the Verifier's options for each pact source,
// the consumer version selectors, and what is published. The state handlers are in
// state-handlers.ts; verify-backend.ts runs the production app and the Verifier with these options.
import type { VerifierOptions } from '@pact-foundation/pact';
import { pactFilesFor, readPactFile } from './pact-files.ts';
import { PROVIDER_NAME, type BrokerAuth, type VerificationConfig } from './verification-config.ts';

type ConsumerVersionSelector = NonNullable<VerifierOptions['consumerVersionSelectors']>[number];

/**
 * The pacts a provider build verifies from the broker: the consumers' main branches, the consumer
 * branch named like this provider branch (a feature developed on both sides), and whatever is deployed
 * or released in any environment. Without a known branch, matchingBranch has nothing to match.
 */
export function consumerVersionSelectors(providerBranch: string | undefined): ConsumerVersionSelector[] {
  return [{ mainBranch: true }, ...(providerBranch ? [{ matchingBranch: true }] : []), { deployedOrReleased: true }];
}

export interface VerificationTarget {
  /** The production app, listening. */
  providerBaseUrl: string;
  stateHandlers: NonNullable<VerifierOptions['stateHandlers']>;
  /** Runs once before each interaction's state set-up: the database reset. */
  beforeEach: () => Promise<void>;
}

function authOptions(auth: BrokerAuth | undefined): Partial<VerifierOptions> {
  if (!auth) return {};
  return 'token' in auth
    ? { pactBrokerToken: auth.token }
    : { pactBrokerUsername: auth.username, pactBrokerPassword: auth.password };
}

/** Where the pacts come from, as Verifier options. */
function sourceOptions(config: VerificationConfig): Partial<VerifierOptions> {
  const { source, providerBranch } = config;
  switch (source.kind) {
    case 'local': {
      const pacts = pactFilesFor(PROVIDER_NAME, source.directory);
      if (pacts.length === 0) throw new Error(`no pact for ${PROVIDER_NAME} in ${source.directory}`);
      return { pactUrls: pacts.map((pact) => pact.path) };
    }
    case 'file': {
      const pact = readPactFile(source.path);
      if (pact.provider !== PROVIDER_NAME)
        throw new Error(`${source.path} is a pact for ${pact.provider}, not ${PROVIDER_NAME}`);
      return { pactUrls: [source.path] };
    }
    case 'url':
      return { pactUrls: [source.url], ...authOptions(source.auth) };
    case 'broker':
      return {
        // `provider` only here: with it, pact-core also adds a broker source from PACT_BROKER_BASE_URL
        // in the environment, which would verify the broker's pacts next to a local file or PACT_URL.
        provider: PROVIDER_NAME,
        pactBrokerUrl: source.baseUrl,
        ...authOptions(source.auth),
        consumerVersionSelectors: consumerVersionSelectors(providerBranch),
        enablePending: source.enablePending,
        // The broker works out pending and WIP pacts per provider branch: no branch, no WIP.
        ...(source.includeWipPactsSince && providerBranch ? { includeWipPactsSince: source.includeWipPactsSince } : {}),
        ...(providerBranch ? { providerVersionBranch: providerBranch } : {}),
      };
  }
}

/**
 * Results go to the broker only when the configuration says so. pact-core would also publish when
 * PACT_BROKER_PUBLISH_VERIFICATION_RESULTS is set to anything ("false" included) and a provider version
 * is given, so the version is given only when publishing.
 */
function publishOptions(config: VerificationConfig): Partial<VerifierOptions> {
  if (!config.publishResults) return {};
  return {
    publishVerificationResult: true,
    providerVersion: config.providerVersion!,
    ...(config.providerBranch ? { providerVersionBranch: config.providerBranch } : {}),
    ...(config.buildUrl ? { buildUrl: config.buildUrl } : {}),
  };
}

export function verifierOptions(config: VerificationConfig, target: VerificationTarget): VerifierOptions {
  return {
    providerBaseUrl: target.providerBaseUrl,
    stateHandlers: target.stateHandlers,
    beforeEach: target.beforeEach,
    logLevel: config.logLevel,
    // The provider is plain HTTP on loopback: there is no certificate to check. Without this the Rust
    // verifier builds, for every interaction, an HTTP client that loads the system's root certificates
    // (about 4 ms each). It applies to the calls to the provider only; the broker client is separate.
    disableSslVerification: true,
    timeout: 30_000,
    ...sourceOptions(config),
    ...publishOptions(config),
  };
}

/** What a verification run will do, for people reading the CI log. */
export function describeVerification(config: VerificationConfig): string[] {
  const { source } = config;
  const lines: string[] = [];
  switch (source.kind) {
    case 'local':
      lines.push(`Pacts: every pact for ${PROVIDER_NAME} in ${source.directory}`);
      break;
    case 'file':
      lines.push(`Pacts: ${source.path} (PACT_URL)`);
      break;
    case 'url':
      lines.push(`Pacts: ${source.url} (PACT_URL)`);
      break;
    case 'broker': {
      const selectors = consumerVersionSelectors(config.providerBranch).map((selector) =>
        Object.keys(selector).join('+'),
      );
      const wip =
        source.includeWipPactsSince && config.providerBranch
          ? `WIP pacts since ${source.includeWipPactsSince}`
          : 'no WIP pacts';
      lines.push(
        `Pacts: broker ${source.baseUrl}, selectors ${selectors.join(', ')}; pending pacts ${source.enablePending ? 'on' : 'off'}; ${wip}`,
      );
      break;
    }
  }
  lines.push(
    `Provider: ${PROVIDER_NAME} version ${config.providerVersion ?? '(unknown)'} on branch ${config.providerBranch ?? '(unknown)'}`,
  );
  lines.push(config.publishResults ? 'Results: published to the broker' : 'Results: not published');
  return lines;
}
