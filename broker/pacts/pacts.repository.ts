// Queries over pact versions (distinct contents) and pact publications (a consumer version's pact
// with a provider). Reads return PactRow: what every pact resource shows.
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';

export interface PactRow {
  publicationId: number;
  consumerId: number;
  providerId: number;
  consumerName: string;
  providerName: string;
  consumerVersionId: number;
  consumerVersionNumber: string;
  pactVersionId: number;
  sha: string;
  revisionNumber: number;
  createdAt: Date;
  content: string;
}

interface RawPactRow {
  publication_id: number;
  consumer_id: number;
  provider_id: number;
  consumer_name: string;
  provider_name: string;
  consumer_version_id: number;
  consumer_version_number: string;
  pact_version_id: number;
  sha: string;
  revision_number: number;
  created_at: Date;
  content: string;
}

const toRow = (raw: RawPactRow): PactRow => ({
  publicationId: raw.publication_id,
  consumerId: raw.consumer_id,
  providerId: raw.provider_id,
  consumerName: raw.consumer_name,
  providerName: raw.provider_name,
  consumerVersionId: raw.consumer_version_id,
  consumerVersionNumber: raw.consumer_version_number,
  pactVersionId: raw.pact_version_id,
  sha: raw.sha,
  revisionNumber: raw.revision_number,
  createdAt: raw.created_at,
  content: raw.content,
});

/** Selects PactRow columns from publications `p` (pass `withContent: false` for lists). */
function pactRows(where: Prisma.Sql, options: { withContent?: boolean; orderLimit?: Prisma.Sql } = {}): Prisma.Sql {
  const content = options.withContent === false ? Prisma.sql`'' AS content` : Prisma.sql`pv.content`;
  return Prisma.sql`
    SELECT p.id AS publication_id, p.consumer_id, p.provider_id, c.name AS consumer_name, pr.name AS provider_name,
           p.consumer_version_id, cv.number AS consumer_version_number, pv.id AS pact_version_id, pv.sha,
           p.revision_number, p.created_at, ${content}
    FROM pact_publications p
    JOIN pact_versions pv ON pv.id = p.pact_version_id
    JOIN pacticipants c ON c.id = p.consumer_id
    JOIN pacticipants pr ON pr.id = p.provider_id
    JOIN versions cv ON cv.id = p.consumer_version_id
    WHERE ${where}
    ${options.orderLimit ?? Prisma.empty}`;
}

/** Which consumer versions' pacts a provider-wide list includes. */
export interface ConsumerVersionFilter {
  tag?: string;
  branch?: string;
  /** Each consumer's own main branch. */
  mainBranch?: boolean;
}

function consumerVersionFilter(alias: Prisma.Sql, filter: ConsumerVersionFilter): Prisma.Sql {
  if (filter.tag !== undefined)
    return Prisma.sql`AND EXISTS (SELECT 1 FROM tags t WHERE t.version_id = ${alias}.consumer_version_id AND t.name = ${filter.tag})`;
  if (filter.branch !== undefined) {
    return Prisma.sql`AND EXISTS (SELECT 1 FROM branch_versions bv
      WHERE bv.version_id = ${alias}.consumer_version_id AND bv.branch_name = ${filter.branch})`;
  }
  if (filter.mainBranch) {
    return Prisma.sql`AND EXISTS (SELECT 1 FROM branch_versions bv JOIN pacticipants owner ON owner.id = bv.pacticipant_id
      WHERE bv.version_id = ${alias}.consumer_version_id AND bv.branch_name = owner.main_branch)`;
  }
  return Prisma.empty;
}

export class PactsRepository {
  constructor(private readonly db: Db) {}

  private async rows(query: Prisma.Sql): Promise<PactRow[]> {
    return (await this.db.$queryRaw<RawPactRow[]>(query)).map(toRow);
  }

  private async one(query: Prisma.Sql): Promise<PactRow | undefined> {
    return (await this.rows(query))[0];
  }

