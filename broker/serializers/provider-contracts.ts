// HAL bodies for provider contracts: the publication's answer (what `pactflow publish-provider-contract`
// reads: notices, the version, its tag links) and the contract resource with its comparisons.
import type { Urls } from '../urls.ts';
import { publishedVersionParts } from './publish-contracts.ts';
import type {
  ProviderContractDetails,
  PublishedProviderContract,
} from '../provider-contracts/provider-contracts.service.ts';

export function publishedBody(urls: Urls, result: PublishedProviderContract) {
  const name = result.provider.name;
  const number = result.version.number;
  const parts = publishedVersionParts(
    urls,
    { name, version: result.version, branch: result.branch, tags: result.tags },
    'pb:branch-version',
  );
  return {
    notices: result.notices,
    _embedded: parts._embedded,
    _links: {
      ...parts.links,
      'pf:provider-contract': {
        title: 'Provider contract',
        name: `${name} ${number}`,
        href: urls.providerContract(name, number),
      },
    },
  };
}

export function providerContractBody(urls: Urls, { contract, comparisons }: ProviderContractDetails) {
  const provider = contract.provider.name;
  const number = contract.providerVersion.number;
  const self = urls.providerContract(provider, number);
  return {
    providerName: provider,
    providerVersionNumber: number,
    specification: contract.specification,
    contentType: contract.contentType,
    sha: contract.sha,
    publishedAt: contract.createdAt.toISOString(),
    ...(contract.buildUrl ? { buildUrl: contract.buildUrl } : {}),
    selfVerificationResults:
      contract.selfVerificationSuccess === null
        ? null
        : { success: contract.selfVerificationSuccess, ...(contract.selfVerification as object | null) },
    _embedded: {
      comparisons: comparisons.map((comparison) => ({
        consumerName: comparison.consumerName,
        consumerVersions: comparison.consumerVersions,
        pactSha: comparison.sha,
        success: comparison.success,
        comparedAt: comparison.createdAt.toISOString(),
        testResults: comparison.testResults,
        verifiedBy: comparison.verifiedBy,
        _links: {
          'pb:pact-version': { href: urls.pactBySha(provider, comparison.consumerName, comparison.sha) },
          'pb:verification-result': {
            href: urls.verificationResult(provider, comparison.consumerName, comparison.sha, comparison.number),
          },
        },
      })),
    },
    _links: {
      self: { title: 'Provider contract', name: `${provider} ${number}`, href: self },
      'pf:content': { title: 'The document as published', href: `${self}/content` },
      'pb:provider': { title: 'Provider', name: provider, href: urls.pacticipant(provider) },
      'pb:provider-version': { title: 'Provider version', name: number, href: urls.version(provider, number) },
    },
  };
}
