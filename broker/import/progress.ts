// How an import shows its progress: a bar per kind on a terminal (cli-progress), plain lines elsewhere
// (CI logs), nothing in tests. Counts and rates come from the importer; a sink only shows them.
import cliProgress from 'cli-progress';

export const KINDS = [
  'pacticipants',
  'environments',
  'versions',
  'pacts',
  'verifications',
  'deployments',
  'releases',
  'webhooks',
] as const;
export type Kind = (typeof KINDS)[number];

export interface KindCounts {
  /** Items the source has (known so far). */
  found: number;
  imported: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ProgressSink {
  /** The count of a kind changed (found grew, or an item was done). */
  update(kind: Kind, counts: KindCounts, startedAt: number): void;
  finish(kind: Kind, counts: KindCounts, startedAt: number): void;
  stop(): void;
}

const done = (counts: KindCounts) => counts.imported + counts.updated + counts.unchanged + counts.failed;

function rate(counts: KindCounts, startedAt: number): string {
  const seconds = Math.max((performance.now() - startedAt) / 1000, 0.001);
  return (done(counts) / seconds).toFixed(1);
}

export function describeCounts(counts: KindCounts): string {
  const failed = counts.failed > 0 ? `, ${counts.failed} failed` : '';
  return `${counts.imported} imported, ${counts.updated} updated, ${counts.unchanged} already there${failed}`;
}

export const silentProgress: ProgressSink = { update: () => undefined, finish: () => undefined, stop: () => undefined };

/** Plain lines: one per kind when it is done, and one every `everyMs` while it runs. */
export function lineProgress(write: (line: string) => void, everyMs = 5000): ProgressSink {
  const last = new Map<Kind, number>();
  return {
    update(kind, counts, startedAt) {
      const now = performance.now();
      if (now - (last.get(kind) ?? startedAt) < everyMs) return;
      last.set(kind, now);
      write(`${kind}: ${done(counts)}/${counts.found} (${rate(counts, startedAt)}/s)\n`);
    },
    finish(kind, counts, startedAt) {
      write(`${kind}: ${counts.found} in the source: ${describeCounts(counts)} (${rate(counts, startedAt)}/s)\n`);
    },
    stop: () => undefined,
  };
}

/** A bar per kind, redrawn in place. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: false,
      hideCursor: true,
      format: '{kind} [{bar}] {value}/{total} {rate}/s {detail}',
    },
    cliProgress.Presets.shades_classic,
  );
  const byKind = new Map<Kind, cliProgress.SingleBar>();
  const show = (kind: Kind, counts: KindCounts, startedAt: number) => {
    let bar = byKind.get(kind);
    const payload = { kind: kind.padEnd(13), rate: rate(counts, startedAt), detail: describeCounts(counts) };
    if (!bar) {
      bar = bars.create(Math.max(counts.found, 1), done(counts), payload);
      byKind.set(kind, bar);
    }
    bar.setTotal(Math.max(counts.found, 1));
    bar.update(done(counts), payload);
  };
  return { update: show, finish: show, stop: () => bars.stop() };
}
