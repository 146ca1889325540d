// The queries behind pacts for verification: for one provider, the pact publications each kind of
// consumer version selector picks. "Latest" per consumer is a LATERAL lookup over the integrations,
// each one an index-only walk down (consumer, branch or tag, version id).
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';

export interface SelectedRow {
  publicationId: number;
  consumerId: number;
  consumerName: string;
  consumerVersionId: number;
  consumerVersionNumber: string;
  pactVersionId: number;
  sha: string;
  createdAt: Date;
  /** The branch, tag or environment the row was selected by, when the query had one. */
  branch?: string;
  tag?: string;
  environment?: string;
  applicationInstance?: string;
}

interface RawRow {
  publication_id: number;
  consumer_id: number;
  consumer_name: string;
  consumer_version_id: number;
  consumer_version_number: string;
  pact_version_id: number;
  sha: string;
  created_at: Date;
  branch_name: string | null;
  tag_name: string | null;
  environment_name: string | null;
  application_instance: string | null;
}

const toRow = (raw: RawRow): SelectedRow => ({
  publicationId: raw.publication_id,
  consumerId: raw.consumer_id,
  consumerName: raw.consumer_name,
  consumerVersionId: raw.consumer_version_id,
  consumerVersionNumber: raw.consumer_version_number,
  pactVersionId: raw.pact_version_id,
  sha: raw.sha,
  createdAt: raw.created_at,
  ...(raw.branch_name !== null ? { branch: raw.branch_name } : {}),
  ...(raw.tag_name !== null ? { tag: raw.tag_name } : {}),
  ...(raw.environment_name !== null ? { environment: raw.environment_name } : {}),
  ...(raw.application_instance !== null && raw.application_instance !== ''
    ? { applicationInstance: raw.application_instance }
    : {}),
});

/** Which consumers a query may return. */
export interface ConsumerFilter {
  name?: string;
  ids?: number[];
}

function consumerCondition(filter: ConsumerFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.name !== undefined) parts.push(Prisma.sql`AND c.name = ${filter.name}`);
  if (filter.ids !== undefined) parts.push(Prisma.sql`AND c.id = ANY(${filter.ids}::int[])`);
  return parts.length === 0 ? Prisma.empty : Prisma.join(parts, ' ');
}

