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
}

/**
 * For WIP pacts only verifications of the last 30 days count (the Pact Broker's look-back): a pact
 * verified long ago and published again as a branch head is work in progress again.
 */
export const WIP_LOOK_BACK_DAYS = 30;
const wipCutoff = () => new Date(Date.now() - WIP_LOOK_BACK_DAYS * 24 * 3600 * 1000);

/** Per pact version: verified successfully at all, and verified successfully outside a WIP verification. */
export type VerifiedStatus = Map<number, { any: boolean; outsideWip: boolean }>;

export class PendingRepository {
  constructor(private readonly db: Db) {}

  private async status(query: Prisma.Sql): Promise<VerifiedStatus> {
    const rows = await this.db.$queryRaw<{ pact_version_id: number; outside_wip: boolean }[]>(query);
    return new Map(rows.map((row) => [row.pact_version_id, { any: true, outsideWip: row.outside_wip }]));
  }

  verifiedForBranch(branch: string, { providerId, pactVersionIds }: VerifiedQuery): Promise<VerifiedStatus> {
    if (pactVersionIds.length === 0) return Promise.resolve(new Map());
    return this.status(Prisma.sql`
      WITH b AS (SELECT created_at FROM branches WHERE pacticipant_id = ${providerId} AND name = ${branch})
      SELECT v.pact_version_id, bool_or(NOT v.wip AND v.created_at >= ${wipCutoff()}) AS outside_wip FROM verifications v
      JOIN branch_versions bv ON bv.version_id = v.provider_version_id
      WHERE v.pact_version_id = ANY(${pactVersionIds}::int[]) AND v.success
        AND (bv.branch_name = ${branch} OR NOT EXISTS (SELECT 1 FROM b) OR v.created_at < (SELECT created_at FROM b))
      GROUP BY v.pact_version_id`);
  }

  verifiedForTag(tag: string, { providerId, pactVersionIds }: VerifiedQuery): Promise<VerifiedStatus> {
    if (pactVersionIds.length === 0) return Promise.resolve(new Map());
    return this.status(Prisma.sql`
      WITH first_use AS (SELECT min(created_at) AS at FROM tags WHERE pacticipant_id = ${providerId} AND name = ${tag})
      SELECT v.pact_version_id, bool_or(NOT v.wip AND v.created_at >= ${wipCutoff()}) AS outside_wip FROM verifications v
      JOIN tags t ON t.version_id = v.provider_version_id
      WHERE v.pact_version_id = ANY(${pactVersionIds}::int[]) AND v.success
        AND (t.name = ${tag} OR (SELECT at FROM first_use) IS NULL OR v.created_at < (SELECT at FROM first_use))
      GROUP BY v.pact_version_id`);
  }

  verifiedByAnyVersion({ pactVersionIds }: VerifiedQuery): Promise<VerifiedStatus> {
    if (pactVersionIds.length === 0) return Promise.resolve(new Map());
    return this.status(Prisma.sql`
      SELECT pact_version_id, bool_or(NOT wip AND created_at >= ${wipCutoff()}) AS outside_wip FROM verifications
      WHERE pact_version_id = ANY(${pactVersionIds}::int[]) AND success GROUP BY pact_version_id`);
  }
}
