// The queries behind triggering webhooks: which definitions match an event, and the facts about a
// publication or a verification that the `${pactbroker.*}` values are made of. They run inside the
// publishing transaction, so what is triggered is exactly what was written.
import type { Db } from '../db.ts';

export interface MatchingWebhook {
  id: number;
  uuid: string;
  events: string[];
}

export interface PacticipantFacts {
  id: number;
  name: string;
  labels: string[];
}

export interface VersionFacts {
  id: number;
  number: string;
  branches: string[];
  tags: string[];
  buildUrl: string | null;
}

export interface PublicationFacts {
  consumer: PacticipantFacts;
  provider: PacticipantFacts & { mainBranch: string | null };
  consumerVersion: VersionFacts;
  pactVersionId: number;
  sha: string;
}

interface RawVersion {
  id: number;
  number: string;
  build_url: string | null;
  branches: string[] | null;
  tags: string[] | null;
}

const versionFacts = (raw: RawVersion): VersionFacts => ({
  id: raw.id,
  number: raw.number,
  buildUrl: raw.build_url,
  branches: raw.branches ?? [],
  tags: raw.tags ?? [],
});

export class TriggersRepository {
  constructor(private readonly db: Db) {}

  /** Enabled webhooks for this consumer and provider (by name, label, or any) listening to any of `events`. */
  async matching(consumerId: number, providerId: number, events: string[]): Promise<MatchingWebhook[]> {
    return this.db.$queryRaw<MatchingWebhook[]>`
      SELECT w.id, w.uuid, w.events FROM webhooks w
      WHERE w.enabled AND w.events && ${events}::text[]
        AND (w.consumer_id IS NULL OR w.consumer_id = ${consumerId})
        AND (w.provider_id IS NULL OR w.provider_id = ${providerId})
        AND (w.consumer_label IS NULL OR EXISTS (SELECT 1 FROM labels l WHERE l.pacticipant_id = ${consumerId} AND l.name = w.consumer_label))
        AND (w.provider_label IS NULL OR EXISTS (SELECT 1 FROM labels l WHERE l.pacticipant_id = ${providerId} AND l.name = w.provider_label))
      ORDER BY w.id`;
  }

  /**
   * The enabled webhooks listening to `events` for each of a publication's providers, in one query:
   * publishing with no webhook defined (the usual case) then costs one query whatever the pact count.
   */
  async matchingForProviders(
    consumerId: number,
    providerIds: number[],
    events: string[],
  ): Promise<Map<number, MatchingWebhook[]>> {
    const rows = await this.db.$queryRaw<(MatchingWebhook & { for_provider_id: number })[]>`
      SELECT p.provider_id AS for_provider_id, w.id, w.uuid, w.events
      FROM unnest(${providerIds}::int[]) AS p(provider_id)
      JOIN webhooks w ON w.enabled AND w.events && ${events}::text[]
        AND (w.consumer_id IS NULL OR w.consumer_id = ${consumerId})
        AND (w.provider_id IS NULL OR w.provider_id = p.provider_id)
        AND (w.consumer_label IS NULL OR EXISTS (SELECT 1 FROM labels l WHERE l.pacticipant_id = ${consumerId} AND l.name = w.consumer_label))
        AND (w.provider_label IS NULL OR EXISTS (SELECT 1 FROM labels l WHERE l.pacticipant_id = p.provider_id AND l.name = w.provider_label))
      ORDER BY w.id`;
    const byProvider = new Map<number, MatchingWebhook[]>();
    for (const { for_provider_id: providerId, ...webhook } of rows) {
      byProvider.set(providerId, [...(byProvider.get(providerId) ?? []), webhook]);
    }
    return byProvider;
  }

  async pacticipant(id: number): Promise<PacticipantFacts & { mainBranch: string | null }> {
    const [row] = await this.db.$queryRaw<
      { id: number; name: string; main_branch: string | null; labels: string[] | null }[]
    >`
      SELECT p.id, p.name, p.main_branch, ARRAY(SELECT l.name FROM labels l WHERE l.pacticipant_id = p.id ORDER BY l.name) AS labels
      FROM pacticipants p WHERE p.id = ${id}`;
    return { id: row!.id, name: row!.name, mainBranch: row!.main_branch, labels: row!.labels ?? [] };
  }

  /** A version with its branches and tags (oldest first). */
  async version(id: number): Promise<VersionFacts> {
    const [row] = await this.db.$queryRaw<RawVersion[]>`
      SELECT v.id, v.number, v.build_url,
             ARRAY(SELECT bv.branch_name FROM branch_versions bv WHERE bv.version_id = v.id ORDER BY bv.created_at) AS branches,
             ARRAY(SELECT t.name FROM tags t WHERE t.version_id = v.id ORDER BY t.created_at) AS tags
      FROM versions v WHERE v.id = ${id}`;
    return versionFacts(row!);
  }

  /** The pact a consumer version published for a provider. */
  async publication(
    consumerVersionId: number,
    providerId: number,
  ): Promise<{ pactVersionId: number; sha: string; consumerId: number } | undefined> {
    const [row] = await this.db.$queryRaw<{ pact_version_id: number; sha: string; consumer_id: number }[]>`
      SELECT p.pact_version_id, pv.sha, p.consumer_id FROM pact_publications p JOIN pact_versions pv ON pv.id = p.pact_version_id
      WHERE p.consumer_version_id = ${consumerVersionId} AND p.provider_id = ${providerId}`;
    return row ? { pactVersionId: row.pact_version_id, sha: row.sha, consumerId: row.consumer_id } : undefined;
  }