/** Wraps a query over publications `p` (with extra columns) in the SelectedRow columns. */
function selectRows(
  from: Prisma.Sql,
  extras: { branch?: Prisma.Sql; tag?: Prisma.Sql; environment?: Prisma.Sql; instance?: Prisma.Sql } = {},
): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id AS publication_id, p.consumer_id, c.name AS consumer_name, p.consumer_version_id,
           cv.number AS consumer_version_number, p.pact_version_id, pv.sha, p.created_at,
           ${extras.branch ?? Prisma.sql`NULL::text`} AS branch_name, ${extras.tag ?? Prisma.sql`NULL::text`} AS tag_name,
           ${extras.environment ?? Prisma.sql`NULL::text`} AS environment_name, ${extras.instance ?? Prisma.sql`NULL::text`} AS application_instance
    ${from}`;
}

const joins = Prisma.sql`
  JOIN pacticipants c ON c.id = p.consumer_id
  JOIN versions cv ON cv.id = p.consumer_version_id
  JOIN pact_versions pv ON pv.id = p.pact_version_id`;

export class SelectionRepository {
  constructor(private readonly db: Db) {}

  private async run(query: Prisma.Sql): Promise<SelectedRow[]> {
    return (await this.db.$queryRaw<RawRow[]>(query)).map(toRow);
  }

  /** Each consumer's latest pact with the provider. */
  latest(providerId: number, consumers: ConsumerFilter = {}): Promise<SelectedRow[]> {
    return this.run(
      selectRows(Prisma.sql`
      FROM integrations i
      CROSS JOIN LATERAL (SELECT p2.id FROM pact_publications p2 WHERE p2.provider_id = i.provider_id AND p2.consumer_id = i.consumer_id
                          ORDER BY p2.consumer_version_id DESC LIMIT 1) latest
      JOIN pact_publications p ON p.id = latest.id ${joins}
      WHERE i.provider_id = ${providerId} ${consumerCondition(consumers)}`),
    );
  }

  /**
   * Each consumer's latest pact from a branch: a named one, or (`branch` undefined) the consumer's own
   * main branch.
   */
  latestForBranch(
    providerId: number,
    branch: string | undefined,
    consumers: ConsumerFilter = {},
  ): Promise<SelectedRow[]> {
    const branchName = branch === undefined ? Prisma.sql`c.main_branch` : Prisma.sql`${branch}::text`;
    return this.run(
      selectRows(
        Prisma.sql`
      FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id
      CROSS JOIN LATERAL (SELECT p2.id FROM branch_versions bv
                          JOIN pact_publications p2 ON p2.consumer_version_id = bv.version_id AND p2.provider_id = i.provider_id
                          WHERE bv.pacticipant_id = i.consumer_id AND bv.branch_name = ${branchName}
                          ORDER BY bv.version_id DESC LIMIT 1) latest
      JOIN pact_publications p ON p.id = latest.id
      JOIN versions cv ON cv.id = p.consumer_version_id
      JOIN pact_versions pv ON pv.id = p.pact_version_id
      WHERE i.provider_id = ${providerId} ${consumerCondition(consumers)}`,
        { branch: branchName },
      ),
    );
  }

  /** The latest pact of every branch of every consumer. */
  latestForEachBranch(providerId: number, consumers: ConsumerFilter = {}): Promise<SelectedRow[]> {
    return this.run(
      selectRows(
        Prisma.sql`
      FROM (SELECT DISTINCT ON (bv.branch_id) p2.id, bv.branch_name FROM pact_publications p2
            JOIN branch_versions bv ON bv.version_id = p2.consumer_version_id
            WHERE p2.provider_id = ${providerId} ORDER BY bv.branch_id, bv.version_id DESC) heads
      JOIN pact_publications p ON p.id = heads.id ${joins}
      WHERE TRUE ${consumerCondition(consumers)}`,
        { branch: Prisma.sql`heads.branch_name` },
      ),
    );
  }

  /** Each consumer's latest pact with a tag (a named one, or the consumer's main branch name as a tag). */
  latestForTag(providerId: number, tag: string | undefined, consumers: ConsumerFilter = {}): Promise<SelectedRow[]> {
    const tagName = tag === undefined ? Prisma.sql`c.main_branch` : Prisma.sql`${tag}::text`;
    return this.run(
      selectRows(
        Prisma.sql`
      FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id
      CROSS JOIN LATERAL (SELECT p2.id FROM tags t
                          JOIN pact_publications p2 ON p2.consumer_version_id = t.version_id AND p2.provider_id = i.provider_id
                          WHERE t.pacticipant_id = i.consumer_id AND t.name = ${tagName}
                          ORDER BY t.version_id DESC LIMIT 1) latest
      JOIN pact_publications p ON p.id = latest.id
      JOIN versions cv ON cv.id = p.consumer_version_id
      JOIN pact_versions pv ON pv.id = p.pact_version_id
      WHERE i.provider_id = ${providerId} ${consumerCondition(consumers)}`,
        { tag: tagName },
      ),
    );
  }

  /** Every pact whose consumer version has the tag. */
  allForTag(providerId: number, tag: string, consumers: ConsumerFilter = {}): Promise<SelectedRow[]> {
    return this.run(
      selectRows(
        Prisma.sql`
      FROM pact_publications p JOIN tags t ON t.version_id = p.consumer_version_id AND t.name = ${tag} ${joins}
      WHERE p.provider_id = ${providerId} ${consumerCondition(consumers)}`,
        { tag: Prisma.sql`t.name` },
      ),
    );
  }

  /** Pacts of consumer versions currently deployed (to one environment, or any). */
  deployed(
    providerId: number,
    environment: string | undefined,
    consumers: ConsumerFilter = {},
  ): Promise<SelectedRow[]> {
    const inEnvironment = environment === undefined ? Prisma.empty : Prisma.sql`AND e.name = ${environment}`;
    return this.run(
      selectRows(
        Prisma.sql`
      FROM deployed_versions d
      JOIN environments e ON e.id = d.environment_id
      JOIN pact_publications p ON p.consumer_version_id = d.version_id AND p.provider_id = ${providerId} ${joins}
      WHERE d.undeployed_at IS NULL ${inEnvironment} ${consumerCondition(consumers)}`,
        { environment: Prisma.sql`e.name`, instance: Prisma.sql`d.application_instance` },
      ),
    );
  }

  /** Pacts of consumer versions released and still supported (in one environment, or any). */
  released(
    providerId: number,
    environment: string | undefined,
    consumers: ConsumerFilter = {},
  ): Promise<SelectedRow[]> {
    const inEnvironment = environment === undefined ? Prisma.empty : Prisma.sql`AND e.name = ${environment}`;
    return this.run(
      selectRows(
        Prisma.sql`
      FROM released_versions r
      JOIN environments e ON e.id = r.environment_id
      JOIN pact_publications p ON p.consumer_version_id = r.version_id AND p.provider_id = ${providerId} ${joins}
      WHERE r.support_ended_at IS NULL ${inEnvironment} ${consumerCondition(consumers)}`,
        { environment: Prisma.sql`e.name` },
      ),
    );
  }

  /** Consumers of the provider that have a main branch set. */
  async consumersWithMainBranch(providerId: number): Promise<number[]> {
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      SELECT c.id FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id WHERE i.provider_id = ${providerId} AND c.main_branch IS NOT NULL`;
    return rows.map((row) => row.id);
  }

  async consumerIds(providerId: number): Promise<number[]> {
    const rows = await this.db.$queryRaw<
      { consumer_id: number }[]
    >`SELECT consumer_id FROM integrations WHERE provider_id = ${providerId}`;
    return rows.map((row) => row.consumer_id);
  }

  /**
   * WIP candidates: pacts published since `since` whose consumer version is the head (newest version)
   * of one of its branches or tags. It starts from the provider's recent publications, keeps the
   * newest per branch or tag, and only then checks that nothing newer exists: an index walk over
   * recent rows, however long the history (measured by scripts/bench-broker.ts).
   */
  heads(providerId: number, since: Date): Promise<SelectedRow[]> {
    return this.run(Prisma.sql`
      WITH recent AS MATERIALIZED (
        SELECT p.id, p.consumer_version_id, p.consumer_id, p.pact_version_id, p.created_at FROM pact_publications p
        WHERE p.provider_id = ${providerId} AND p.created_at >= ${since}
      ), branch_candidates AS (
        SELECT DISTINCT ON (bv.branch_id) bv.branch_id, bv.branch_name, r.* FROM recent r
        JOIN branch_versions bv ON bv.version_id = r.consumer_version_id ORDER BY bv.branch_id, bv.version_id DESC
      ), tag_candidates AS (
        SELECT DISTINCT ON (t.pacticipant_id, t.name) t.pacticipant_id, t.name, r.* FROM recent r
        JOIN tags t ON t.version_id = r.consumer_version_id ORDER BY t.pacticipant_id, t.name, t.version_id DESC
      ), heads AS (
        SELECT b.id, b.consumer_id, b.consumer_version_id, b.pact_version_id, b.created_at, b.branch_name, NULL::text AS tag_name FROM branch_candidates b
        WHERE NOT EXISTS (SELECT 1 FROM branch_versions later WHERE later.branch_id = b.branch_id AND later.version_id > b.consumer_version_id)
        UNION ALL
        SELECT t.id, t.consumer_id, t.consumer_version_id, t.pact_version_id, t.created_at, NULL, t.name FROM tag_candidates t
        WHERE NOT EXISTS (SELECT 1 FROM tags later WHERE later.pacticipant_id = t.pacticipant_id AND later.name = t.name AND later.version_id > t.consumer_version_id)
      )
      SELECT h.id AS publication_id, h.consumer_id, c.name AS consumer_name, h.consumer_version_id, cv.number AS consumer_version_number,
             h.pact_version_id, pv.sha, h.created_at, h.branch_name, h.tag_name, NULL::text AS environment_name, NULL::text AS application_instance
      FROM heads h JOIN pacticipants c ON c.id = h.consumer_id JOIN versions cv ON cv.id = h.consumer_version_id JOIN pact_versions pv ON pv.id = h.pact_version_id`);
  }
}
