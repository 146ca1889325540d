// Works the delivery queue: takes jobs from pg-boss and delivers them concurrently, up to `concurrency`
// at once and at most `targetConcurrency` to one target (a URL origin), so a target that hangs (each
// delivery ends at the timeout) or is slow holds only its own slots and never delays deliveries to
// anyone else. A job whose target is already at its limit goes back to the queue for a moment instead of
// waiting in a slot. Hand-written over pg-boss's fetch/complete: its work() runs a batch to the end
// before fetching again, so one slow delivery in a batch would stall the rest.
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { WEBHOOK_QUEUE, type DeliveryJob, type DeliveryJobOptions } from './delivery-queue.ts';

export interface DispatcherOptions {
  concurrency: number;
  targetConcurrency: number;
  /** How often an idle dispatcher looks for jobs. */
  pollingIntervalSeconds: number;
  /** How long a job whose target is busy waits before it is taken again. */
  deferSeconds?: number;
  /** The queue's settings for a re-queued job (the same as the enqueuer's). */
  jobOptions: DeliveryJobOptions;
  /** How long stopping waits for deliveries in progress before it aborts them. */
  stopGraceSeconds?: number;
  logger: Logger;
}

export interface DeliveryHandler {
  /** The job's target ("https://ci.example:443"); '' when it cannot be known (delivered without a limit). */
  targetOf(job: DeliveryJob): Promise<string>;
  /**
   * Makes the delivery and completes the job (a rejection fails the job, for pg-boss to retry). `signal`
   * aborts it when the broker stops: the attempt is then not recorded, and the job is made again later.
   */
  deliver(job: DeliveryJob, jobId: string, signal: AbortSignal): Promise<void>;
}

export class DeliveryDispatcher {
  private running = true;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly perTarget = new Map<string, number>();
  private wake: (() => void) | undefined;
  private readonly stopping = new AbortController();
  private readonly loop: Promise<void>;

  constructor(
    private readonly boss: PgBoss,
    private readonly options: DispatcherOptions,
    private readonly handler: DeliveryHandler,
  ) {
    this.loop = this.run();
  }

  /** Deliveries in progress, by target (for tests and logs). */
  busyTargets(): Map<string, number> {
    return new Map(this.perTarget);
  }

  private sleep(seconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, seconds * 1000);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.options.concurrency - this.inFlight.size;
      if (free <= 0) {
        await Promise.race([...this.inFlight, this.sleep(this.options.pollingIntervalSeconds)]);
        continue;
      }
      let jobs: PgBoss.Job<DeliveryJob>[] = [];
      try {
        jobs = await this.boss.fetch<DeliveryJob>(WEBHOOK_QUEUE, { batchSize: free });
      } catch (error) {
        this.options.logger.error({ err: error }, 'fetching webhook deliveries failed');
      }
      if (jobs.length === 0) {
        await this.sleep(this.options.pollingIntervalSeconds);
        continue;
      }
      for (const job of jobs) await this.dispatch(job);
    }
  }

  private async dispatch(job: PgBoss.Job<DeliveryJob>): Promise<void> {
    let target = '';
    try {
      target = await this.handler.targetOf(job.data);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not read a webhook delivery target');
    }
    const busy = this.perTarget.get(target) ?? 0;
    if (target !== '' && busy >= this.options.targetConcurrency) {
      await this.defer(job);
      return;
    }
    this.perTarget.set(target, busy + 1);
    const delivery = this.handler
      .deliver(job.data, job.id, this.stopping.signal)
      .catch(async (error: unknown) => {
        this.options.logger.error({ err: error, job: job.id }, 'webhook delivery job failed; pg-boss will retry it');
        await this.boss.fail(WEBHOOK_QUEUE, job.id, { message: (error as Error).message }).catch(() => undefined);
      })
      .finally(() => {
        const left = (this.perTarget.get(target) ?? 1) - 1;
        if (left <= 0) this.perTarget.delete(target);
        else this.perTarget.set(target, left);
        this.inFlight.delete(delivery);
        this.wake?.();
      });
    this.inFlight.add(delivery);
  }

  /** Back to the queue for a moment: its target has as many deliveries in progress as it may. */
  private async defer(job: PgBoss.Job<DeliveryJob>): Promise<void> {
    try {
      await this.boss.send(WEBHOOK_QUEUE, job.data, {
        startAfter: this.options.deferSeconds ?? 1,
        ...this.options.jobOptions,
      });
      await this.boss.complete(WEBHOOK_QUEUE, job.id);
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not re-queue a webhook delivery');
    }
  }

  /**
   * Takes no more jobs and lets the deliveries in progress finish; those still running after the grace
   * period are aborted (not recorded: their jobs are made again, by this broker or another).
   */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, (this.options.stopGraceSeconds ?? 10) * 1000);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
  }
}
