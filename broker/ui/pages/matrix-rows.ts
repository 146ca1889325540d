// Matrix rows as the dashboard shows them (the can-i-deploy page and the matrix query form): each
// consumer version's pact against a provider version, with branch, tag and environment chips of both.
import type { MatrixAnswer, VersionDecorations } from '../../matrix/matrix.service.ts';
import type { Urls } from '../../urls.ts';
import { ago, iso } from '../format.ts';

export interface Chips {
  branches: string[];
  tags: string[];
  environments: string[];
}

export function chipsOf(decorations: VersionDecorations, versionId: number | null): Chips {
  if (versionId === null) return { branches: [], tags: [], environments: [] };
  return {
    branches: (decorations.branches.get(versionId) ?? []).map((b) => b.name),
    tags: (decorations.tags.get(versionId) ?? []).map((t) => t.name),
    environments: (decorations.environments.get(versionId) ?? []).map((e) => e.displayName ?? e.name),
  };
}

/** The considered rows, then the ignored ones (marked), in the matrix's own order. */
export function matrixRows(urls: Urls, answer: MatrixAnswer, decorations: VersionDecorations) {
  const row = (ignored: boolean) => (r: MatrixAnswer['considered'][number]) => ({
    ignored,
    consumerName: r.consumerName,
    providerName: r.providerName,
    consumerVersion: r.consumerVersionNumber,
    consumer: chipsOf(decorations, r.consumerVersionId),
    consumerPage: urls.pacticipant(r.consumerName),
    providerPage: urls.pacticipant(r.providerName),
    pactPath: urls.pact(r.providerName, r.consumerName, r.consumerVersionNumber),
    publishedAgo: ago(r.pactCreatedAt),
    publishedAt: iso(r.pactCreatedAt),
    providerVersion: r.providerVersionNumber,
    provider: chipsOf(decorations, r.providerVersionId),
    verifiedAgo: ago(r.verifiedAt),
    verifiedAt: iso(r.verifiedAt),
    verificationPath:
      r.verificationNumber === null
        ? null
        : urls.verificationResult(r.providerName, r.consumerName, r.sha, r.verificationNumber),
    status: r.success === null ? 'unverified' : r.success ? 'verified' : 'failed',
  });
  return [...answer.considered.map(row(false)), ...answer.ignored.map(row(true))];
}

/** yes / no / unknown, as the CLI says it. */
export const answerWord = (deployable: boolean | null) => (deployable === null ? 'unknown' : deployable ? 'yes' : 'no');
