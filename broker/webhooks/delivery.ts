// Delivering one triggered webhook attempt (a job from the queue): send it with the webhook's current
// definition, then, in one transaction, record the attempt and its (redacted) log, queue the next
// attempt after the retry schedule's delay when it failed and attempts are left, and complete the job.
// An attempt already recorded (a job run again after a crash) is not made twice.
import type { Logger } from 'pino';
import { inTransaction } from '../db.ts';
import type { Prisma, PrismaClient } from '../prisma-client.ts';
import type { DeliveryEnqueuer, DeliveryJob } from './delivery-queue.ts';
import type { WebhookExecutor } from './executor.ts';
import type { TemplateParameters } from './template.ts';
import { TriggeredWebhooksRepository } from './triggered-webhooks.repository.ts';
import { storedRequest } from './webhook-request.ts';

/** The origin (scheme, host, port) a URL template sends to; '' when it cannot be read. */
export function targetOf(urlTemplate: string): string {
  try {
    return new URL(urlTemplate.replace(/\$\{pactbroker\.[^}]+\}/g, 'placeholder')).origin;
  } catch {
    return '';
  }
}

export class WebhookDelivery {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly executor: WebhookExecutor,
    private readonly enqueuer: DeliveryEnqueuer,
    /** Seconds before each retry (the Pact Broker's: 10, 60, 120, 300, 600, 1200). */
    private readonly retrySchedule: readonly number[],
    private readonly logger: Logger,
  ) {}

  async targetOf(job: DeliveryJob): Promise<string> {
    const triggered = await new TriggeredWebhooksRepository(this.prisma).forDelivery(job.triggeredWebhookUuid);
    return triggered?.webhook ? targetOf(storedRequest(triggered.webhook.request).url) : '';
  }

  private async finish(jobId: string, work?: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
    await inTransaction(this.prisma, async (tx) => {
      await work?.(tx);
      await this.enqueuer.complete(tx, jobId);
    });
  }

  async deliver(job: DeliveryJob, jobId: string, signal?: AbortSignal): Promise<void> {
    const repository = new TriggeredWebhooksRepository(this.prisma);
    const triggered = await repository.forDelivery(job.triggeredWebhookUuid);
    if (!triggered) return this.finish(jobId); // its pacticipant was deleted since: nothing left to deliver
    if (!triggered.webhook) {
      // The webhook was deleted after it was triggered: nothing to send (the Pact Broker marks it failed).
      return this.finish(jobId, (tx) => new TriggeredWebhooksRepository(tx).setStatus(triggered.id, 'failure'));
    }
    const attempt = job.attempt ?? triggered.attempts + 1;
    if (triggered.attempts >= attempt || triggered.status === 'success' || triggered.status === 'failure') {
      return this.finish(jobId); // made already, by a run of this job that did not get to complete it
    }
    const total = this.retrySchedule.length + 1;
    const heading =
      `[${new Date().toISOString()}] Attempt ${attempt} of ${total}: ` +
      `webhook "${triggered.webhook.description ?? triggered.webhook.uuid}" (${triggered.webhook.uuid}) for ${triggered.eventName}`;
    const result = await this.executor.execute(
      storedRequest(triggered.webhook.request),
      triggered.parameters as TemplateParameters,
      heading,
      signal,
    );
    // Cut short by the broker stopping: not an attempt the target failed; the job is made again later.
    if (signal?.aborted) throw new Error('the broker stopped during the delivery');
    const delay = this.retrySchedule[attempt - 1];
    const outcome = result.success ? 'success' : delay === undefined ? 'failure' : 'retrying';
    const closing =
      outcome === 'success'
        ? 'Webhook delivered.'
        : outcome === 'retrying'
          ? `Retrying the webhook in ${delay} seconds.`
          : `Webhook delivery failed after ${total} attempts.`;
    await this.finish(jobId, async (tx) => {
      const recorded = await new TriggeredWebhooksRepository(tx).recordAttempt(
        triggered.id,
        attempt,
        { success: result.success, status: result.status, logs: `${result.logs}\n${closing}` },
        outcome,
      );
      if (recorded && outcome === 'retrying')
        await this.enqueuer.enqueue(tx, [{ triggeredWebhookUuid: triggered.uuid, attempt: attempt + 1 }], delay);
    });
    const fields = {
      triggeredWebhook: triggered.uuid,
      webhook: triggered.webhook.uuid,
      event: triggered.eventName,
      attempt,
      status: result.status,
    };
    if (result.success) this.logger.info(fields, 'webhook delivered');
    else this.logger.warn({ ...fields, error: result.error, outcome }, 'webhook delivery failed');
  }
}
