// What the dashboard reads that the API's services do not offer: the index's integration summaries
// and a pact's consumer version with its branches and tags. The pages get data, never the database.
import type { PrismaClient } from '../prisma-client.ts';
import type { PactRow } from '../pacts/pacts.service.ts';
import { VersionsRepository, type VersionDetails } from '../versions/versions.repository.ts';
import { integrationSummaries, type IntegrationSummary } from './dashboard.repository.ts';
import { headRows, type HeadRow } from './heads.repository.ts';

export type { HeadRow, IntegrationSummary, VersionDetails };

export class DashboardService {
  private readonly versions: VersionsRepository;

  constructor(private readonly prisma: PrismaClient) {
    this.versions = new VersionsRepository(prisma);
  }

  /** Every integration with its latest pact, verification and webhook state. */
  integrations(): Promise<IntegrationSummary[]> {
    return integrationSummaries(this.prisma);
  }

  /** The branches and tags of the consumer version that published a pact. */
  async consumerVersionDetails(row: PactRow): Promise<VersionDetails> {
    const version = await this.prisma.version.findUniqueOrThrow({ where: { id: row.consumerVersionId } });
    return this.versions.details(version);
  }

  /** A page of the heads view: the latest pact of each branch, tag and environment of each integration. */
  heads(options: { search?: string; page: number; size: number }): Promise<{ rows: HeadRow[]; total: number }> {
    return headRows(this.prisma, {
      search: options.search,
      skip: (options.page - 1) * options.size,
      take: options.size,
    });
  }
}
