// The matrix's lookups: the pacticipants and versions selectors name, and the integrations a query
// involves. The rows themselves are in matrix-rows.repository.ts.
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';
import type { UnresolvedSelector } from './parse-query.ts';
import { NO_SUCH_ID, type ResolvedSelector } from './resolved-selector.ts';

export interface MatrixRow {
  publicationId: number;
  consumerId: number;
  consumerName: string;
  consumerVersionId: number;
  consumerVersionNumber: string;
  providerId: number;
  providerName: string;
  providerVersionId: number | null;
  providerVersionNumber: string | null;
  pactVersionId: number;
  sha: string;
  pactCreatedAt: Date;
  verificationId: number | null;
  verificationNumber: number | null;
  success: boolean | null;
  verifiedAt: Date | null;
}

export interface IntegrationPair {
  consumerId: number;
  consumerName: string;
  providerId: number;
  providerName: string;
}

export interface VersionDecorations {
  branches: Map<number, { name: string; latest: boolean }[]>;
  tags: Map<number, { name: string; latest: boolean }[]>;
  environments: Map<number, { uuid: string; name: string; displayName: string | null; production: boolean }[]>;
}

/** Version ids of selectors that name versions, and pacticipant ids of those that name only a pacticipant. */
export function criteria(selectors: ResolvedSelector[]): { versionIds: number[]; pacticipantIds: number[] } {
  return {
    versionIds: [...new Set(selectors.flatMap((s) => (s.versionId === undefined ? [] : [s.versionId])))],
    pacticipantIds: [...new Set(selectors.flatMap((s) => (s.versionId === undefined ? [s.pacticipantId] : [])))],
  };
}

export class MatrixRepository {
  constructor(private readonly db: Db) {}

  pacticipants(names: string[]) {
    return this.db.pacticipant.findMany({ where: { name: { in: names } } });
  }

  environmentExists(name: string): Promise<boolean> {
    return this.db.environment.count({ where: { name } }).then((count) => count > 0);
  }

  /**
   * The versions a selector names for each of several pacticipants, newest first (only the newest
   * when it asks for the latest): one statement however many pacticipants, a LATERAL index walk each.
   */
  async versionsFor(
    pacticipants: { id: number; mainBranch: string | null }[],
    selector: Omit<UnresolvedSelector, 'pacticipant'>,
  ): Promise<Map<number, { id: number; number: string }[]>> {
    const result = new Map<number, { id: number; number: string }[]>(pacticipants.map((p) => [p.id, []]));
    if (pacticipants.length === 0) return result;
    const ids = pacticipants.map((p) => p.id);
    const limit = selector.latest ? 1 : 1000;
    let query: Prisma.Sql;
    if (selector.version !== undefined) {
      query = Prisma.sql`SELECT pacticipant_id, id, number FROM versions WHERE pacticipant_id = ANY(${ids}::int[]) AND number = ${selector.version}`;
    } else if (selector.branch !== undefined || selector.mainBranch) {
      const withBranch = pacticipants.flatMap((p) => {
        const branch = selector.branch ?? p.mainBranch;
        return branch === null ? [] : [{ id: p.id, branch }];
      });
      query = Prisma.sql`SELECT x.pid AS pacticipant_id, v.id, v.number
        FROM unnest(${withBranch.map((p) => p.id)}::int[], ${withBranch.map((p) => p.branch)}::text[]) AS x(pid, branch)
        CROSS JOIN LATERAL (SELECT v.id, v.number FROM branch_versions bv JOIN versions v ON v.id = bv.version_id
                            WHERE bv.pacticipant_id = x.pid AND bv.branch_name = x.branch ORDER BY bv.version_id DESC LIMIT ${limit}) v`;
    } else if (selector.tag !== undefined) {
      query = Prisma.sql`SELECT x.pid AS pacticipant_id, v.id, v.number FROM unnest(${ids}::int[]) AS x(pid)
        CROSS JOIN LATERAL (SELECT v.id, v.number FROM tags t JOIN versions v ON v.id = t.version_id
                            WHERE t.pacticipant_id = x.pid AND t.name = ${selector.tag} ORDER BY t.version_id DESC LIMIT ${limit}) v`;
    } else if (selector.environment !== undefined) {
      query = Prisma.sql`SELECT v.pacticipant_id, v.id, v.number FROM versions v WHERE v.id IN (
          SELECT d.version_id FROM deployed_versions d JOIN environments e ON e.id = d.environment_id
          WHERE d.pacticipant_id = ANY(${ids}::int[]) AND e.name = ${selector.environment} AND d.undeployed_at IS NULL
          UNION
          SELECT r.version_id FROM released_versions r JOIN environments e ON e.id = r.environment_id
          WHERE r.pacticipant_id = ANY(${ids}::int[]) AND e.name = ${selector.environment} AND r.support_ended_at IS NULL)
        ORDER BY v.id DESC`;
    } else {
      query = Prisma.sql`SELECT x.pid AS pacticipant_id, v.id, v.number FROM unnest(${ids}::int[]) AS x(pid)
        CROSS JOIN LATERAL (SELECT id, number FROM versions WHERE pacticipant_id = x.pid ORDER BY id DESC LIMIT ${limit}) v`;
    }
    for (const row of await this.db.$queryRaw<{ pacticipant_id: number; id: number; number: string }[]>(query)) {
      result.get(row.pacticipant_id)!.push({ id: row.id, number: row.number });
    }
    return result;
  }

