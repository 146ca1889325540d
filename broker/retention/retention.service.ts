// The clean-up (the Pact Broker's "clean"): deletes the oldest versions that no keep selector protects,
// with what depends on them, in bounded batches. Each batch is its own short transaction (a few hundred
// versions), so requests wait at most one batch for a row a batch holds, and a clean-up that stops half way
// leaves a consistent database. A dry run reads only, and lists what a run with the same settings would delete.
import type { Logger } from 'pino';
import { inTransaction } from '../db.ts';
import type { PrismaClient } from '../prisma-client.ts';
import type { KeepSelector } from './keep-selectors.ts';
import {
  DELETED_TABLES,
  RetentionRepository,
  type CandidateVersion,
  type DeletedTable,
} from './retention.repository.ts';

export interface CleanOptions {
  keep: KeepSelector[];
  /** The most versions one run deletes. */
  limit: number;
  /** Versions per batch (per transaction). */
  batchSize: number;
  /** Called after each batch with what it deleted and how long its transaction took (progress, benchmarks). */
  onBatch?: (deleted: Record<DeletedTable, number>, milliseconds: number) => void;
}

export interface CleanResult {
  dryRun: false;
  batches: number;
  deleted: Record<DeletedTable, number>;
  /** Versions left after the run. */
  remainingVersions: number;
}

export interface DryRunResult {
  dryRun: true;
  totalVersions: number;
  /** Versions at least one selector keeps. */
  versionsToKeep: number;
  /** Versions no selector keeps (a run deletes at most `limit` of them, oldest first). */
  versionsNotKept: number;
  keptBySelector: { selector: KeepSelector; count: number }[];
  /** Per pacticipant: how many versions would go, the oldest and the newest of them. */
  toDelete: { pacticipant: string; count: number; from: VersionSummary; to: VersionSummary }[];
  /** Each version a run would delete, oldest first. */
  versions: VersionSummary[];
}

export interface VersionSummary {
  pacticipant: string;
  number: string;
  createdAt: string;
}

// One key for every broker on the database: batches of concurrent clean-ups (two brokers' schedules, a
// command run by hand) take turns instead of deadlocking on the rows they both delete.
const CLEAN_LOCK_KEY = 7_316_001;

const summary = (version: CandidateVersion): VersionSummary => ({
  pacticipant: version.pacticipant,
  number: version.number,
  createdAt: version.createdAt.toISOString(),
});

export class RetentionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger?: Logger,
  ) {}

  async clean(options: CleanOptions): Promise<CleanResult> {
    const deleted = Object.fromEntries(DELETED_TABLES.map((table) => [table, 0])) as Record<DeletedTable, number>;
    let batches = 0;
    while (deleted.versions < options.limit) {
      const size = Math.min(options.batchSize, options.limit - deleted.versions);
      const started = performance.now();
      const counts = await inTransaction(this.prisma, async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLEAN_LOCK_KEY}::bigint)`;
        const repository = new RetentionRepository(tx);
        const ids = await repository.lockCandidates(options.keep, size);
        return ids.length === 0 ? undefined : repository.deleteVersions(ids);
      });
      if (!counts) break;
      batches += 1;
      options.onBatch?.(counts, performance.now() - started);
      for (const table of DELETED_TABLES) deleted[table] += counts[table];
      this.logger?.debug({ batch: batches, deleted: counts }, 'clean-up batch done');
    }
    const remainingVersions = await new RetentionRepository(this.prisma).countVersions();
    return { dryRun: false, batches, deleted, remainingVersions };
  }

  async dryRun(options: Omit<CleanOptions, 'batchSize'>): Promise<DryRunResult> {
    const repository = new RetentionRepository(this.prisma);
    const [totalVersions, versionsToKeep, candidates] = await Promise.all([
      repository.countVersions(),
      repository.countKept(options.keep),
      repository.candidates(options.keep, options.limit),
    ]);
    const keptBySelector = [];
    for (const selector of options.keep)
      keptBySelector.push({ selector, count: await repository.countKept([selector]) });
    const byPacticipant = new Map<string, CandidateVersion[]>();
    for (const version of candidates) {
      const list = byPacticipant.get(version.pacticipant) ?? [];
      list.push(version);
      byPacticipant.set(version.pacticipant, list);
    }
    return {
      dryRun: true,
      totalVersions,
      versionsToKeep,
      versionsNotKept: totalVersions - versionsToKeep,
      keptBySelector,
      toDelete: [...byPacticipant.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([pacticipant, versions]) => ({
          pacticipant,
          count: versions.length,
          from: summary(versions[0]!),
          to: summary(versions.at(-1)!),
        })),
      versions: candidates.map(summary),
    };
  }
}
