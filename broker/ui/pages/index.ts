// The index: every integration, searchable by name and filterable by status.
import type { Request } from 'express';
import type { Urls } from '../../urls.ts';
import type { IntegrationSummary } from '../dashboard.service.ts';
import { ago, iso } from '../format.ts';
import { headStatus } from './heads.ts';

export const STATUS_FILTERS = ['all', 'verified', 'failed', 'unverified'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

const statusOf = (row: IntegrationSummary): Exclude<StatusFilter, 'all'> =>
  row.verification === null ? 'unverified' : row.verification.success ? 'verified' : 'failed';

function webhookLabel(row: IntegrationSummary): string {
  if (row.webhooks === 0) return 'none';
  if (row.webhookStatus === null) return 'not triggered yet';
  return row.webhookStatus.replace('_', ' ');
}

export function indexPage(all: IntegrationSummary[], urls: Urls, req: Request) {
  const search = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
  const status: StatusFilter = STATUS_FILTERS.find((value) => value === req.query.status) ?? 'all';
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
      // The badges' colours: "failed (pending)" and "changed" as well.
      shown: headStatus(row),
      publishedAgo: ago(row.publishedAt),
      publishedAt: iso(row.publishedAt),
      verifiedAgo: ago(row.verification?.verifiedAt),
      webhookLabel: webhookLabel(row),
      links: {
        consumer: urls.network(row.consumerName),
        provider: urls.network(row.providerName),
        pact: urls.latestPact(row.providerName, row.consumerName),
        matrix: urls.integrationMatrix(row.providerName, row.consumerName),
        webhooks: urls.integrationWebhooks(row.providerName, row.consumerName),
        badge: urls.latestPactBadge(row.providerName, row.consumerName),
        delete: urls.uiDelete('integration', row.providerName, row.consumerName),
      },
    }));
  return { title: 'Integrations', nav: 'index', search, status, statuses: STATUS_FILTERS, rows, total: all.length };
}
