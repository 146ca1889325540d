// The delivery worker of a running broker: works the webhook queue in the broker's process.
import type { Logger } from 'pino';
import type { BrokerConfig } from '../config.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { WebhookDelivery } from './delivery.ts';
import { DeliveryDispatcher } from './delivery-dispatcher.ts';
import { DeliveryEnqueuer, deliveryJobOptions, startBoss } from './delivery-queue.ts';
import type { WebhookExecutor } from './executor.ts';

export interface DeliveryWorker {
  /** Deliveries in progress by target. */
  busyTargets(): Map<string, number>;
  /** Stops taking jobs, lets deliveries in progress finish, closes the queue's connections. */
  stop(): Promise<void>;
}

export async function startWebhookWorker({
  databaseUrl,
  prisma,
  config,
  executor,
  logger,
  pollingIntervalSeconds,
  stopGraceSeconds,
}: {
  databaseUrl: string;
  prisma: PrismaClient;
  config: BrokerConfig;
  /** Sends the requests (built by the composition root, services.ts, from the same configuration). */
  executor: WebhookExecutor;
  logger: Logger;
  pollingIntervalSeconds?: number;
  /** How long stopping waits for deliveries in progress before aborting them (10 s). */
  stopGraceSeconds?: number;
}): Promise<DeliveryWorker> {
  const jobOptions = deliveryJobOptions(config);
  const enqueuer = new DeliveryEnqueuer(jobOptions);
  const delivery = new WebhookDelivery(prisma, executor, enqueuer, config.webhookRetrySchedule, logger);
  const boss = await startBoss(databaseUrl, config.webhookQueue.maintenanceIntervalSeconds, (error) =>
    logger.error({ err: error }, 'webhook queue error'),
  );
  const dispatcher = new DeliveryDispatcher(
    boss,
    {
      concurrency: config.webhookConcurrency,
      targetConcurrency: config.webhookTargetConcurrency,
      pollingIntervalSeconds: pollingIntervalSeconds ?? 2,
      jobOptions,
      ...(stopGraceSeconds !== undefined ? { stopGraceSeconds } : {}),
      logger,
    },
    {
      targetOf: (job) => delivery.targetOf(job),
      deliver: (job, jobId, signal) => delivery.deliver(job, jobId, signal),
    },
  );
  return {
    busyTargets: () => dispatcher.busyTargets(),
    async stop() {
      await dispatcher.stop();
      await boss.stop({ graceful: false, wait: true });
    },
  };
}
