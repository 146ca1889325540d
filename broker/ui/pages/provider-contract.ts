// A provider contract, readable: the provider version, its self-verification, and each consumer pact's
// comparison with the document, interaction by interaction, with the mismatches and warnings.
import type { ProviderContractDetails } from '../../provider-contracts/provider-contracts.service.ts';
import type { Urls } from '../../urls.ts';
import { ago, iso } from '../format.ts';

interface TestResult {
  interactionDescription?: string;
  operation?: string;
  success?: boolean;
  mismatches?: { description: string }[];
  warnings?: string[];
  skipped?: string;
}

export function providerContractPage(urls: Urls, { contract, comparisons }: ProviderContractDetails) {
  const provider = contract.provider.name;
  const selfVerification = (contract.selfVerification ?? {}) as { verifier?: string; content?: string };
  return {
    title: `Provider contract of ${provider} ${contract.providerVersion.number}`,
    nav: 'index',
    provider,
    version: contract.providerVersion.number,
    branches: contract.providerVersion.branchVersions.map((branch) => branch.branchName),
    tags: contract.providerVersion.tags.map((tag) => tag.name),
    publishedAgo: ago(contract.createdAt),
    publishedAt: iso(contract.createdAt),
    contentType: contract.contentType,
    sha: contract.sha,
    selfVerification:
      contract.selfVerificationSuccess === null
        ? 'none published'
        : contract.selfVerificationSuccess
          ? 'passed'
          : 'failed',
    verifier: selfVerification.verifier,
    report: selfVerification.content,
    contentPath: urls.providerContractContent(provider, contract.providerVersion.number),
    comparisons: comparisons.map((comparison) => ({
      consumer: comparison.consumerName,
      consumerVersions: comparison.consumerVersions,
      anchor: `pact-${comparison.sha.slice(0, 12)}`,
      pactPath: urls.pactBySha(provider, comparison.consumerName, comparison.sha),
      status: comparison.success ? 'success' : 'failed',
      comparedAgo: ago(comparison.createdAt),
      interactions: ((Array.isArray(comparison.testResults) ? comparison.testResults : []) as TestResult[]).map(
        (result) => ({
          description: result.interactionDescription ?? '',
          operation: result.operation ?? '',
          status: result.skipped ? 'skipped' : result.success ? 'success' : 'failed',
          mismatches: (result.mismatches ?? []).map((mismatch) => mismatch.description),
          warnings: result.warnings ?? [],
        }),
      ),
    })),
  };
}
