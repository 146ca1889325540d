// The delivery worker of a running broker: works the webhook queue in the broker's process.
import type { Logger } from 'pino';
import type { BrokerConfig } from '../config.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { webhookExecutor } from '../services.ts';
import { WebhookDelivery } from './delivery.ts';
import { DeliveryWorker } from './delivery-queue.ts';

export function startWebhookWorker({
  databaseUrl,
  prisma,
  config,
  logger,
  pollingIntervalSeconds,
}: {
  databaseUrl: string;
  prisma: PrismaClient;
  config: BrokerConfig;
  logger: Logger;
  pollingIntervalSeconds?: number;
}): Promise<DeliveryWorker> {
  const delivery = new WebhookDelivery(prisma, webhookExecutor(config), logger);
  return DeliveryWorker.start(
    { databaseUrl, logger, ...(pollingIntervalSeconds ? { pollingIntervalSeconds } : {}) },
    (job, attempt) => delivery.deliver(job, attempt),
  );
}
