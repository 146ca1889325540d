// The database handle repositories take (the client, or the transaction they run in), and the one
// way services open a transaction: retried when PostgreSQL aborts it for a deadlock or a
// serialization failure between concurrent publishes, which is safe because nothing was written.
import { classifyDatabaseError } from '../db/database-errors.ts';
import type { Prisma, PrismaClient } from './prisma-client.ts';

export type Db = PrismaClient | Prisma.TransactionClient;

const ATTEMPTS = 4;

export async function inTransaction<T>(
  prisma: PrismaClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction(work, { maxWait: 5_000, timeout: 30_000 });
    } catch (error) {
      if (attempt >= ATTEMPTS || classifyDatabaseError(error) !== 'retryable') throw error;
    }
  }
}
