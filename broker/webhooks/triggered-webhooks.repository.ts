// Triggered webhooks and their delivery attempts (the logs), for the API, the dashboard and the worker.
import type { Db } from '../db.ts';

const withWebhook = {
  webhook: { select: { uuid: true, description: true, request: true } },
  consumer: { select: { name: true } },
  provider: { select: { name: true } },
} as const;

export class TriggeredWebhooksRepository {
  constructor(private readonly db: Db) {}

  find(uuid: string) {
    return this.db.triggeredWebhook.findUnique({
      where: { uuid },
      include: { ...withWebhook, executions: { orderBy: { id: 'asc' } } },
    });
  }

  /** What the worker needs: the triggered webhook with its current definition. */
  forDelivery(uuid: string) {
    return this.db.triggeredWebhook.findUnique({ where: { uuid }, include: { webhook: true } });
  }

  /** Newest first. */
  list(
    where: {
      webhookUuid?: string;
      verificationId?: number;
      consumerId?: number;
      providerId?: number;
      consumerVersionId?: number;
      /** `{ not: null }`: only those whose webhook still exists. */
      webhookId?: { not: null };
    },
    take = 100,
  ) {
    return this.db.triggeredWebhook.findMany({ where, include: withWebhook, orderBy: { id: 'desc' }, take });
  }

  /**
   * Records attempt number `attempt` (its log is already redacted) and the outcome; false when that
   * attempt was recorded already (a job run twice), and nothing is written.
   */
  async recordAttempt(
    id: number,
    attempt: number,
    execution: { success: boolean; status: number | null; logs: string },
    outcome: 'success' | 'retrying' | 'failure',
  ): Promise<boolean> {
    const updated = await this.db.triggeredWebhook.updateMany({
      where: { id, attempts: attempt - 1 },
      data: { status: outcome, attempts: attempt },
    });
    if (updated.count === 0) return false;
    await this.db.webhookExecution.create({ data: { triggeredWebhookId: id, ...execution } });
    return true;
  }

  async setStatus(id: number, status: 'success' | 'retrying' | 'failure'): Promise<void> {
    await this.db.triggeredWebhook.update({ where: { id }, data: { status } });
  }

  /** The newest triggered webhook's status per integration ("consumerId:providerId"), for the dashboard. */
  async latestStatusByIntegration(): Promise<Map<string, { status: string; createdAt: Date }>> {
    const rows = await this.db.$queryRaw<
      { consumer_id: number; provider_id: number; status: string; created_at: Date }[]
    >`
      SELECT DISTINCT ON (consumer_id, provider_id) consumer_id, provider_id, status, created_at
      FROM triggered_webhooks ORDER BY consumer_id, provider_id, id DESC`;
    return new Map(
      rows.map((row) => [`${row.consumer_id}:${row.provider_id}`, { status: row.status, createdAt: row.created_at }]),
    );
  }
}

export type TriggeredWebhookRow = NonNullable<Awaited<ReturnType<TriggeredWebhooksRepository['find']>>>;
export type TriggeredWebhookSummary = Awaited<ReturnType<TriggeredWebhooksRepository['list']>>[number];
