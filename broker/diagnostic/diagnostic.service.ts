// What /diagnostic/status/dependencies reports: whether the broker's database answers a query.
import { classifyDatabaseError } from '../../db/database-errors.ts';
import type { PrismaClient } from '../prisma-client.ts';

export interface DependencyReport {
  ok: boolean;
  /** Why not, in a line: the kind of failure and the driver's error code or name, never a stack. */
  error?: { message: string };
}

export class DiagnosticService {
  constructor(private readonly prisma: PrismaClient) {}

  async database(): Promise<DependencyReport> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      return { ok: true };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const name = error instanceof Error ? error.name : 'Error';
      return {
        ok: false,
        error: {
          message: `${classifyDatabaseError(error)} database error (${typeof code === 'string' ? code : name})`,
        },
      };
    }
  }
}
