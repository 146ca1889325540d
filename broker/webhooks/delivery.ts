// Delivering one triggered webhook (a job from the queue): send it, record the attempt and its log, and
// fail the job when the delivery failed so pg-boss retries it with backoff until the retry limit.
import type { Logger } from 'pino';
import type { PrismaClient } from '../prisma-client.ts';
import type { DeliveryAttempt, DeliveryJob } from './delivery-queue.ts';
import type { WebhookExecutor } from './executor.ts';
import type { TemplateParameters } from './template.ts';
import { TriggeredWebhooksRepository } from './triggered-webhooks.repository.ts';
import { storedRequest } from './webhook-request.ts';

export class WebhookDeliveryFailed extends Error {}

export class WebhookDelivery {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly executor: WebhookExecutor,
    private readonly logger: Logger,
  ) {}

  async deliver(job: DeliveryJob, attempt: DeliveryAttempt): Promise<void> {
    const repository = new TriggeredWebhooksRepository(this.prisma);
    const triggered = await repository.forDelivery(job.triggeredWebhookUuid);
    if (!triggered) return; // its webhook (or pacticipant) was deleted since: nothing left to deliver
    const number = attempt.retryCount + 1;
    const of = attempt.retryLimit + 1;
    const heading = `[${new Date().toISOString()}] Attempt ${number} of ${of}: webhook "${triggered.webhook.description ?? triggered.webhook.uuid}" (${triggered.webhook.uuid}) for ${triggered.eventName}`;
    const result = await this.executor.execute(
      storedRequest(triggered.webhook.request),
      triggered.parameters as TemplateParameters,
      heading,
    );
    const outcome = result.success ? 'success' : number >= of ? 'failure' : 'retrying';
    const logs =
      result.success || outcome === 'failure' ? result.logs : `${result.logs}\nWill retry (pg-boss, with backoff).`;
    await repository.recordAttempt(triggered.id, { success: result.success, status: result.status, logs }, outcome);
    const fields = {
      triggeredWebhook: triggered.uuid,
      webhook: triggered.webhook.uuid,
      event: triggered.eventName,
      attempt: number,
      status: result.status,
    };
    if (result.success) {
      this.logger.info(fields, 'webhook delivered');
      return;
    }
    this.logger.warn({ ...fields, error: result.error, outcome }, 'webhook delivery failed');
    throw new WebhookDeliveryFailed(`delivery failed: ${result.error ?? `HTTP ${result.status}`}`);
  }
}