  /** The publications of one consumer version with these providers (with content), by provider id. */
  async publicationsOf(consumerVersionId: number, providerIds: number[]): Promise<Map<number, PactRow>> {
    const rows = await this.rows(
      pactRows(Prisma.sql`p.consumer_version_id = ${consumerVersionId} AND p.provider_id = ANY(${providerIds}::int[])`),
    );
    return new Map(rows.map((row) => [row.providerId, row]));
  }

  /**
   * Pact versions for these contents, created where missing, usually in one statement: the insert
   * returns the new ones and the same statement reads those that existed (concurrent creators wait
   * for each other on the unique key; one committed after this statement began is read again).
   * Returns their ids by `${providerId}:${sha}`.
   */
  async pactVersionIds(
    consumerId: number,
    contents: { providerId: number; sha: string; content: string; interactionsCount: number; messagesCount: number }[],
  ): Promise<Map<string, number>> {
    if (contents.length === 0) return new Map();
    // A fixed order, so concurrent publishers take the unique-key locks in the same order (no deadlock).
    const sorted = [...contents].sort((a, b) => a.providerId - b.providerId || a.sha.localeCompare(b.sha));
    const column = <K extends keyof (typeof contents)[number]>(key: K) => sorted.map((item) => item[key]);
    const providers = column('providerId');
    const shas = column('sha');
    const rows = await this.db.$queryRaw<{ id: number; provider_id: number; sha: string }[]>`
      WITH ins AS (
        INSERT INTO pact_versions (consumer_id, provider_id, sha, content, interactions_count, messages_count)
        SELECT ${consumerId}, * FROM unnest(${providers}::int[], ${shas}::text[], ${column('content')}::text[],
                                            ${column('interactionsCount')}::int[], ${column('messagesCount')}::int[])
        ON CONFLICT (consumer_id, provider_id, sha) DO NOTHING
        RETURNING id, provider_id, sha)
      SELECT * FROM ins
      UNION ALL
      SELECT id, provider_id, sha FROM pact_versions
      WHERE consumer_id = ${consumerId} AND (provider_id, sha) IN (SELECT * FROM unnest(${providers}::int[], ${shas}::text[]))`;
    const ids = new Map(rows.map((row) => [`${row.provider_id}:${row.sha}`, row.id]));
    if (sorted.some((item) => !ids.has(`${item.providerId}:${item.sha}`))) {
      for (const row of await this.db.$queryRaw<{ id: number; provider_id: number; sha: string }[]>`
        SELECT id, provider_id, sha FROM pact_versions
        WHERE consumer_id = ${consumerId} AND (provider_id, sha) IN (SELECT * FROM unnest(${providers}::int[], ${shas}::text[]))`) {
        ids.set(`${row.provider_id}:${row.sha}`, row.id);
      }
    }
    return ids;
  }

  /**
   * Records new publications and their integrations in one statement; returns the providers whose
   * publication this inserted (the others already had one).
   */
  async insertPublications(
    consumerVersionId: number,
    consumerId: number,
    items: { providerId: number; pactVersionId: number }[],
  ): Promise<Set<number>> {
    if (items.length === 0) return new Set();
    items = [...items].sort((a, b) => a.providerId - b.providerId);
    const providers = items.map((item) => item.providerId);
    const rows = await this.db.$queryRaw<{ provider_id: number }[]>`
      WITH integrations_added AS (
        INSERT INTO integrations (consumer_id, provider_id) SELECT ${consumerId}, unnest(${providers}::int[])
        ON CONFLICT (consumer_id, provider_id) DO NOTHING)
      INSERT INTO pact_publications (consumer_version_id, consumer_id, provider_id, pact_version_id)
      SELECT ${consumerVersionId}, ${consumerId}, * FROM unnest(${providers}::int[], ${items.map((item) => item.pactVersionId)}::int[])
      ON CONFLICT (consumer_version_id, provider_id) DO NOTHING
      RETURNING provider_id`;
    return new Set(rows.map((row) => row.provider_id));
  }

