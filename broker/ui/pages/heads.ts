// The heads view: what each branch, tag and environment of every consumer has as its latest pact, one
// row per pact with a chip for each head it is, and the provider verification of it. Paged.
import type { HeadRow } from '../dashboard.service.ts';
import type { Urls } from '../../urls.ts';
import { ago, iso } from '../format.ts';

export const HEADS_PAGE_SIZE = 30;

/** The badges' statuses: an unverified pact whose predecessor passed has "changed". */
export function headStatus(row: {
  verification: { success: boolean; pending: boolean } | null;
  earlierVerified: boolean;
}): { key: string; label: string } {
  const v = row.verification;
  if (v === null)
    return row.earlierVerified ? { key: 'changed', label: 'changed' } : { key: 'unverified', label: 'unverified' };
  if (v.success) return { key: 'verified', label: 'verified' };
  return v.pending ? { key: 'failed-pending', label: 'failed (pending)' } : { key: 'failed', label: 'failed' };
}

export function headsPage(
  urls: Urls,
  { rows, total }: { rows: HeadRow[]; total: number },
  page: { number: number; size: number },
  search: string,
) {
  const totalPages = Math.max(1, Math.ceil(total / page.size));
  const at = (number: number) => {
    const url = urls.heads({ number, size: page.size });
    return search === '' ? url : `${url}&q=${encodeURIComponent(search)}`;
  };
  return {
    title: 'Heads',
    nav: 'heads',
    action: urls.heads(),
    search,
    total,
    page: {
      number: page.number,
      totalPages,
      previous: page.number > 1 ? at(page.number - 1) : null,
      next: page.number < totalPages ? at(page.number + 1) : null,
    },
    rows: rows.map((row) => {
      const status = headStatus(row);
      return {
        ...row,
        status: status.key,
        statusLabel: status.label,
        publishedAgo: ago(row.publishedAt),
        publishedAt: iso(row.publishedAt),
        verifiedAgo: ago(row.verification?.verifiedAt),
        links: {
          consumer: urls.pacticipant(row.consumerName),
          provider: urls.pacticipant(row.providerName),
          pact: urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber),
          matrix: urls.integrationMatrix(row.providerName, row.consumerName),
          verification:
            row.verification === null
              ? null
              : urls.verificationResult(row.providerName, row.consumerName, row.sha, row.verification.number),
        },
      };
    }),
  };
}
