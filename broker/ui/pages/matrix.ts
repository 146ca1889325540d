// An integration's matrix: each consumer version's pact against the provider versions that verified it,
// with branches, tags and environments of both, newest first.
import type { MatrixAnswer, VersionDecorations } from '../../matrix/matrix.service.ts';
import type { Urls } from '../../urls.ts';
import { ago, iso } from '../format.ts';

function decorate(decorations: VersionDecorations, versionId: number | null) {
  if (versionId === null) return { branches: [], tags: [], environments: [] };
  return {
    branches: (decorations.branches.get(versionId) ?? []).map((b) => b.name),
    tags: (decorations.tags.get(versionId) ?? []).map((t) => t.name),
    environments: (decorations.environments.get(versionId) ?? []).map((e) => e.displayName ?? e.name),
  };
}

export function matrixPage(
  urls: Urls,
  provider: string,
  consumer: string,
  answer: MatrixAnswer,
  decorations: VersionDecorations,
) {
  const rows = [...answer.considered, ...answer.ignored]
    .sort(
      (a, b) => b.consumerVersionId - a.consumerVersionId || (b.providerVersionId ?? 0) - (a.providerVersionId ?? 0),
    )
    .map((row) => ({
      consumerVersion: row.consumerVersionNumber,
      consumer: decorate(decorations, row.consumerVersionId),
      pactPath: urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber),
      publishedAgo: ago(row.pactCreatedAt),
      publishedAt: iso(row.pactCreatedAt),
      providerVersion: row.providerVersionNumber,
      provider: decorate(decorations, row.providerVersionId),
      verifiedAgo: ago(row.verifiedAt),
      verifiedAt: iso(row.verifiedAt),
      status: row.success === null ? 'unverified' : row.success ? 'verified' : 'failed',
    }));
  return {
    title: `Matrix: ${consumer} and ${provider}`,
    nav: 'index',
    consumer,
    provider,
    rows,
    latestPact: urls.latestPact(provider, consumer),
  };
}
