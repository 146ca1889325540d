// Heavy work on whole pacts (reading big ones, diffs, merges) runs in a small pool of worker threads
// (piscina), so a big pact never holds up the requests of other clients: the event loop only sends
// texts to a worker and awaits its answer. Idle workers exit after a while and never keep the
// process alive. Small pacts are read inline: a worker's round trip would cost them more.
import { Piscina } from 'piscina';
import { ValidationError } from '../domain-errors.ts';
import { MAX_PACT_DEPTH, nestsDeeperThan, type PactContent } from './content.ts';
import {
  read,
  type DiffTask,
  type MergeOutcome,
  type MergeTask,
  type ReadOutcome,
  type ReadTask,
} from './pact-work.tasks.ts';

/** Pacts smaller than this (bytes of JSON) are read on the event loop. */
const INLINE_READ_LIMIT = 64 * 1024;

export class PactWork {
  private pool: Piscina | undefined;

  constructor(private readonly maxThreads = 2) {}

  private get workers(): Piscina {
    this.pool ??= new Piscina({
      filename: new URL('./pact-work.worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: this.maxThreads,
      idleTimeout: 60_000,
    });
    return this.pool;
  }

  /**
   * Reads a pact (see content.ts), given as text or as parsed JSON of about `size` bytes. Parsed JSON
   * is checked for depth here first: copying it to a worker would recurse through every level.
   */
  async read(task: ReadTask, size: number): Promise<PactContent> {
    if ('value' in task && nestsDeeperThan(task.value, MAX_PACT_DEPTH))
      throw ValidationError.field(
        task.field,
        `The pact nests deeper than ${MAX_PACT_DEPTH} levels of objects and lists`,
      );
    const outcome =
      size < INLINE_READ_LIMIT ? read(task) : ((await this.workers.run(task, { name: 'read' })) as ReadOutcome);
    if ('errors' in outcome) throw new ValidationError(outcome.errors);
    return outcome.content;
  }

  /** A readable diff of two pact texts (see diff.ts). */
  diff(task: DiffTask): Promise<string> {
    return this.workers.run(task, { name: 'diff' }) as Promise<string>;
  }

  /** `additional` merged into `existing`, read as a pact, or the conflicting interactions. */
  merge(task: MergeTask): Promise<MergeOutcome> {
    return this.workers.run(task, { name: 'merge' }) as Promise<MergeOutcome>;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
