// The matrix rows: a consumer version's pact joined to the verifications of that pact content by each
// provider version the selectors allow (every verification, or the latest per provider version), and the branches, tags and environments shown with
// each version.
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';
import { criteria, type MatrixRow, type VersionDecorations } from './matrix.repository.ts';
import type { ResolvedSelector } from './resolved-selector.ts';

interface RawRow {
  publication_id: number;
  consumer_id: number;
  consumer_name: string;
  consumer_version_id: number;
  consumer_version_number: string;
  provider_id: number;
  provider_name: string;
  provider_version_id: number | null;
  provider_version_number: string | null;
  pact_version_id: number;
  sha: string;
  pact_created_at: Date;
  verification_id: number | null;
  verification_number: number | null;
  success: boolean | null;
  verified_at: Date | null;
}

const toRow = (raw: RawRow): MatrixRow => ({
  publicationId: raw.publication_id,
  consumerId: raw.consumer_id,
  consumerName: raw.consumer_name,
  consumerVersionId: raw.consumer_version_id,
  consumerVersionNumber: raw.consumer_version_number,
  providerId: raw.provider_id,
  providerName: raw.provider_name,
  providerVersionId: raw.provider_version_id,
  providerVersionNumber: raw.provider_version_number,
  pactVersionId: raw.pact_version_id,
  sha: raw.sha,
  pactCreatedAt: raw.pact_created_at,
  verificationId: raw.verification_id,
  verificationNumber: raw.verification_number,
  success: raw.success,
  verifiedAt: raw.verified_at,
});

/**
 * The row columns over publications `p` and latest verifications `v`. The names are looked up by key
 * rather than joined: the planner cannot estimate how many rows the verification join gives, guesses
 * one, and then joined pacticipants by scanning the whole table for each row (a cost that grew with the
 * number of pacticipants: 70 ms of a 100 ms matrix at 200 pacticipants).
 */
const rowColumns = Prisma.sql`
  p.id AS publication_id, p.consumer_id, (SELECT name FROM pacticipants WHERE id = p.consumer_id) AS consumer_name,
  p.consumer_version_id, cv.number AS consumer_version_number,
  p.provider_id, (SELECT name FROM pacticipants WHERE id = p.provider_id) AS provider_name,
  v.provider_version_id, pvn.number AS provider_version_number,
  p.pact_version_id, pv.sha, p.created_at AS pact_created_at,
  v.id AS verification_id, v.number AS verification_number, v.success, v.created_at AS verified_at,
  GREATEST(cv.created_at, COALESCE(pvn.created_at, cv.created_at)) AS last_action_date`;

const rowJoins = Prisma.sql`
  JOIN versions cv ON cv.id = p.consumer_version_id
  JOIN pact_versions pv ON pv.id = p.pact_version_id
  LEFT JOIN versions pvn ON pvn.id = v.provider_version_id`;

/**
 * The verifications among `where`: every one (the plain matrix shows each verification, as the Pact
 * Broker's does), or with `latestOnly` only the latest of each pact version by each provider version
 * (what a `latestby` query groups further).
 */
const verificationsWhere = (where: Prisma.Sql, latestOnly: boolean) =>
  latestOnly
    ? Prisma.sql`
  SELECT DISTINCT ON (v.pact_version_id, v.provider_version_id) v.id, v.number, v.success, v.created_at, v.pact_version_id, v.provider_version_id
  FROM verifications v WHERE ${where}
  ORDER BY v.pact_version_id, v.provider_version_id, v.id DESC`
    : Prisma.sql`
  SELECT v.id, v.number, v.success, v.created_at, v.pact_version_id, v.provider_version_id
  FROM verifications v WHERE ${where}`;

