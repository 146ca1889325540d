import type { PrismaClient } from '../prisma-client.ts';
import type { DatabaseProbe } from './health.schemas.ts';

/**
 * Asks the database for `SELECT 1`, giving up after `timeoutMs`: an unreachable database makes the
 * service degraded, never slow or failing.
 */
export async function probeDatabase(prisma: PrismaClient, timeoutMs: number): Promise<DatabaseProbe> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([prisma.$queryRaw`SELECT 1`, timeout]);
    return { connected: true, latency_ms: elapsed(started) };
  } catch (error) {
    return { connected: false, latency_ms: elapsed(started), error: summarise(error) };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** The first line of the error, without connection strings or stack frames. */
function summarise(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line =
    message
      .split('\n')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1) ?? 'unknown error';
  return line.replace(/postgres(ql)?:\/\/\S+/g, '[database url]').slice(0, 200);
}
