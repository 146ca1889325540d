// One import as the command runs it: the import, then (unless it was a dry run) the proof of equality
// against our broker serving the target database, and a report of both. `ok` is false on any failure
// or difference: the command then exits 1.
import { pino } from 'pino';
import { listen } from '../../common/http/listen.ts';
import { createBrokerApp } from '../app.ts';
import { HalClient } from './hal-client.ts';
import { importBroker, sourceName, type ImportOptions, type ImportReport } from './importer.ts';
import { ImportLedger } from './ledger.ts';
import { compareBrokers, type ComparisonReport } from './compare.ts';
import { describeCounts, KINDS } from './progress.ts';
import type { PrismaClient } from '../prisma-client.ts';

export interface RunOptions extends ImportOptions {
  /** Compare the answers of both brokers afterwards (default: true, except for a dry run). */
  compare?: boolean;
  /** Versions sampled per integration and pacticipant for the comparison. */
  sample?: number;
}

export interface RunResult {
  report: ImportReport;
  comparison?: ComparisonReport;
  ok: boolean;
}

/** The source's content SHAs -> ours, from the import's record of each publication. */
export async function shaMapping(prisma: PrismaClient, source: string): Promise<Map<string, string>> {
  const recorded = await new ImportLedger(prisma, source).load('pact');
  const publications = await prisma.pactPublication.findMany({
    select: {
      consumer: { select: { name: true } },
      provider: { select: { name: true } },
      consumerVersion: { select: { number: true } },
      pactVersion: { select: { sha: true } },
    },
  });
  const ours = new Map(
    publications.map((row) => [
      JSON.stringify([row.consumer.name, row.provider.name, row.consumerVersion.number]),
      row.pactVersion.sha,
    ]),
  );
  const mapping = new Map<string, string>();
  for (const [key, sha] of recorded) {
    const here = ours.get(key);
    if (sha !== null && here !== undefined) mapping.set(sha, here);
  }
  return mapping;
}

/** Compares the source with our broker serving the target database (started here on a free port). */
export async function compareWithTarget(options: RunOptions): Promise<ComparisonReport> {
  const app = createBrokerApp({ prisma: options.prisma, logger: pino({ level: 'silent' }), config: options.config });
  const running = await listen(app);
  try {
    const source = new HalClient({
      baseUrl: options.from,
      concurrency: options.concurrency ?? 8,
      ...(options.auth ? { auth: options.auth } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const target = new HalClient({ baseUrl: running.url, concurrency: 4 });
    return await compareBrokers({
      source,
      target,
      shaMap: await shaMapping(options.prisma, sourceName(options.from)),
      ...(options.sample !== undefined ? { sample: options.sample } : {}),
    });
  } finally {
    await running.close();
  }
}

export async function runImport(options: RunOptions): Promise<RunResult> {
  const report = await importBroker(options);
  const compare = options.compare ?? !report.dryRun;
  const comparison = compare ? await compareWithTarget(options) : undefined;
  const ok = report.failures.length === 0 && (comparison === undefined || comparison.differences.length === 0);
  return { report, ...(comparison ? { comparison } : {}), ok };
}

export function formatResult({ report, comparison, ok }: RunResult): string {
  const lines: string[] = [];
  lines.push(`${report.dryRun ? 'Dry run: would import' : 'Imported'} from ${report.source}:`);
  for (const kind of KINDS) {
    const counts = report.counts[kind];
    const line = report.dryRun
      ? `${counts.imported} new, ${counts.updated} to update, ${counts.unchanged} already there`
      : describeCounts(counts);
    lines.push(`  ${kind.padEnd(14)} ${String(counts.found).padStart(6)} in the source: ${line}`);
  }
  lines.push(
    `  ${report.requests} requests (${report.retries} retried, ${report.rateLimited} rate-limited) in ${report.seconds.toFixed(1)} s`,
  );
  for (const failure of report.failures) lines.push(`  failed: ${failure}`);
  if (report.credentialsToEnter.length > 0) {
    lines.push('Webhooks imported disabled, until their credentials are entered again (PUT /webhooks/{uuid}):');
    for (const webhook of report.credentialsToEnter)
      lines.push(`  ${webhook.uuid} ${webhook.description ?? ''}: ${webhook.missing}`);
  }
  if (comparison) {
    lines.push('Comparison of the answers (source vs ours):');
    for (const [check, { compared, differing }] of Object.entries(comparison.checks))
      lines.push(`  ${check.padEnd(17)} ${String(compared).padStart(5)} compared, ${differing} differ`);
    for (const difference of comparison.differences) lines.push(`  DIFFERENT: ${difference.what}\n${difference.diff}`);
  }
  lines.push(ok ? 'OK: no failure, no difference.' : 'NOT OK: see the failures and differences above.');
  return `${lines.join('\n')}\n`;
}