  /**
   * Every integration of the selected versions, in one statement: as consumer (the providers their
   * pacts name, required) and as provider (its consumers, not required).
   */
  async integrationsOf(
    selectors: ResolvedSelector[],
  ): Promise<
    (IntegrationPair & { required: boolean; consumerMainBranch: string | null; providerMainBranch: string | null })[]
  > {
    const { versionIds, pacticipantIds } = criteria(selectors);
    const all = [...new Set(selectors.map((s) => s.pacticipantId))];
    const rows = await this.db.$queryRaw<
      {
        consumer_id: number;
        consumer_name: string;
        consumer_main_branch: string | null;
        provider_id: number;
        provider_name: string;
        provider_main_branch: string | null;
        required: boolean;
      }[]
    >`
      SELECT pairs.consumer_id, c.name AS consumer_name, c.main_branch AS consumer_main_branch,
             pairs.provider_id, pr.name AS provider_name, pr.main_branch AS provider_main_branch, bool_or(pairs.required) AS required
      FROM (
        SELECT DISTINCT p.consumer_id, p.provider_id, true AS required FROM pact_publications p
          WHERE p.consumer_version_id = ANY(${versionIds}::int[])
        UNION SELECT consumer_id, provider_id, true FROM integrations WHERE consumer_id = ANY(${pacticipantIds}::int[])
        UNION SELECT consumer_id, provider_id, false FROM integrations WHERE provider_id = ANY(${all}::int[])
      ) pairs JOIN pacticipants c ON c.id = pairs.consumer_id JOIN pacticipants pr ON pr.id = pairs.provider_id
      GROUP BY pairs.consumer_id, c.name, c.main_branch, pairs.provider_id, pr.name, pr.main_branch
      ORDER BY c.name, pr.name`;
    return rows.map((row) => ({
      consumerId: row.consumer_id,
      consumerName: row.consumer_name,
      consumerMainBranch: row.consumer_main_branch,
      providerId: row.provider_id,
      providerName: row.provider_name,
      providerMainBranch: row.provider_main_branch,
      required: row.required,
    }));
  }

  /** Integrations between the selectors: pacts from a selected consumer version to a selected pacticipant. */
  integrationsBetween(selectors: ResolvedSelector[]): Promise<IntegrationPair[]> {
    const { versionIds, pacticipantIds } = criteria(selectors);
    const all = [...new Set(selectors.map((s) => s.pacticipantId))];
    return this.pairs(Prisma.sql`
      SELECT DISTINCT p.consumer_id, p.provider_id FROM pact_publications p
      WHERE (p.consumer_version_id = ANY(${versionIds}::int[]) OR p.consumer_id = ANY(${pacticipantIds}::int[]))
        AND p.provider_id = ANY(${all}::int[])`);
  }

  private async pairs(query: Prisma.Sql): Promise<IntegrationPair[]> {
    const rows = await this.db.$queryRaw<
      { consumer_id: number; consumer_name: string; provider_id: number; provider_name: string }[]
    >`
      SELECT pairs.consumer_id, c.name AS consumer_name, pairs.provider_id, pr.name AS provider_name
      FROM (${query}) pairs JOIN pacticipants c ON c.id = pairs.consumer_id JOIN pacticipants pr ON pr.id = pairs.provider_id
      ORDER BY c.name, pr.name`;
    return rows.map((row) => ({
      consumerId: row.consumer_id,
      consumerName: row.consumer_name,
      providerId: row.provider_id,
      providerName: row.provider_name,
    }));
  }
}

export { NO_SUCH_ID };
