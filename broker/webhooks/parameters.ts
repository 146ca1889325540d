// The `${pactbroker.*}` values for an event, as the Pact Broker names them. Built when the event
// happens and stored with the triggered webhook, so a retry an hour later sends the same values.
import { encodeMetadata } from '../for-verification/metadata.ts';
import type { Urls } from '../serializers/urls.ts';
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

const githubStatus = (success: boolean | undefined) =>
  success === undefined ? 'pending' : success ? 'success' : 'failure';
const bitbucketStatus = (success: boolean | undefined) =>
  success === undefined ? 'INPROGRESS' : success ? 'SUCCESSFUL' : 'FAILED';
const latestBranch = (version: VersionFacts | undefined) => version?.branches.at(-1) ?? '';

/**
 * The values for an event about a pact (and, for verification events or a provider version that needs to
 * verify it, a provider version). The pact URL is the content's permalink carrying the consumer version
 * in its metadata, so a verifier given it (PACT_URL) publishes results the broker attributes correctly.
 */
export function templateParameters(
  urls: Urls,
  eventName: string,
  pact: PactFacts,
  provider: { version?: VersionFacts; verification?: VerificationFacts } = {},
): TemplateParameters {
  const { consumer, consumerVersion, sha } = pact;
  const providerName = pact.provider.name;
  const providerVersion = provider.verification?.providerVersion ?? provider.version;
  const success = provider.verification?.success;
  return {
    'pactbroker.eventName': eventName,
    'pactbroker.pactUrl': urls.pactBySha(
      providerName,
      consumer.name,
      sha,
      encodeMetadata({ selectors: [{ consumerVersionId: consumerVersion.id }] }),
    ),
    'pactbroker.verificationResultUrl': provider.verification
      ? urls.verificationResult(providerName, consumer.name, sha, provider.verification.number)
      : '',
    'pactbroker.consumerName': consumer.name,
    'pactbroker.providerName': providerName,
    'pactbroker.consumerVersionNumber': consumerVersion.number,
    'pactbroker.consumerVersionBranch': latestBranch(consumerVersion),
    'pactbroker.consumerVersionTags': consumerVersion.tags.join(', '),
    'pactbroker.consumerLabels': consumer.labels.join(', '),
    'pactbroker.providerLabels': pact.provider.labels.join(', '),
    'pactbroker.providerVersionNumber': providerVersion?.number ?? '',
    'pactbroker.providerVersionBranch': latestBranch(providerVersion),
    'pactbroker.providerVersionTags': providerVersion?.tags.join(', ') ?? '',
    'pactbroker.githubVerificationStatus': githubStatus(success),
    'pactbroker.bitbucketVerificationStatus': bitbucketStatus(success),
    'pactbroker.buildUrl': consumerVersion.buildUrl ?? '',
  };
}

/** Placeholder values for executing a webhook when no pact matches it yet. */
export function placeholderParameters(urls: Urls, eventName: string): TemplateParameters {
  const consumer: PacticipantFacts = { id: 0, name: 'placeholder-consumer', labels: [] };
  const provider: PacticipantFacts = { id: 0, name: 'placeholder-provider', labels: [] };
  const consumerVersion: VersionFacts = {
    id: 0,
    number: 'placeholder-consumer-version',
    branches: [],
    tags: [],
    buildUrl: null,
  };
  return templateParameters(urls, eventName, {
    consumer,
    provider,
    consumerVersion,
    sha: '0000000000000000000000000000000000000000',
  });
}