  async revisePublication(publicationId: number, pactVersionId: number): Promise<void> {
    await this.db.pactPublication.update({
      where: { id: publicationId },
      data: { pactVersionId, revisionNumber: { increment: 1 }, createdAt: new Date() },
    });
  }

  async deletePublication(publicationId: number, pactVersionId: number): Promise<void> {
    await this.db.pactPublication.delete({ where: { id: publicationId } });
    await this.deleteOrphanPactVersion(pactVersionId);
  }

  /**
   * Deletes an integration's publications (all, or those whose consumer version has the tag or is on
   * the branch), the triggered webhooks of those publications, and the pact versions no publication
   * uses any more (their verifications go with them, so the matrix shows no row for deleted pacts).
   * Run it in a transaction. Returns how many publications it deleted.
   */
  async deleteMatching(consumerId: number, providerId: number, filter: ConsumerVersionFilter = {}): Promise<number> {
    const deleted = await this.db.$queryRaw<{ consumer_version_id: number; pact_version_id: number }[]>`
      DELETE FROM pact_publications p
      WHERE p.consumer_id = ${consumerId} AND p.provider_id = ${providerId} ${consumerVersionFilter(Prisma.sql`p`, filter)}
      RETURNING p.consumer_version_id, p.pact_version_id`;
    if (deleted.length === 0) return 0;
    const versionIds = [...new Set(deleted.map((row) => row.consumer_version_id))];
    const pactVersionIds = [...new Set(deleted.map((row) => row.pact_version_id))];
    await this.db.$executeRaw`DELETE FROM triggered_webhooks tw
      WHERE tw.consumer_id = ${consumerId} AND tw.provider_id = ${providerId} AND tw.verification_id IS NULL
        AND tw.consumer_version_id = ANY(${versionIds}::int[])`;
    await this.db.$executeRaw`DELETE FROM pact_versions pv WHERE pv.id = ANY(${pactVersionIds}::int[])
      AND NOT EXISTS (SELECT 1 FROM pact_publications p WHERE p.pact_version_id = pv.id)`;
    return deleted.length;
  }

  async deleteOrphanPactVersion(pactVersionId: number): Promise<void> {
    await this.db.$executeRaw`DELETE FROM pact_versions pv WHERE pv.id = ${pactVersionId}
      AND NOT EXISTS (SELECT 1 FROM pact_publications p WHERE p.pact_version_id = pv.id)`;
  }

  forConsumerVersion(
    consumerId: number,
    providerId: number,
    consumerVersionNumber: string,
  ): Promise<PactRow | undefined> {
    return this.one(
      pactRows(
        Prisma.sql`p.consumer_id = ${consumerId} AND p.provider_id = ${providerId} AND cv.number = ${consumerVersionNumber}`,
      ),
    );
  }

