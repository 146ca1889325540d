// The index: every integration, searchable by name and filterable by status.
import type { Request } from 'express';
import type { PrismaClient } from '../../prisma-client.ts';
import type { Urls } from '../../serializers/urls.ts';
import { integrationSummaries, type IntegrationSummary } from '../dashboard.repository.ts';
import { ago, iso } from '../format.ts';

export const STATUS_FILTERS = ['all', 'verified', 'failed', 'unverified'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

const statusOf = (row: IntegrationSummary): Exclude<StatusFilter, 'all'> =>
  row.verification === null ? 'unverified' : row.verification.success ? 'verified' : 'failed';

function webhookLabel(row: IntegrationSummary): string {
  if (row.webhooks === 0) return 'none';
  if (row.webhookStatus === null) return 'not triggered yet';
  return row.webhookStatus.replace('_', ' ');
}

export async function indexPage(prisma: PrismaClient, urls: Urls, req: Request) {
  const search = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
  const status: StatusFilter = STATUS_FILTERS.find((value) => value === req.query.status) ?? 'all';
  const all = await integrationSummaries(prisma);
  const needle = search.toLowerCase();
  const rows = all
    .filter(
      (row) =>
        needle === '' ||
        row.consumerName.toLowerCase().includes(needle) ||
        row.providerName.toLowerCase().includes(needle),
    )
    .filter((row) => status === 'all' || statusOf(row) === status)
    .map((row) => ({
      ...row,
      status: statusOf(row),
      publishedAgo: ago(row.publishedAt),
      publishedAt: iso(row.publishedAt),
      verifiedAgo: ago(row.verification?.verifiedAt),
      webhookLabel: webhookLabel(row),
      links: {
        consumer: `/network?pacticipant=${encodeURIComponent(row.consumerName)}`,
        provider: `/network?pacticipant=${encodeURIComponent(row.providerName)}`,
        pact: new URL(urls.latestPact(row.providerName, row.consumerName)).pathname,
        matrix: `/matrix/provider/${encodeURIComponent(row.providerName)}/consumer/${encodeURIComponent(row.consumerName)}`,
        webhooks: `/webhooks/provider/${encodeURIComponent(row.providerName)}/consumer/${encodeURIComponent(row.consumerName)}`,
        badge: new URL(`${urls.latestPact(row.providerName, row.consumerName)}/badge`).pathname,
      },
    }));
  return { title: 'Integrations', nav: 'index', search, status, statuses: STATUS_FILTERS, rows, total: all.length };
}
