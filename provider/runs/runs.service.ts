import type { PrismaClient } from '../prisma-client.ts';
import { toRunView, type RunView } from '../sessions/sessions.service.ts';
import type { Pagination } from './runs.schemas.ts';

/** A row of the page query: the total, and a run (all null when the page is empty). */
type PageRow = {
  total: number;
  id: string | null;
  session_id: string | null;
  party: unknown;
  map: unknown;
  created_at: Date | null;
};

export class RunsService {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Newest first. A page past the end is empty, with the true totals. One statement: the count and the
   * page come from the same snapshot, in one round trip and without a transaction (whose BEGIN and
   * COMMIT were two more, each holding a pooled connection).
   */
  async listRuns(page: number, pageSize: number): Promise<{ runs: RunView[]; pagination: Pagination }> {
    const rows = await this.prisma.$queryRaw<PageRow[]>`
      WITH total AS (SELECT count(*)::int AS n FROM runs)
      SELECT total.n AS total, r.id, r.session_id, r.party, r.map, r.created_at
      FROM total LEFT JOIN LATERAL (
        SELECT id, session_id, party, map, created_at FROM runs
        ORDER BY created_at DESC, id DESC
        OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize}
      ) r ON true
      ORDER BY r.created_at DESC, r.id DESC`;
    const total = rows[0]?.total ?? 0;
    const runs = rows
      .filter((row): row is PageRow & { id: string } => row.id !== null)
      .map((row) => ({
        id: row.id,
        sessionId: row.session_id!,
        party: row.party,
        map: row.map,
        createdAt: row.created_at!,
      }));
    return {
      runs: runs.map(toRunView),
      pagination: {
        current_page: page,
        page_size: pageSize,
        total_items: total,
        total_pages: Math.ceil(total / pageSize),
      },
    };
  }
}
