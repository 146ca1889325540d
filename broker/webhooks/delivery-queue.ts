// The durable queue that delivers triggered webhooks: pg-boss, in its own schema (`pgboss`) of the
// broker's database. Jobs are inserted in the same transaction as the event that triggered them (a
// publish or a verification), so a crash either loses both or neither; a job survives broker restarts
// and is retried with backoff when a delivery fails. A delivery interrupted by a crash is retried once
// pg-boss expires it, so delivery is at least once.
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { WebhookRetryConfig } from '../config.ts';
import type { Prisma } from '../prisma-client.ts';

export const QUEUE_SCHEMA = 'pgboss';
export const WEBHOOK_QUEUE = 'broker-webhook-delivery';

export interface DeliveryJob {
  triggeredWebhookUuid: string;
}

export interface DeliveryAttempt {
  /** Retries already made before this attempt (0 on the first). */
  retryCount: number;
  retryLimit: number;
}

async function ensureQueue(boss: PgBoss): Promise<void> {
  if (await boss.getQueue(WEBHOOK_QUEUE)) return;
  try {
    await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, policy: 'standard' });
  } catch (error) {
    if (!(await boss.getQueue(WEBHOOK_QUEUE))) throw error; // another broker created it meanwhile otherwise
  }
}

const bossOptions = (databaseUrl: string) => ({
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

/** Inserts delivery jobs through the caller's transaction (pg-boss's own SQL, run by Prisma). */
export class DeliveryEnqueuer {
  // Never started: it only lends its insert statement, executed by the transaction passed to enqueue.
  private readonly boss = new PgBoss({
    db: { executeSql: () => Promise.reject(new Error('enqueue needs a transaction')) },
    schema: QUEUE_SCHEMA,
  });

  constructor(
    private readonly retry: WebhookRetryConfig,
    private readonly timeoutSeconds: number,
  ) {}

  async enqueue(tx: Prisma.TransactionClient, jobs: DeliveryJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
      }),
    };
    await this.boss.insert(
      jobs.map((data) => ({
        name: WEBHOOK_QUEUE,
        data,
        retryLimit: this.retry.limit,
        retryDelay: this.retry.delaySeconds,
        retryBackoff: this.retry.backoff,
        // A delivery that has not finished by then (the broker died mid-request) is retried.
        expireInSeconds: this.timeoutSeconds * 2 + 30,
      })),
      { db },
    );
  }
}

export interface DeliveryWorkerOptions {
  databaseUrl: string;
  logger: Logger;
  /** How often an idle worker looks for jobs (pg-boss polls; 0.5 s at least). */
  pollingIntervalSeconds?: number;
}

/** Works the delivery queue in this process until stopped. */
export class DeliveryWorker {
  private constructor(private readonly boss: PgBoss) {}

  static async start(
    options: DeliveryWorkerOptions,
    deliver: (job: DeliveryJob, attempt: DeliveryAttempt) => Promise<void>,
  ): Promise<DeliveryWorker> {
    const boss = new PgBoss({ ...bossOptions(options.databaseUrl), max: 3, schedule: false, supervise: true });
    boss.on('error', (error) => options.logger.error({ err: error }, 'webhook queue error'));
    await boss.start();
    await ensureQueue(boss);
    await boss.work<DeliveryJob>(
      WEBHOOK_QUEUE,
      { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs) await deliver(job.data, { retryCount: job.retryCount, retryLimit: job.retryLimit });
      },
    );
    return new DeliveryWorker(boss);
  }

  /** Stops taking jobs, lets a delivery in progress finish, closes the connections. */
  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
