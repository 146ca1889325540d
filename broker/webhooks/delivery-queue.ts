// The durable queue that delivers triggered webhooks: pg-boss, in its own schema (`pgboss`) of the
// broker's database. A job is one delivery attempt. Jobs are inserted in the same transaction as the
// event that triggered them (a publication or a verification), so a crash either loses both or neither;
// a failed attempt is recorded, its retry job inserted (to start after the next delay of the retry
// schedule) and the job completed in one transaction. pg-boss's own retries only cover a broker that
// died mid-delivery (the job expires): delivery is at least once, and an attempt already recorded is
// never made twice (see WebhookDelivery).
import PgBoss from 'pg-boss';
import type { BrokerConfig } from '../config.ts';
import type { Prisma } from '../prisma-client.ts';

export const QUEUE_SCHEMA = 'pgboss';
export const WEBHOOK_QUEUE = 'broker-webhook-delivery';

export interface DeliveryJob {
  triggeredWebhookUuid: string;
  /** Which attempt this job makes (1 for the first; jobs queued by older brokers have none). */
  attempt?: number;
}

/** What pg-boss stores with each delivery job: how it recovers the job when its broker dies mid-delivery. */
export interface DeliveryJobOptions {
  retryLimit: number;
  retryDelay: number;
  expireInSeconds: number;
}

/**
 * The job settings from the broker's configuration. The expiry must outlast a delivery (the timeout) with
 * room for reading the webhook and recording the attempt, or a live delivery would be handed on too.
 */
export function deliveryJobOptions(
  config: Pick<BrokerConfig, 'webhookTimeoutSeconds' | 'webhookQueue'>,
): DeliveryJobOptions {
  return {
    retryLimit: 3,
    retryDelay: config.webhookQueue.redeliveryDelaySeconds,
    expireInSeconds: config.webhookQueue.jobExpirySeconds ?? config.webhookTimeoutSeconds * 2 + 30,
  };
}

/** pg-boss's database interface over a Prisma transaction, so its SQL runs in the caller's transaction. */
export const transactionDb = (tx: Prisma.TransactionClient) => ({
  executeSql: async (text: string, values: unknown[]) => ({
    rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
  }),
});

async function ensureQueue(boss: PgBoss): Promise<void> {
  if (await boss.getQueue(WEBHOOK_QUEUE)) return;
  try {
    await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, policy: 'standard' });
  } catch (error) {
    if (!(await boss.getQueue(WEBHOOK_QUEUE))) throw error; // another broker created it meanwhile otherwise
  }
}

export const bossOptions = (databaseUrl: string) => ({
  connectionString: databaseUrl,
  schema: QUEUE_SCHEMA,
  application_name: 'autofighter-broker-webhooks',
});

/** Creates (or migrates) pg-boss's schema and the delivery queue; idempotent. The broker runs it on start, tests on the template. */
export async function prepareDeliveryQueue(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ ...bossOptions(databaseUrl), max: 1, supervise: false, schedule: false });
  boss.on('error', () => undefined); // start() rejects with the same error
  await boss.start();
  try {
    await ensureQueue(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function startBoss(
  databaseUrl: string,
  maintenanceIntervalSeconds: number,
  onError: (error: Error) => void,
): Promise<PgBoss> {
  // Its maintenance (the `supervise` pass) is what expires the jobs of a broker that died.
  const boss = new PgBoss({
    ...bossOptions(databaseUrl),
    max: 4,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds,
  });
  boss.on('error', onError);
  await boss.start();
  await ensureQueue(boss);
  return boss;
}

/** Inserts delivery jobs through the caller's transaction (pg-boss's own SQL, run by Prisma). */
export class DeliveryEnqueuer {
  // Never started: it only lends its statements, executed by the transaction passed in.
  private readonly boss = new PgBoss({
    db: { executeSql: () => Promise.reject(new Error('the delivery queue needs a transaction')) },
    schema: QUEUE_SCHEMA,
  });

  constructor(private readonly jobOptions: DeliveryJobOptions) {}

  /** Queues jobs, to start now or after `delaySeconds`. */
  async enqueue(tx: Prisma.TransactionClient, jobs: DeliveryJob[], delaySeconds = 0): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      jobs.map((data) => ({
        name: WEBHOOK_QUEUE,
        data,
        // Only for a broker that dies mid-delivery (the job expires); failed deliveries follow the retry schedule.
        ...this.jobOptions,
        ...(delaySeconds > 0 ? { startAfter: new Date(Date.now() + delaySeconds * 1000) } : {}),
      })),
      { db: transactionDb(tx) },
    );
  }

  /** Marks a job done, in the caller's transaction. */
  async complete(tx: Prisma.TransactionClient, jobId: string): Promise<void> {
    await this.boss.complete(WEBHOOK_QUEUE, jobId, {}, { db: transactionDb(tx) });
  }
}
