// The queries behind pacts for verification: for one provider, the pact publications each kind of
// consumer version selector picks. A branch or tag selects its head (the consumer's newest version on
// it) and that version's pact, as the Pact Broker does: per consumer, a LATERAL lookup over the
// integrations, each an index-only walk down (consumer, branch or tag, version id).
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
  /** For rows picked by an environment: whether the version is deployed there or released there. */
  deployment?: 'deployed' | 'released';
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

export interface ConsumerMainBranch {
  consumerId: number;
  consumerName: string;
  mainBranch: 'branch' | 'tag' | 'none';
}

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
   * The pacts of each consumer's branch head: the newest version on a named branch, or (`branch`
   * undefined) on the consumer's own main branch. A head without a pact with this provider selects
   * nothing, even when an older version on the branch has one: that consumer has dropped the provider.
   */
  branchHeads(providerId: number, branch: string | undefined, consumers: ConsumerFilter = {}): Promise<SelectedRow[]> {
    const branchName = branch === undefined ? Prisma.sql`c.main_branch` : Prisma.sql`${branch}::text`;
    return this.run(
      selectRows(
        Prisma.sql`
      FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id
      CROSS JOIN LATERAL (SELECT bv.version_id FROM branch_versions bv
                          WHERE bv.pacticipant_id = i.consumer_id AND bv.branch_name = ${branchName}
                          ORDER BY bv.version_id DESC LIMIT 1) head
      JOIN pact_publications p ON p.consumer_version_id = head.version_id AND p.provider_id = i.provider_id
      JOIN versions cv ON cv.id = p.consumer_version_id
      JOIN pact_versions pv ON pv.id = p.pact_version_id
      WHERE i.provider_id = ${providerId} ${consumerCondition(consumers)}`,
        { branch: branchName },
      ),
    );
  }

  /** The pacts of the head of every branch of every consumer (heads without a pact select nothing). */
  eachBranchHeads(providerId: number, consumers: ConsumerFilter = {}): Promise<SelectedRow[]> {
    return this.run(
      selectRows(
        Prisma.sql`
      FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id
      JOIN branches b ON b.pacticipant_id = i.consumer_id
      CROSS JOIN LATERAL (SELECT bv.version_id FROM branch_versions bv WHERE bv.branch_id = b.id
                          ORDER BY bv.version_id DESC LIMIT 1) head
      JOIN pact_publications p ON p.consumer_version_id = head.version_id AND p.provider_id = i.provider_id
      JOIN versions cv ON cv.id = p.consumer_version_id
      JOIN pact_versions pv ON pv.id = p.pact_version_id
      WHERE i.provider_id = ${providerId} ${consumerCondition(consumers)}`,
        { branch: Prisma.sql`b.name` },
      ),
    );
  }

  /**
   * The pacts of each consumer's newest version with a tag (a named one, or the consumer's main
   * branch name as a tag); as for branches, a newest version without a pact selects nothing.
   */
  tagHeads(providerId: number, tag: string | undefined, consumers: ConsumerFilter = {}): Promise<SelectedRow[]> {
    const tagName = tag === undefined ? Prisma.sql`c.main_branch` : Prisma.sql`${tag}::text`;
    return this.run(
      selectRows(
        Prisma.sql`
      FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id
      CROSS JOIN LATERAL (SELECT t.version_id FROM tags t WHERE t.pacticipant_id = i.consumer_id AND t.name = ${tagName}
                          ORDER BY t.version_id DESC LIMIT 1) head
      JOIN pact_publications p ON p.consumer_version_id = head.version_id AND p.provider_id = i.provider_id
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
  async deployed(
    providerId: number,
    environment: string | undefined,
    consumers: ConsumerFilter = {},
  ): Promise<SelectedRow[]> {
    const inEnvironment = environment === undefined ? Prisma.empty : Prisma.sql`AND e.name = ${environment}`;
    const rows = await this.run(
      selectRows(
        Prisma.sql`
      FROM deployed_versions d
      JOIN environments e ON e.id = d.environment_id
      JOIN pact_publications p ON p.consumer_version_id = d.version_id AND p.provider_id = ${providerId} ${joins}
      WHERE d.undeployed_at IS NULL ${inEnvironment} ${consumerCondition(consumers)}`,
        { environment: Prisma.sql`e.name`, instance: Prisma.sql`d.application_instance` },
      ),
    );
    return rows.map((row) => ({ ...row, deployment: 'deployed' as const }));
  }

  /** Pacts of consumer versions released and still supported (in one environment, or any). */
  async released(
    providerId: number,
    environment: string | undefined,
    consumers: ConsumerFilter = {},
  ): Promise<SelectedRow[]> {
    const inEnvironment = environment === undefined ? Prisma.empty : Prisma.sql`AND e.name = ${environment}`;
    const rows = await this.run(
      selectRows(
        Prisma.sql`
      FROM released_versions r
      JOIN environments e ON e.id = r.environment_id
      JOIN pact_publications p ON p.consumer_version_id = r.version_id AND p.provider_id = ${providerId} ${joins}
      WHERE r.support_ended_at IS NULL ${inEnvironment} ${consumerCondition(consumers)}`,
        { environment: Prisma.sql`e.name` },
      ),
    );
    return rows.map((row) => ({ ...row, deployment: 'released' as const }));
  }

  /**
   * For the default selectors, each consumer of the provider and what its main branch is known as:
   * a branch with versions, else a tag of that name on some version, else neither.
   */
  async consumersMainBranch(providerId: number): Promise<ConsumerMainBranch[]> {
    const rows = await this.db.$queryRaw<{ id: number; name: string; on_branch: boolean; as_tag: boolean }[]>`
      SELECT c.id, c.name,
             EXISTS (SELECT 1 FROM branch_versions bv WHERE bv.pacticipant_id = c.id AND bv.branch_name = c.main_branch) AS on_branch,
             EXISTS (SELECT 1 FROM tags t WHERE t.pacticipant_id = c.id AND t.name = c.main_branch) AS as_tag
      FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id WHERE i.provider_id = ${providerId}`;
    return rows.map((row) => ({
      consumerId: row.id,
      consumerName: row.name,
      mainBranch: row.on_branch ? 'branch' : row.as_tag ? 'tag' : 'none',
    }));
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
        WHERE p.provider_id = ${providerId} AND p.created_at > ${since}
      ), branch_candidates AS (
        SELECT DISTINCT ON (bv.branch_id) bv.branch_id, bv.branch_name, r.* FROM recent r
        JOIN branch_versions bv ON bv.version_id = r.consumer_version_id ORDER BY bv.branch_id, bv.version_id DESC
      ), tag_candidates AS (
        SELECT DISTINCT ON (t.pacticipant_id, t.name) t.pacticipant_id, t.name, r.* FROM recent r
        JOIN tags t ON t.version_id = r.consumer_version_id ORDER BY t.pacticipant_id, t.name, t.version_id DESC
      ), heads AS (
        SELECT b.id, b.consumer_id, b.consumer_version_id, b.pact_version_id, b.created_at, b.branch_name, NULL::text AS tag_name
        FROM branch_candidates b
        WHERE NOT EXISTS (SELECT 1 FROM branch_versions later WHERE later.branch_id = b.branch_id AND later.version_id > b.consumer_version_id)
        UNION ALL
        SELECT t.id, t.consumer_id, t.consumer_version_id, t.pact_version_id, t.created_at, NULL, t.name FROM tag_candidates t
        WHERE NOT EXISTS (SELECT 1 FROM tags later
          WHERE later.pacticipant_id = t.pacticipant_id AND later.name = t.name AND later.version_id > t.consumer_version_id)
      )
      SELECT h.id AS publication_id, h.consumer_id, c.name AS consumer_name, h.consumer_version_id, cv.number AS consumer_version_number,
             h.pact_version_id, pv.sha, h.created_at, h.branch_name, h.tag_name, NULL::text AS environment_name, NULL::text AS application_instance
      FROM heads h JOIN pacticipants c ON c.id = h.consumer_id JOIN versions cv ON cv.id = h.consumer_version_id
        JOIN pact_versions pv ON pv.id = h.pact_version_id`);
  }
}
