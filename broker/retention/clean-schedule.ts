// The scheduled clean-up: a pg-boss cron schedule (in the queue's schema, shared by every broker on the
// database) sends one job per tick to a singleton queue, and whichever broker takes it runs the clean-up.
// pg-boss's scheduler makes one job per tick however many brokers run it, and the singleton policy never
// lets two runs overlap.
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { CleanSettings } from '../config.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { bossOptions } from '../webhooks/delivery-queue.ts';
import { RetentionService } from './retention.service.ts';

export const CLEAN_QUEUE = 'broker-clean';

export interface CleanSchedule {
  stop(): Promise<void>;
}

/** One run with the configured settings: a dry run logs what would go, a real one what went. */
export async function runConfiguredClean(prisma: PrismaClient, settings: CleanSettings, logger: Logger) {
  const service = new RetentionService(prisma, logger);
  if (settings.dryRun) {
    const { versions: _list, ...result } = await service.dryRun({ keep: settings.keep, limit: settings.limit });
    logger.info({ clean: result }, '[dry run] the scheduled clean-up would delete these versions');
    return result;
  }
  const result = await service.clean({ keep: settings.keep, limit: settings.limit, batchSize: settings.batchSize });
  logger.info({ clean: result }, 'scheduled clean-up done');
  return result;
}

export async function startCleanSchedule({
  databaseUrl,
  prisma,
  settings,
  logger,
  pollingIntervalSeconds = 30,
}: {
  databaseUrl: string;
  prisma: PrismaClient;
  settings: CleanSettings;
  logger: Logger;
  /** How often this broker looks for a clean-up job (the schedule's granularity is a minute anyway). */
  pollingIntervalSeconds?: number;
}): Promise<CleanSchedule> {
  const boss = new PgBoss({
    ...bossOptions(databaseUrl),
    application_name: 'autofighter-broker-clean',
    max: 2,
    schedule: true,
    supervise: false,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'clean-up schedule error'));
  await boss.start();
  try {
    if (!(await boss.getQueue(CLEAN_QUEUE))) {
      try {
        await boss.createQueue(CLEAN_QUEUE, { name: CLEAN_QUEUE, policy: 'singleton' });
      } catch (error) {
        if (!(await boss.getQueue(CLEAN_QUEUE))) throw error; // another broker created it meanwhile otherwise
      }
    }
    await boss.schedule(CLEAN_QUEUE, settings.cronSchedule, {}, { tz: 'UTC' });
    await boss.work(CLEAN_QUEUE, { pollingIntervalSeconds }, async () => {
      await runConfiguredClean(prisma, settings, logger);
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true });
    throw error;
  }
  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true });
    },
  };
}
