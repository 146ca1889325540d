import type { PrismaClient } from '../prisma-client.ts';
import { toRunView, type RunView } from '../sessions/sessions.service.ts';
import type { Pagination } from './runs.schemas.ts';

export class RunsService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Newest first. A page past the end is empty, with the true totals. */
  async listRuns(page: number, pageSize: number): Promise<{ runs: RunView[]; pagination: Pagination }> {
    const [total, runs] = await this.prisma.$transaction([
      this.prisma.run.count(),
      this.prisma.run.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
    ]);
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
