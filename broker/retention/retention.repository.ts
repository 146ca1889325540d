// The clean-up's SQL: the set of versions the keep selectors protect, the oldest versions outside it,
// and the deletion of a batch of versions with everything that depends on them. Raw SQL because the
// selectors become one UNION of window queries and a batch is a handful of set-based statements:
// per-row ORM calls would take minutes on a hundred thousand versions.
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';
import type { KeepSelector } from './keep-selectors.ts';

/** The ids of the versions one selector keeps. */
export function keptBySelector(selector: KeepSelector): Prisma.Sql {
  const joins: Prisma.Sql[] = [];
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const partition: Prisma.Sql[] = [Prisma.sql`v.pacticipant_id`];
  if (selector.pacticipant !== undefined)
    conditions.push(Prisma.sql`v.pacticipant_id = (SELECT id FROM pacticipants WHERE name = ${selector.pacticipant})`);
  if (selector.tag !== undefined) {
    joins.push(
      selector.tag === true
        ? Prisma.sql`JOIN tags t ON t.version_id = v.id`
        : Prisma.sql`JOIN tags t ON t.version_id = v.id AND t.name = ${selector.tag}`,
    );
    partition.push(Prisma.sql`t.name`);
  }
  if (selector.branch !== undefined) {
    joins.push(
      selector.branch === true
        ? Prisma.sql`JOIN branch_versions bv ON bv.version_id = v.id`
        : Prisma.sql`JOIN branch_versions bv ON bv.version_id = v.id AND bv.branch_name = ${selector.branch}`,
    );
    partition.push(Prisma.sql`bv.branch_name`);
  }
  if (selector.mainBranch)
    joins.push(Prisma.sql`JOIN pacticipants mp ON mp.id = v.pacticipant_id
      JOIN branch_versions mbv ON mbv.version_id = v.id AND mbv.branch_name = mp.main_branch`);
  if (selector.deployed)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM deployed_versions d WHERE d.version_id = v.id AND d.undeployed_at IS NULL)`,
    );
  if (selector.released)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM released_versions r WHERE r.version_id = v.id AND r.support_ended_at IS NULL)`,
    );
  if (selector.environment !== undefined)
    conditions.push(Prisma.sql`(
      EXISTS (SELECT 1 FROM deployed_versions d JOIN environments e ON e.id = d.environment_id
              WHERE d.version_id = v.id AND d.undeployed_at IS NULL AND e.name = ${selector.environment})
      OR EXISTS (SELECT 1 FROM released_versions r JOIN environments e ON e.id = r.environment_id
              WHERE r.version_id = v.id AND r.support_ended_at IS NULL AND e.name = ${selector.environment}))`);
  if (selector.maxAge !== undefined)
    conditions.push(Prisma.sql`v.created_at >= now() - make_interval(days => ${selector.maxAge}::int)`);
  const joined = joins.length > 0 ? Prisma.join(joins, ' ') : Prisma.empty;
  const from = Prisma.sql`FROM versions v ${joined} WHERE ${Prisma.join(conditions, ' AND ')}`;
  if (selector.latest === undefined) return Prisma.sql`SELECT v.id ${from}`;
  const count = selector.latest === true ? 1 : selector.latest;
  // "Latest" is the highest id (schema.prisma): the newest N per pacticipant, and per tag or branch when given.
  return Prisma.sql`SELECT ranked.id FROM (
    SELECT v.id, row_number() OVER (PARTITION BY ${Prisma.join(partition)} ORDER BY v.id DESC) AS position ${from}
  ) ranked WHERE ranked.position <= ${count}::int`;
}

function keptByAny(selectors: KeepSelector[]): Prisma.Sql {
  return Prisma.join(selectors.map(keptBySelector), ' UNION ');
}

export interface CandidateVersion {
  id: number;
  pacticipant: string;
  number: string;
  createdAt: Date;
}

export class RetentionRepository {
  constructor(private readonly db: Db) {}

  /** The oldest versions no selector keeps, up to `limit` (ids ascending: the order the clean-up deletes in). */
  candidates(selectors: KeepSelector[], limit: number): Promise<CandidateVersion[]> {
    return this.db.$queryRaw<CandidateVersion[]>`
      SELECT v.id, p.name AS pacticipant, v.number, v.created_at AS "createdAt"
      FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id
      WHERE v.id NOT IN (${keptByAny(selectors)})
      ORDER BY v.id LIMIT ${limit}::int`;
  }

  async countKept(selectors: KeepSelector[]): Promise<number> {
    const [row] = await this.db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM (${keptByAny(selectors)}) kept`;
    return Number(row?.count ?? 0);
  }

  async countVersions(): Promise<number> {
    const [row] = await this.db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM versions`;
    return Number(row?.count ?? 0);
  }

