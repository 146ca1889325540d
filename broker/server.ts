// Starts the broker's HTTP server on a database that is ready (migrated), with its webhook delivery
// worker. Used by main.ts and by the whole-stack command; tests build the app with createBrokerApp and
// listen on port 0 themselves.
import type { Logger } from 'pino';
import { listen, type RunningServer } from '../common/http/listen.ts';
import { onShutdown } from '../common/process/shutdown.ts';
import { createBrokerApp } from './app.ts';
import type { BrokerConfig } from './config.ts';
import { webhookBaseUrlWarning } from './http/webhook-origin.ts';
import { createBrokerPrismaClient } from './prisma-client.ts';
import { prepareDeliveryQueue } from './webhooks/delivery-queue.ts';
import { startWebhookWorker } from './webhooks/worker.ts';
import { webhookExecutor } from './services.ts';
import { startCleanSchedule } from './retention/clean-schedule.ts';
import { StartupError } from '../common/process/startup-error.ts';

export async function startBrokerServer(
  databaseUrl: string,
  config: BrokerConfig,
  logger: Logger,
): Promise<RunningServer> {
  const warning = webhookBaseUrlWarning(config);
  if (warning) logger.warn(warning);
  const prisma = createBrokerPrismaClient(databaseUrl, config.database);
  onShutdown('broker database client', () => prisma.$disconnect());
  // pg-boss's schema and queue (created or migrated) before anything can enqueue a delivery.
  await prepareDeliveryQueue(databaseUrl);
  const worker = await startWebhookWorker({ databaseUrl, prisma, config, executor: webhookExecutor(config), logger });
  onShutdown('broker webhook worker', () => worker.stop());
  if (config.clean.enabled) {
    const schedule = await startCleanSchedule({ databaseUrl, prisma, settings: config.clean, logger }).catch(
      (error: unknown) => {
        throw new StartupError(
          `the clean-up schedule did not start (check BROKER_CLEAN_CRON_SCHEDULE): ${(error as Error).message}`,
        );
      },
    );
    onShutdown('broker clean-up schedule', () => schedule.stop());
  }
  const server = await listen(createBrokerApp({ prisma, logger, config }), config.port, config.host);
  onShutdown('broker http server', () => server.close());
  return server;
}
