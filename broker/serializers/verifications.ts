// HAL bodies for verification results.
import type { VerificationRow } from '../verifications/verifications.repository.ts';
import type { VerificationSummary } from '../verifications/verifications.service.ts';
import type { Urls } from '../urls.ts';

export function verificationBody(urls: Urls, row: VerificationRow) {
  const provider = row.provider.name;
  const consumer = row.consumer.name;
  const sha = row.pactVersion.sha;
  return {
    providerName: provider,
    providerApplicationVersion: row.providerVersion.number,
    consumerName: consumer,
    success: row.success,
    verificationDate: row.createdAt.toISOString(),
    buildUrl: row.buildUrl ?? undefined,
    testResults: row.testResults ?? undefined,
    verifiedBy: row.verifiedBy ?? undefined,
    _links: {
      self: {
        title: 'Verification result',
        name: `Verification result ${row.number} of the pact between ${consumer} and ${provider}`,
        href: urls.verificationResult(provider, consumer, sha, row.number),
      },
      'pb:pact-version': { title: 'Pact', name: sha, href: urls.pactBySha(provider, consumer, sha) },
      'pb:provider-version': {
        title: 'Provider version',
        name: row.providerVersion.number,
        href: urls.version(provider, row.providerVersion.number),
      },
      'pb:provider': { title: 'Provider', name: provider, href: urls.pacticipant(provider) },
      'pb:consumer': { title: 'Consumer', name: consumer, href: urls.pacticipant(consumer) },
    },
  };
}

export function verificationsBody(urls: Urls, rows: VerificationRow[], self: string) {
  return {
    _embedded: { verificationResults: rows.map((row) => verificationBody(urls, row)) },
    _links: { self: { href: self } },
  };
}

/** A consumer version's newest verification results, one per pact, with who passed, failed or has not verified. */
export function verificationSummaryBody(
  urls: Urls,
  summary: VerificationSummary,
  self: { href: string; title: string },
) {
  return {
    success: summary.success,
    providerSummary: { successful: summary.successful, failed: summary.failed, unknown: summary.unknown },
    _embedded: { verificationResults: summary.verifications.map((row) => verificationBody(urls, row)) },
    _links: { self },
  };
}