  /**
   * Takes (row locks) up to `limit` of the oldest versions no selector keeps, skipping versions another
   * transaction holds, so two clean-ups never fight over one batch. To be run in the batch's transaction.
   */
  async lockCandidates(selectors: KeepSelector[], limit: number): Promise<number[]> {
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      SELECT v.id FROM versions v
      WHERE v.id NOT IN (${keptByAny(selectors)})
      ORDER BY v.id LIMIT ${limit}::int
      FOR UPDATE OF v SKIP LOCKED`;
    return rows.map((row) => row.id);
  }

  /**
   * Deletes versions and what depends on them, in the caller's transaction: their tags, branch memberships,
   * deployments and releases, the pacts they published (and the triggered webhooks about those), the
   * verifications they made as a provider, their provider contracts; then the pact contents no longer
   * published nor verified, and the branches (other than a main branch) left without a version.
   * Returns the rows deleted per table.
   */
  async deleteVersions(ids: number[]): Promise<Record<DeletedTable, number>> {
    const db = this.db;
    const touchedPacts = await db.$queryRaw<{ id: number }[]>`
      SELECT pact_version_id AS id FROM pact_publications WHERE consumer_version_id = ANY(${ids}::int[])
      UNION SELECT pact_version_id FROM verifications WHERE provider_version_id = ANY(${ids}::int[])`;
    const touchedBranches = await db.$queryRaw<{ id: number }[]>`
      SELECT DISTINCT branch_id AS id FROM branch_versions WHERE version_id = ANY(${ids}::int[])`;
    const pactIds = touchedPacts.map((row) => row.id);
    const branchIds = touchedBranches.map((row) => row.id);
    // Triggered webhooks about these consumer versions' pacts (their executions go with them, by cascade);
    // those of the verifications deleted below go with their verification.
    const triggeredWebhooks = await db.$executeRaw`
      DELETE FROM triggered_webhooks WHERE consumer_version_id = ANY(${ids}::int[])
         OR verification_id IN (SELECT id FROM verifications WHERE provider_version_id = ANY(${ids}::int[]))`;
    const verifications =
      await db.$executeRaw`DELETE FROM verifications WHERE provider_version_id = ANY(${ids}::int[])`;
    const pactPublications =
      await db.$executeRaw`DELETE FROM pact_publications WHERE consumer_version_id = ANY(${ids}::int[])`;
    const tags = await db.$executeRaw`DELETE FROM tags WHERE version_id = ANY(${ids}::int[])`;
    const branchVersions = await db.$executeRaw`DELETE FROM branch_versions WHERE version_id = ANY(${ids}::int[])`;
    const deployedVersions = await db.$executeRaw`DELETE FROM deployed_versions WHERE version_id = ANY(${ids}::int[])`;
    const releasedVersions = await db.$executeRaw`DELETE FROM released_versions WHERE version_id = ANY(${ids}::int[])`;
    const providerContracts =
      await db.$executeRaw`DELETE FROM provider_contracts WHERE provider_version_id = ANY(${ids}::int[])`;
    const versions = await db.$executeRaw`DELETE FROM versions WHERE id = ANY(${ids}::int[])`;
    // A pact content stays while a publication or a verification still refers to it (as in the Pact Broker).
    const pactVersions = await db.$executeRaw`
      DELETE FROM pact_versions pv WHERE pv.id = ANY(${pactIds}::int[])
        AND NOT EXISTS (SELECT 1 FROM pact_publications pp WHERE pp.pact_version_id = pv.id)
        AND NOT EXISTS (SELECT 1 FROM verifications vf WHERE vf.pact_version_id = pv.id)`;
    const branches = await db.$executeRaw`
      DELETE FROM branches b WHERE b.id = ANY(${branchIds}::int[])
        AND NOT EXISTS (SELECT 1 FROM branch_versions bv WHERE bv.branch_id = b.id)
        AND b.name IS DISTINCT FROM (SELECT main_branch FROM pacticipants p WHERE p.id = b.pacticipant_id)`;
    return {
      versions,
      pactPublications,
      pactVersions,
      verifications,
      tags,
      branchVersions,
      branches,
      deployedVersions,
      releasedVersions,
      providerContracts,
      triggeredWebhooks,
    };
  }
}

export const DELETED_TABLES = [
  'versions',
  'pactPublications',
  'pactVersions',
  'verifications',
  'tags',
  'branchVersions',
  'branches',
  'deployedVersions',
  'releasedVersions',
  'providerContracts',
  'triggeredWebhooks',
] as const;
export type DeletedTable = (typeof DELETED_TABLES)[number];
