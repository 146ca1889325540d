// The API dashboard (GET /dashboard, /dashboard/provider/{p}/consumer/{c}): the Pact Broker's index
// items with their verification and webhook states, newest activity first, paged when asked.
import { NotFoundError } from '../domain-errors.ts';
import { skipOf, type PageRequest } from '../paging.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { dashboardRows, type DashboardRow } from './dashboard-items.repository.ts';

export type VerificationStatus = 'never' | 'success' | 'failed' | 'failed_pending';
export type WebhookStatus = 'none' | 'not_run' | 'retrying' | 'success' | 'failure';

export interface DashboardItem extends DashboardRow {
  verificationStatus: VerificationStatus;
  webhookStatus: WebhookStatus;
  lastActivityAt: Date;
}

/**
 * The Pact Broker's "pseudo branch" status of a pact. Its latest verification is of this very content, so
 * the reference's "stale" (verified, then changed) never applies to a row.
 */
function verificationStatus(row: DashboardRow): VerificationStatus {
  if (row.verification_success === null) return 'never';
  if (row.verification_success) return 'success';
  return row.verification_pending ? 'failed_pending' : 'failed';
}

/** The Pact Broker's webhook status rules, over the latest triggered webhook of each webhook. */
function webhookStatus(row: DashboardRow): WebhookStatus {
  if (row.webhooks === 0) return 'none';
  const statuses = row.webhook_statuses;
  if (statuses.length === 0 || statuses.every((status) => status === 'not_run')) return 'not_run';
  if (statuses.includes('retrying')) return 'retrying';
  return statuses.every((status) => status === 'success') ? 'success' : 'failure';
}

export class DashboardItemsService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(
    filter: { consumer?: string; provider?: string },
    page?: PageRequest,
  ): Promise<{ items: DashboardItem[]; total: number }> {
    // As the Pact Broker: an integration's dashboard names pacticipants that must exist.
    for (const name of [filter.provider, filter.consumer])
      if (name !== undefined && !(await this.prisma.pacticipant.findUnique({ where: { name } })))
        throw new NotFoundError(`No pacticipant with name '${name}' found`);
    const rows = await dashboardRows(this.prisma, filter);
    const items = rows
      .map((row) => ({
        ...row,
        verificationStatus: verificationStatus(row),
        webhookStatus: webhookStatus(row),
        lastActivityAt:
          row.verified_at && row.verified_at > row.pact_created_at ? row.verified_at : row.pact_created_at,
      }))
      // Stable: rows with the same activity keep the repository's order (by names).
      .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime());
    return { items: page ? items.slice(skipOf(page), skipOf(page) + page.size) : items, total: items.length };
  }
}
