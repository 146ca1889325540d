// The heads view's query (the reference dashboard's "with tags" index): per integration, the latest pact
// of each consumer branch, of each consumer tag, of each environment the consumer is deployed or released
// in, and the latest overall. A pact that heads several of these is one row with a chip for each.
// Each row carries its pact's latest verification and whether an earlier pact of the integration was
// verified (so an unverified head whose predecessor passed shows as "changed", as badges do).
import type { Db } from '../db.ts';

export interface HeadRow {
  consumerName: string;
  providerName: string;
  consumerVersionNumber: string;
  sha: string;
  publishedAt: Date;
  latest: boolean;
  branches: string[];
  tags: string[];
  environments: string[];
  verification: {
    success: boolean;
    pending: boolean;
    verifiedAt: Date;
    providerVersionNumber: string;
    number: number;
  } | null;
  earlierVerified: boolean;
}

interface Raw {
  consumer_name: string;
  provider_name: string;
  consumer_version_number: string;
  sha: string;
  published_at: Date;
  kinds: string[];
  names: (string | null)[];
  success: boolean | null;
  pact_pending: boolean | null;
  verified_at: Date | null;
  provider_version_number: string | null;
  verification_number: number | null;
  earlier_verified: boolean;
  total: number;
}

export async function headRows(
  db: Db,
  { search, skip, take }: { search: string | undefined; skip: number; take: number },
): Promise<{ rows: HeadRow[]; total: number }> {
  const like = search === undefined ? null : `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const raw = await db.$queryRaw<Raw[]>`
    WITH heads AS (
      (SELECT DISTINCT ON (p.consumer_id, p.provider_id, bv.branch_name) p.id AS publication_id, 'branch' AS kind, bv.branch_name AS name
       FROM pact_publications p JOIN branch_versions bv ON bv.version_id = p.consumer_version_id
       ORDER BY p.consumer_id, p.provider_id, bv.branch_name, p.consumer_version_id DESC, p.revision_number DESC)
      UNION ALL
      (SELECT DISTINCT ON (p.consumer_id, p.provider_id, t.name) p.id, 'tag', t.name
       FROM pact_publications p JOIN tags t ON t.version_id = p.consumer_version_id
       ORDER BY p.consumer_id, p.provider_id, t.name, p.consumer_version_id DESC, p.revision_number DESC)
      UNION ALL
      (SELECT DISTINCT ON (p.consumer_id, p.provider_id, e.id) p.id, 'environment', coalesce(e.display_name, e.name)
       FROM pact_publications p
       JOIN (SELECT version_id, environment_id FROM deployed_versions WHERE undeployed_at IS NULL
             UNION SELECT version_id, environment_id FROM released_versions WHERE support_ended_at IS NULL) live
         ON live.version_id = p.consumer_version_id
       JOIN environments e ON e.id = live.environment_id
       ORDER BY p.consumer_id, p.provider_id, e.id, p.consumer_version_id DESC, p.revision_number DESC)
      UNION ALL
      (SELECT DISTINCT ON (p.consumer_id, p.provider_id) p.id, 'latest', NULL
       FROM pact_publications p
       ORDER BY p.consumer_id, p.provider_id, p.consumer_version_id DESC, p.revision_number DESC)
    ),
    grouped AS (
      SELECT h.publication_id, array_agg(h.kind ORDER BY h.kind, h.name) AS kinds, array_agg(h.name ORDER BY h.kind, h.name) AS names
      FROM heads h GROUP BY h.publication_id
    ),
    shown AS (
      SELECT g.*, p.consumer_id, p.provider_id, p.consumer_version_id, p.pact_version_id, p.created_at,
             c.name AS consumer_name, pr.name AS provider_name, cv.number AS consumer_version_number, pv.sha,
             count(*) OVER () AS total
      FROM grouped g
      JOIN pact_publications p ON p.id = g.publication_id
      JOIN pacticipants c ON c.id = p.consumer_id
      JOIN pacticipants pr ON pr.id = p.provider_id
      JOIN versions cv ON cv.id = p.consumer_version_id
      JOIN pact_versions pv ON pv.id = p.pact_version_id
      WHERE ${like}::text IS NULL OR c.name ILIKE ${like} OR pr.name ILIKE ${like}
      ORDER BY lower(c.name), lower(pr.name), p.consumer_version_id DESC
      OFFSET ${skip} LIMIT ${take}
    )
    SELECT s.consumer_name, s.provider_name, s.consumer_version_number, s.sha, s.created_at AS published_at,
           s.kinds, s.names, s.total::int AS total,
           lv.success, lv.pact_pending, lv.verified_at, lv.provider_version_number, lv.number AS verification_number,
           EXISTS (SELECT 1 FROM verifications v JOIN pact_publications ep ON ep.pact_version_id = v.pact_version_id
                   WHERE ep.consumer_id = s.consumer_id AND ep.provider_id = s.provider_id
                     AND ep.consumer_version_id < s.consumer_version_id AND v.success) AS earlier_verified
    FROM shown s
    LEFT JOIN LATERAL (
      SELECT v.success, v.pact_pending, v.created_at AS verified_at, v.number, pvn.number AS provider_version_number
      FROM verifications v JOIN versions pvn ON pvn.id = v.provider_version_id
      WHERE v.pact_version_id = s.pact_version_id ORDER BY v.id DESC LIMIT 1) lv ON true
    ORDER BY lower(s.consumer_name), lower(s.provider_name), s.consumer_version_id DESC`;
  const namesOf = (row: Raw, kind: string) =>
    row.kinds.flatMap((k, i) => (k === kind && row.names[i] !== null ? [row.names[i]!] : []));
  return {
    // Past the last page no row carries the window's count: the first page's row does.
    total: raw[0]?.total ?? (skip > 0 ? (await headRows(db, { search, skip: 0, take: 1 })).total : 0),
    rows: raw.map((row) => ({
      consumerName: row.consumer_name,
      providerName: row.provider_name,
      consumerVersionNumber: row.consumer_version_number,
      sha: row.sha,
      publishedAt: row.published_at,
      latest: row.kinds.includes('latest'),
      branches: namesOf(row, 'branch'),
      tags: namesOf(row, 'tag'),
      environments: namesOf(row, 'environment'),
      verification:
        row.success === null
          ? null
          : {
              success: row.success,
              pending: row.pact_pending === true,
              verifiedAt: row.verified_at!,
              providerVersionNumber: row.provider_version_number!,
              number: row.verification_number!,
            },
      earlierVerified: row.earlier_verified,
    })),
  };
}