  /**
   * The content SHA of the integration's previous publication: from an earlier version on one of the
   * same branches when this version has branches (a feature branch is compared with itself), else the
   * newest earlier version's. Undefined when this is the first.
   */
  async previousSha(
    consumerId: number,
    providerId: number,
    consumerVersionId: number,
    branches: string[],
  ): Promise<string | undefined> {
    const [row] = await this.db.$queryRaw<{ sha: string }[]>`
      SELECT pv.sha FROM pact_publications p JOIN pact_versions pv ON pv.id = p.pact_version_id
      WHERE p.consumer_id = ${consumerId} AND p.provider_id = ${providerId} AND p.consumer_version_id < ${consumerVersionId}
        AND (cardinality(${branches}::text[]) = 0 OR EXISTS (
          SELECT 1 FROM branch_versions bv WHERE bv.version_id = p.consumer_version_id AND bv.branch_name = ANY(${branches}::text[])))
      ORDER BY p.consumer_version_id DESC LIMIT 1`;
    return row?.sha;
  }

  /**
   * The provider versions a new pact needs verifying by (the Pact Broker's choice for
   * contract_requiring_verification_published): the latest on the provider's main branch and every
   * version currently deployed or released, less those that already verified this content.
   */
  async providerVersionsRequiringVerification(
    providerId: number,
    mainBranch: string | null,
    pactVersionId: number,
  ): Promise<VersionFacts[]> {
    const rows = await this.db.$queryRaw<RawVersion[]>`
      WITH candidates AS (
        (SELECT bv.version_id AS id FROM branch_versions bv
         WHERE bv.pacticipant_id = ${providerId} AND bv.branch_name = ${mainBranch} ORDER BY bv.version_id DESC LIMIT 1)
        UNION SELECT d.version_id FROM deployed_versions d WHERE d.pacticipant_id = ${providerId} AND d.undeployed_at IS NULL
        UNION SELECT r.version_id FROM released_versions r WHERE r.pacticipant_id = ${providerId} AND r.support_ended_at IS NULL)
      SELECT v.id, v.number, v.build_url,
             ARRAY(SELECT bv.branch_name FROM branch_versions bv WHERE bv.version_id = v.id ORDER BY bv.created_at) AS branches,
             ARRAY(SELECT t.name FROM tags t WHERE t.version_id = v.id ORDER BY t.created_at) AS tags
      FROM candidates c JOIN versions v ON v.id = c.id
      WHERE NOT EXISTS (SELECT 1 FROM verifications ver WHERE ver.pact_version_id = ${pactVersionId} AND ver.provider_version_id = v.id)
      ORDER BY v.id`;
    return rows.map(versionFacts);
  }

  /** A verification with its pact; the consumer version is the one it was selected for, or the newest that published the pact. */
  async verification(pactVersionId: number, number: number) {
    const [row] = await this.db.$queryRaw<
      {
        number: number;
        success: boolean;
        consumer_id: number;
        provider_id: number;
        provider_version_id: number;
        pact_version_id: number;
        sha: string;
        consumer_version_id: number | null;
      }[]
    >`
      SELECT ver.number, ver.success, ver.consumer_id, ver.provider_id, ver.provider_version_id, ver.pact_version_id, pv.sha,
             COALESCE(
               (SELECT (s->>'consumerVersionId')::int FROM jsonb_array_elements(CASE WHEN jsonb_typeof(ver.selectors->'selectors') = 'array' THEN ver.selectors->'selectors' ELSE '[]'::jsonb END) s
                JOIN pact_publications p ON p.consumer_version_id = (s->>'consumerVersionId')::int AND p.pact_version_id = ver.pact_version_id LIMIT 1),
               (SELECT MAX(p.consumer_version_id) FROM pact_publications p WHERE p.pact_version_id = ver.pact_version_id)) AS consumer_version_id
      FROM verifications ver JOIN pact_versions pv ON pv.id = ver.pact_version_id
      WHERE ver.pact_version_id = ${pactVersionId} AND ver.number = ${number}`;
    return row;
  }
}

export interface LatestPact {
  consumerId: number;
  providerId: number;
  consumerVersionId: number;
  sha: string;
  verification: { number: number; success: boolean; providerVersionId: number } | null;
}

/** The newest pact a webhook scoped to these pacticipants (null: any) would fire for, with its latest verification. */
export async function latestPactFor(
  db: Db,
  consumerId: number | null,
  providerId: number | null,
): Promise<LatestPact | undefined> {
  const [row] = await db.$queryRaw<
    {
      consumer_id: number;
      provider_id: number;
      consumer_version_id: number;
      sha: string;
      number: number | null;
      success: boolean | null;
      provider_version_id: number | null;
    }[]
  >`
    SELECT p.consumer_id, p.provider_id, p.consumer_version_id, pv.sha, v.number, v.success, v.provider_version_id
    FROM pact_publications p JOIN pact_versions pv ON pv.id = p.pact_version_id
    LEFT JOIN LATERAL (SELECT number, success, provider_version_id FROM verifications WHERE pact_version_id = p.pact_version_id ORDER BY id DESC LIMIT 1) v ON true
    WHERE (${consumerId}::int IS NULL OR p.consumer_id = ${consumerId}) AND (${providerId}::int IS NULL OR p.provider_id = ${providerId})
    ORDER BY p.id DESC LIMIT 1`;
  if (!row) return undefined;
  return {
    consumerId: row.consumer_id,
    providerId: row.provider_id,
    consumerVersionId: row.consumer_version_id,
    sha: row.sha,
    verification:
      row.number === null
        ? null
        : { number: row.number, success: row.success!, providerVersionId: row.provider_version_id! },
  };
}
