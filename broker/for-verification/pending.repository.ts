// Which pact versions a provider has already verified successfully, for pending status and WIP pacts.
//
// A pact version stops being pending for a provider branch once a version of the provider on that
// branch verified it successfully, or once any other branch did so before this branch was created (a
// new feature branch inherits what main had verified). Provider tags follow the same rule.
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';

export interface VerifiedQuery {
  providerId: number;
  pactVersionIds: number[];
  /** Leave out verifications of pacts that were WIP when verified (for the WIP calculation). */
  excludeWip?: boolean;
}

export class PendingRepository {
  constructor(private readonly db: Db) {}

  private async ids(query: Prisma.Sql): Promise<Set<number>> {
    const rows = await this.db.$queryRaw<{ pact_version_id: number }[]>(query);
    return new Set(rows.map((row) => row.pact_version_id));
  }

  verifiedForBranch(branch: string, { providerId, pactVersionIds, excludeWip }: VerifiedQuery): Promise<Set<number>> {
    if (pactVersionIds.length === 0) return Promise.resolve(new Set());
    return this.ids(Prisma.sql`
      WITH b AS (SELECT created_at FROM branches WHERE pacticipant_id = ${providerId} AND name = ${branch})
      SELECT DISTINCT v.pact_version_id FROM verifications v
      JOIN branch_versions bv ON bv.version_id = v.provider_version_id
      WHERE v.pact_version_id = ANY(${pactVersionIds}::int[]) AND v.success ${excludeWip ? Prisma.sql`AND NOT v.wip` : Prisma.empty}
        AND (bv.branch_name = ${branch} OR NOT EXISTS (SELECT 1 FROM b) OR v.created_at < (SELECT created_at FROM b))`);
  }

  verifiedForTag(tag: string, { providerId, pactVersionIds, excludeWip }: VerifiedQuery): Promise<Set<number>> {
    if (pactVersionIds.length === 0) return Promise.resolve(new Set());
    return this.ids(Prisma.sql`
      WITH first_use AS (SELECT min(created_at) AS at FROM tags WHERE pacticipant_id = ${providerId} AND name = ${tag})
      SELECT DISTINCT v.pact_version_id FROM verifications v
      JOIN tags t ON t.version_id = v.provider_version_id
      WHERE v.pact_version_id = ANY(${pactVersionIds}::int[]) AND v.success ${excludeWip ? Prisma.sql`AND NOT v.wip` : Prisma.empty}
        AND (t.name = ${tag} OR (SELECT at FROM first_use) IS NULL OR v.created_at < (SELECT at FROM first_use))`);
  }

  verifiedByAnyVersion({ pactVersionIds, excludeWip }: VerifiedQuery): Promise<Set<number>> {
    if (pactVersionIds.length === 0) return Promise.resolve(new Set());
    return this.ids(Prisma.sql`
      SELECT DISTINCT pact_version_id FROM verifications
      WHERE pact_version_id = ANY(${pactVersionIds}::int[]) AND success ${excludeWip ? Prisma.sql`AND NOT wip` : Prisma.empty}`);
  }
}