export class MatrixRowsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Matrix rows for several selectors: pacts whose consumer version matches a selector and whose
   * provider is a selected pacticipant, each joined to the latest verification by every selected
   * provider version (or to nothing, when no selected provider version verified it), keeping rows
   * that involve a specified pacticipant.
   */
  async rowsBetween(
    selectors: ResolvedSelector[],
    specifiedPacticipantIds: number[],
    limit: number,
    latestOnly: boolean,
  ): Promise<MatrixRow[]> {
    const { versionIds, pacticipantIds } = criteria(selectors);
    const all = [...new Set(selectors.map((s) => s.pacticipantId))];
    const rows = await this.db.$queryRaw<RawRow[]>`
      WITH pubs AS (
        SELECT * FROM pact_publications p
        WHERE (p.consumer_version_id = ANY(${versionIds}::int[]) OR p.consumer_id = ANY(${pacticipantIds}::int[]))
          AND p.provider_id = ANY(${all}::int[])
        ORDER BY p.created_at DESC LIMIT ${limit}
      ), vers AS (${verificationsWhere(
        Prisma.sql`v.pact_version_id IN (SELECT pact_version_id FROM pubs)
          AND (v.provider_version_id = ANY(${versionIds}::int[]) OR v.provider_id = ANY(${pacticipantIds}::int[]))`,
        latestOnly,
      )})
      SELECT ${rowColumns} FROM pubs p LEFT JOIN vers v ON v.pact_version_id = p.pact_version_id ${rowJoins}
      WHERE p.consumer_id = ANY(${specifiedPacticipantIds}::int[]) OR p.provider_id = ANY(${specifiedPacticipantIds}::int[])
      ORDER BY last_action_date DESC, p.id DESC, v.id DESC NULLS LAST LIMIT ${limit}`;
    return rows.map(toRow);
  }

  /**
   * Matrix rows for one selector: its versions as consumer (with every verification of their pacts)
   * and as provider (every pact they verified).
   */
  async rowsForOne(selector: ResolvedSelector, limit: number, latestOnly: boolean): Promise<MatrixRow[]> {
    const { versionIds, pacticipantIds } = criteria([selector]);
    const rows = await this.db.$queryRaw<RawRow[]>`
      WITH pubs AS (
        SELECT * FROM pact_publications p
        WHERE p.consumer_version_id = ANY(${versionIds}::int[]) OR p.consumer_id = ANY(${pacticipantIds}::int[])
        ORDER BY p.created_at DESC LIMIT ${limit}
      ), pub_vers AS (${verificationsWhere(Prisma.sql`v.pact_version_id IN (SELECT pact_version_id FROM pubs)`, latestOnly)}),
      prov_vers AS (${verificationsWhere(
        Prisma.sql`v.provider_version_id = ANY(${versionIds}::int[]) OR v.provider_id = ANY(${pacticipantIds}::int[])`,
        latestOnly,
      )}),
      prov_pubs AS (
        SELECT * FROM pact_publications p WHERE p.pact_version_id IN (SELECT pact_version_id FROM prov_vers)
        ORDER BY p.created_at DESC LIMIT ${limit}
      )
      SELECT * FROM (
        SELECT ${rowColumns} FROM pubs p LEFT JOIN pub_vers v ON v.pact_version_id = p.pact_version_id ${rowJoins}
        UNION ALL
        SELECT ${rowColumns} FROM prov_pubs p JOIN prov_vers v ON v.pact_version_id = p.pact_version_id ${rowJoins}
      ) rows
      ORDER BY last_action_date DESC, publication_id DESC, verification_id DESC NULLS LAST LIMIT ${limit}`;
    return rows.map(toRow);
  }

  /** Branches, tags and environments (in the order the version got there) of the versions in a matrix, for its rows (one statement). */
  async decorations(versionIds: number[]): Promise<VersionDecorations> {
    const ids = [...new Set(versionIds)];
    const result: VersionDecorations = { branches: new Map(), tags: new Map(), environments: new Map() };
    if (ids.length === 0) return result;
    const rows = await this.db.$queryRaw<
      {
        kind: 'branch' | 'tag' | 'environment';
        version_id: number;
        name: string;
        latest: boolean | null;
        uuid: string | null;
        display_name: string | null;
        production: boolean | null;
      }[]
    >`
      SELECT 'branch' AS kind, bv.version_id, bv.branch_name AS name,
             NOT EXISTS (SELECT 1 FROM branch_versions later WHERE later.branch_id = bv.branch_id AND later.version_id > bv.version_id) AS latest,
             NULL::text AS uuid, NULL::text AS display_name, NULL::boolean AS production, bv.created_at AS at
      FROM branch_versions bv WHERE bv.version_id = ANY(${ids}::int[])
      UNION ALL
      SELECT 'tag', t.version_id, t.name,
             NOT EXISTS (SELECT 1 FROM tags later
                WHERE later.pacticipant_id = t.pacticipant_id AND later.name = t.name AND later.version_id > t.version_id),
             NULL, NULL, NULL, t.created_at
      FROM tags t WHERE t.version_id = ANY(${ids}::int[])
      UNION ALL
      SELECT 'environment', x.version_id, e.name, NULL::boolean, e.uuid::text, e.display_name, e.production, min(x.created_at) FROM (
        SELECT version_id, environment_id, created_at FROM deployed_versions WHERE version_id = ANY(${ids}::int[]) AND undeployed_at IS NULL
        UNION ALL SELECT version_id, environment_id, created_at FROM released_versions
          WHERE version_id = ANY(${ids}::int[]) AND support_ended_at IS NULL
      ) x JOIN environments e ON e.id = x.environment_id
      GROUP BY x.version_id, e.id
      ORDER BY at`;
    const add = <T>(map: Map<number, T[]>, id: number, item: T) => map.set(id, [...(map.get(id) ?? []), item]);
    for (const row of rows) {
      if (row.kind === 'branch') add(result.branches, row.version_id, { name: row.name, latest: row.latest! });
      else if (row.kind === 'tag') add(result.tags, row.version_id, { name: row.name, latest: row.latest! });
      else
        add(result.environments, row.version_id, {
          uuid: row.uuid!,
          name: row.name,
          displayName: row.display_name,
          production: row.production!,
        });
    }
    return result;
  }
}
