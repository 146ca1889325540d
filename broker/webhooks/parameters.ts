// The `${pactbroker.*}` values for an event, as the Pact Broker names and fills them. Built when the
// event happens and stored with the triggered webhook, so a retry an hour later sends the same values.
// docs/broker-webhooks.md lists every variable with where its value comes from.
import { encodeMetadata } from '../for-verification/metadata.ts';
import type { Urls } from '../urls.ts';
import type { TemplateParameters } from './template.ts';
import type { PacticipantFacts, VersionFacts } from './triggers.repository.ts';

export interface PactFacts {
  consumer: PacticipantFacts;
  provider: PacticipantFacts;
  consumerVersion: VersionFacts;
  sha: string;
}

export interface VerificationFacts {
  providerVersion: VersionFacts;
  success: boolean;
  number: number;
}

/** What the event itself says, overriding what the pact and verification would give. */
export interface EventContext {
  eventName: string;
  /** The build URL of the request that caused the event (publication or verification result). */
  buildUrl?: string | undefined;
  /** The branch the publication named (present, even when null: the publication's, not the version's). */
  consumerVersionBranch?: string | null;
  /** The tags of the consumer version selectors that selected the verified pact. */
  consumerVersionTags?: string[];
  /** contract_requiring_verification_published: the provider version that should verify. */
  providerVersion?: { number: string; branch: string; descriptions: string[] };
  /** A webhook using currentlyDeployedProviderVersionNumber: one of the provider's deployed versions. */
  currentlyDeployedProviderVersionNumber?: string;
}

export const PARAMETER_NAMES = [
  'pactbroker.pactUrl',
  'pactbroker.verificationResultUrl',
  'pactbroker.consumerName',
  'pactbroker.providerName',
  'pactbroker.consumerVersionNumber',
  'pactbroker.consumerVersionBranch',
  'pactbroker.consumerVersionTags',
  'pactbroker.consumerLabels',
  'pactbroker.providerLabels',
  'pactbroker.providerVersionNumber',
  'pactbroker.providerVersionBranch',
  'pactbroker.providerVersionTags',
  'pactbroker.providerVersionDescriptions',
  'pactbroker.githubVerificationStatus',
  'pactbroker.bitbucketVerificationStatus',
  'pactbroker.azureDevOpsVerificationStatus',
  'pactbroker.gitlabVerificationStatus',
  'pactbroker.providerMainBranchGithubVerificationStatus',
  'pactbroker.eventName',
  'pactbroker.buildUrl',
  'pactbroker.currentlyDeployedProviderVersionNumber',
] as const;

/** Each CI system's words for a verification's outcome (none yet: pending). */
const status = (success: boolean | undefined, words: [pending: string, success: string, failure: string]) =>
  success === undefined ? words[0] : success ? words[1] : words[2];
const githubStatus = (success: boolean | undefined) => status(success, ['pending', 'success', 'failure']);
const latestBranch = (version: VersionFacts | undefined) => version?.branches.at(-1) ?? '';

/**
 * The values for an event about a pact. `verification` is the verification that triggered the event,
 * or (for contract events) the latest verification of this pact content, as the Pact Broker uses;
 * `mainBranchSuccess` is the outcome of the latest verification of this content by the provider's main
 * branch. The pact URL is the content's permalink carrying the consumer version in its metadata, so a
 * verifier given it (PACT_URL) publishes results the broker attributes to that consumer version.
 */
export function templateParameters(
  urls: Urls,
  pact: PactFacts,
  verification: VerificationFacts | undefined,
  context: EventContext,
  mainBranchSuccess?: boolean,
): TemplateParameters {
  const { consumer, consumerVersion, sha } = pact;
  const providerName = pact.provider.name;
  const success = verification?.success;
  const consumerBranch =
    context.consumerVersionBranch !== undefined ? (context.consumerVersionBranch ?? '') : latestBranch(consumerVersion);
  return {
    'pactbroker.eventName': context.eventName,
    'pactbroker.pactUrl': urls.pactBySha(
      providerName,
      consumer.name,
      sha,
      encodeMetadata({ selectors: [{ consumerVersionId: consumerVersion.id }] }),
    ),
    'pactbroker.verificationResultUrl': verification
      ? urls.verificationResult(providerName, consumer.name, sha, verification.number)
      : '',
    'pactbroker.consumerName': consumer.name,
    'pactbroker.providerName': providerName,
    'pactbroker.consumerVersionNumber': consumerVersion.number,
    'pactbroker.consumerVersionBranch': consumerBranch,
    'pactbroker.consumerVersionTags': (context.consumerVersionTags ?? consumerVersion.tags).join(', '),
    'pactbroker.consumerLabels': consumer.labels.join(', '),
    'pactbroker.providerLabels': pact.provider.labels.join(', '),
    'pactbroker.providerVersionNumber': context.providerVersion?.number ?? verification?.providerVersion.number ?? '',
    'pactbroker.providerVersionBranch':
      context.providerVersion !== undefined
        ? context.providerVersion.branch
        : latestBranch(verification?.providerVersion),
    'pactbroker.providerVersionTags': verification?.providerVersion.tags.join(', ') ?? '',
    'pactbroker.providerVersionDescriptions': context.providerVersion?.descriptions.join(', ') ?? '',
    'pactbroker.githubVerificationStatus': githubStatus(success),
    'pactbroker.bitbucketVerificationStatus': status(success, ['INPROGRESS', 'SUCCESSFUL', 'FAILED']),
    'pactbroker.azureDevOpsVerificationStatus': status(success, ['pending', 'succeeded', 'failed']),
    'pactbroker.gitlabVerificationStatus': status(success, ['pending', 'success', 'failed']),
    'pactbroker.providerMainBranchGithubVerificationStatus': githubStatus(mainBranchSuccess),
    // The build that caused the event: a verification's links to the provider build (commit statuses).
    'pactbroker.buildUrl': context.buildUrl ?? '',
    'pactbroker.currentlyDeployedProviderVersionNumber': context.currentlyDeployedProviderVersionNumber ?? '',
  };
}

/** Placeholder facts for executing a webhook when no pact matches it yet (the Pact Broker's placeholders). */
export function placeholderPact(): PactFacts {
  return {
    consumer: { id: 0, name: 'placeholder-consumer', labels: ['placeholder-consumer-label'] },
    provider: { id: 0, name: 'placeholder-provider', labels: ['placeholder-provider-label'] },
    consumerVersion: {
      id: 0,
      number: 'gggghhhhjjjjkkkkllll66667777888899990000',
      branches: ['main'],
      tags: ['dev'],
      buildUrl: null,
    },
    sha: '5d445a4612743728dfd99ccd4210423c052bb9db',
  };
}

export function placeholderVerification(): VerificationFacts {
  return {
    providerVersion: {
      id: 0,
      number: 'aaaabbbbccccddddeeeeffff1111222233334444',
      branches: [],
      tags: ['master'],
      buildUrl: null,
    },
    success: true,
    number: 1,
  };
}