  latest(
    consumerId: number,
    providerId: number,
    filter: { tag?: string; branch?: string; untagged?: boolean } = {},
  ): Promise<PactRow | undefined> {
    const conditions = [Prisma.sql`p.consumer_id = ${consumerId} AND p.provider_id = ${providerId}`];
    if (filter.tag !== undefined)
      conditions.push(
        Prisma.sql`EXISTS (SELECT 1 FROM tags t WHERE t.version_id = p.consumer_version_id AND t.name = ${filter.tag})`,
      );
    if (filter.branch !== undefined)
      conditions.push(
        Prisma.sql`EXISTS (SELECT 1 FROM branch_versions bv WHERE bv.version_id = p.consumer_version_id AND bv.branch_name = ${filter.branch})`,
      );
    if (filter.untagged)
      conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM tags t WHERE t.version_id = p.consumer_version_id)`);
    return this.one(
      pactRows(Prisma.join(conditions, ' AND '), {
        orderLimit: Prisma.sql`ORDER BY p.consumer_version_id DESC LIMIT 1`,
      }),
    );
  }

  /** The pact version with this SHA, shown as the newest consumer version that published it. */
  bySha(consumerId: number, providerId: number, sha: string): Promise<PactRow | undefined> {
    return this.one(
      pactRows(Prisma.sql`p.consumer_id = ${consumerId} AND p.provider_id = ${providerId} AND pv.sha = ${sha}`, {
        orderLimit: Prisma.sql`ORDER BY p.consumer_version_id DESC LIMIT 1`,
      }),
    );
  }

  /** Every publication of an integration, newest consumer version first. */
  forIntegration(consumerId: number, providerId: number, limit = 100): Promise<PactRow[]> {
    return this.rows(
      pactRows(Prisma.sql`p.consumer_id = ${consumerId} AND p.provider_id = ${providerId}`, {
        withContent: false,
        orderLimit: Prisma.sql`ORDER BY p.consumer_version_id DESC LIMIT ${limit}`,
      }),
    );
  }

  /** An integration's publications from a consumer branch (its main branch, a tag), newest first; `latest`: just the newest. */
  onBranch(consumerId: number, providerId: number, filter: ConsumerVersionFilter, latest: boolean): Promise<PactRow[]> {
    return this.rows(
      pactRows(
        Prisma.sql`p.consumer_id = ${consumerId} AND p.provider_id = ${providerId} ${consumerVersionFilter(Prisma.sql`p`, filter)}`,
        {
          withContent: false,
          orderLimit: Prisma.sql`ORDER BY p.consumer_version_id DESC LIMIT ${latest ? 1 : 500}`,
        },
      ),
    );
  }

  /** The newest publication before this one with different content (for "previous distinct"). */
  previousDistinct(row: PactRow): Promise<PactRow | undefined> {
    return this.one(
      pactRows(
        Prisma.sql`p.consumer_id = ${row.consumerId} AND p.provider_id = ${row.providerId}
          AND p.consumer_version_id < ${row.consumerVersionId} AND pv.sha <> ${row.sha}`,
        { orderLimit: Prisma.sql`ORDER BY p.consumer_version_id DESC LIMIT 1` },
      ),
    );
  }

  /** For one provider: each consumer's latest pact (optionally with a consumer version tag or branch). */
  latestForProvider(providerId: number, filter: ConsumerVersionFilter = {}): Promise<PactRow[]> {
    const condition = consumerVersionFilter(Prisma.sql`p2`, filter);
    return this.rows(
      pactRows(
        Prisma.sql`p.id IN (
      SELECT latest.id FROM integrations i CROSS JOIN LATERAL (
        SELECT p2.id FROM pact_publications p2 WHERE p2.provider_id = i.provider_id AND p2.consumer_id = i.consumer_id ${condition}
        ORDER BY p2.consumer_version_id DESC LIMIT 1) latest
      WHERE i.provider_id = ${providerId})`,
        { withContent: false, orderLimit: Prisma.sql`ORDER BY c.name` },
      ),
    );
  }

  /** Every publication for a provider whose consumer version has the tag (or is on the branch). */
  allForProvider(providerId: number, filter: ConsumerVersionFilter = {}, limit = 500): Promise<PactRow[]> {
    const condition = consumerVersionFilter(Prisma.sql`p`, filter);
    return this.rows(
      pactRows(Prisma.sql`p.provider_id = ${providerId} ${condition}`, {
        withContent: false,
        orderLimit: Prisma.sql`ORDER BY c.name, p.consumer_version_id DESC LIMIT ${limit}`,
      }),
    );
  }

  /** The latest pact of every integration (`/pacts/latest`). */
  latestForEveryIntegration(): Promise<PactRow[]> {
    return this.rows(
      pactRows(
        Prisma.sql`p.id IN (
      SELECT latest.id FROM integrations i CROSS JOIN LATERAL (
        SELECT p2.id FROM pact_publications p2 WHERE p2.provider_id = i.provider_id AND p2.consumer_id = i.consumer_id
        ORDER BY p2.consumer_version_id DESC LIMIT 1) latest)`,
        { withContent: false, orderLimit: Prisma.sql`ORDER BY c.name, pr.name` },
      ),
    );
  }
}
