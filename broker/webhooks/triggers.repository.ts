// The queries behind triggering webhooks: which definitions match an event, and the facts about a
// publication or a verification that the `${pactbroker.*}` values are made of. They run inside the
// publishing transaction, so what is triggered is exactly what was written.
import type { Db } from '../db.ts';

export interface MatchingWebhook {
  id: number;
  uuid: string;
  events: string[];
  request: unknown;
}

/** A provider version that should verify new pact content, and why (the Pact Broker's descriptions). */
export interface RequiredVerification {
  version: VersionFacts;
  /** The main branch when it is the main branch's latest, else the version's latest branch. */
  branch: string;
  descriptions: string[];
}

export interface VerificationRow {
  id: number;
  number: number;
  success: boolean;
  buildUrl: string | null;
  consumerId: number;
  providerId: number;
  providerVersionId: number;
  pactVersionId: number;
  sha: string;
  selectors: unknown;
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
      SELECT w.id, w.uuid, w.events, w.request FROM webhooks w
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
      SELECT p.provider_id AS for_provider_id, w.id, w.uuid, w.events, w.request
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
      SELECT p.id, p.name, p.main_branch, ARRAY(SELECT l.name FROM labels l WHERE l.pacticipant_id = p.id ORDER BY l.created_at, l.name) AS labels
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
   * contract_requiring_verification_published): the latest of the main branch, every version currently
   * deployed, every version currently released, less those that already verified this content; one
   * entry per version, with every reason it was chosen.
   */
  async requiredVerifications(
    providerId: number,
    mainBranch: string | null,
    pactVersionId: number,
  ): Promise<RequiredVerification[]> {
    const rows = await this.db.$queryRaw<(RawVersion & { description: string; main: boolean; ord: number })[]>`
      WITH candidates AS (
        (SELECT bv.version_id AS id, 'latest from main branch' AS description, true AS main, 0 AS ord, 0 AS seq
         FROM branch_versions bv
         WHERE bv.pacticipant_id = ${providerId} AND bv.branch_name = ${mainBranch} ORDER BY bv.version_id DESC LIMIT 1)
        UNION ALL
        SELECT d.version_id, 'deployed in ' || e.name, false, 1, d.id FROM deployed_versions d JOIN environments e ON e.id = d.environment_id
        WHERE d.pacticipant_id = ${providerId} AND d.undeployed_at IS NULL
        UNION ALL
        SELECT r.version_id, 'released in ' || e.name, false, 2, r.id FROM released_versions r JOIN environments e ON e.id = r.environment_id
        WHERE r.pacticipant_id = ${providerId} AND r.support_ended_at IS NULL)
      SELECT v.id, v.number, v.build_url, c.description, c.main, c.ord,
             ARRAY(SELECT bv.branch_name FROM branch_versions bv WHERE bv.version_id = v.id ORDER BY bv.created_at) AS branches,
             ARRAY(SELECT t.name FROM tags t WHERE t.version_id = v.id ORDER BY t.created_at) AS tags
      FROM candidates c JOIN versions v ON v.id = c.id
      WHERE NOT EXISTS (SELECT 1 FROM verifications ver WHERE ver.pact_version_id = ${pactVersionId} AND ver.provider_version_id = v.id)
      ORDER BY c.ord, c.seq`;
    const byVersion = new Map<number, RequiredVerification>();
    for (const row of rows) {
      const existing = byVersion.get(row.id);
      if (existing) {
        if (!existing.descriptions.includes(row.description)) existing.descriptions.push(row.description);
        if (row.main) existing.branch = mainBranch ?? existing.branch;
        continue;
      }
      const version = versionFacts(row);
      byVersion.set(row.id, {
        version,
        branch: row.main && mainBranch ? mainBranch : (version.branches.at(-1) ?? ''),
        descriptions: [row.description],
      });
    }
    return [...byVersion.values()];
  }

  /** The numbers of the provider's versions currently deployed (each once, oldest deployment first). */
  async currentlyDeployedVersionNumbers(providerId: number): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ number: string }[]>`
      SELECT v.number FROM deployed_versions d JOIN versions v ON v.id = d.version_id
      WHERE d.pacticipant_id = ${providerId} AND d.undeployed_at IS NULL
      GROUP BY v.number ORDER BY MIN(d.id)`;
    return rows.map((row) => row.number);
  }

  /** The latest verification of a pact content (by anyone), as the Pact Broker's `pact.latest_verification`. */
  async latestVerificationOf(
    pactVersionId: number,
  ): Promise<{ number: number; success: boolean; providerVersionId: number } | undefined> {
    const [row] = await this.db.$queryRaw<{ number: number; success: boolean; provider_version_id: number }[]>`
      SELECT number, success, provider_version_id FROM verifications WHERE pact_version_id = ${pactVersionId} ORDER BY id DESC LIMIT 1`;
    return row ? { number: row.number, success: row.success, providerVersionId: row.provider_version_id } : undefined;
  }

  /** The latest verification of a pact content by a version of the provider's main branch. */
  async latestMainBranchVerificationOf(
    pactVersionId: number,
    providerId: number,
  ): Promise<{ number: number; success: boolean; providerVersionId: number } | undefined> {
    const [row] = await this.db.$queryRaw<{ number: number; success: boolean; provider_version_id: number }[]>`
      SELECT ver.number, ver.success, ver.provider_version_id FROM verifications ver
      JOIN pacticipants p ON p.id = ${providerId}
      JOIN branch_versions bv ON bv.version_id = ver.provider_version_id AND bv.branch_name = p.main_branch
      WHERE ver.pact_version_id = ${pactVersionId}
      ORDER BY ver.id DESC LIMIT 1`;
    return row ? { number: row.number, success: row.success, providerVersionId: row.provider_version_id } : undefined;
  }

  /** The outcome of the latest verification of a pact content by a version of the provider's main branch. */
  async mainBranchVerificationSuccess(pactVersionId: number, providerId: number): Promise<boolean | undefined> {
    return (await this.latestMainBranchVerificationOf(pactVersionId, providerId))?.success;
  }

  async verification(pactVersionId: number, number: number): Promise<VerificationRow | undefined> {
    const [row] = await this.db.$queryRaw<
      {
        id: number;
        number: number;
        success: boolean;
        build_url: string | null;
        consumer_id: number;
        provider_id: number;
        provider_version_id: number;
        pact_version_id: number;
        sha: string;
        selectors: unknown;
      }[]
    >`
      SELECT ver.id, ver.number, ver.success, ver.build_url, ver.consumer_id, ver.provider_id, ver.provider_version_id,
             ver.pact_version_id, pv.sha, ver.selectors
      FROM verifications ver JOIN pact_versions pv ON pv.id = ver.pact_version_id
      WHERE ver.pact_version_id = ${pactVersionId} AND ver.number = ${number}`;
    if (!row) return undefined;
    return {
      id: row.id,
      number: row.number,
      success: row.success,
      buildUrl: row.build_url,
      consumerId: row.consumer_id,
      providerId: row.provider_id,
      providerVersionId: row.provider_version_id,
      pactVersionId: row.pact_version_id,
      sha: row.sha,
      selectors: row.selectors,
    };
  }

  /** The consumer versions that published a pact content, among `ids` (all of them when `ids` is undefined: the newest only). */
  async publishingConsumerVersions(pactVersionId: number, ids?: number[]): Promise<number[]> {
    if (ids === undefined) {
      const [row] = await this.db.$queryRaw<{ id: number | null }[]>`
        SELECT MAX(consumer_version_id) AS id FROM pact_publications WHERE pact_version_id = ${pactVersionId}`;
      return row?.id == null ? [] : [row.id];
    }
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      SELECT consumer_version_id AS id FROM pact_publications WHERE pact_version_id = ${pactVersionId} AND consumer_version_id = ANY(${ids}::int[])`;
    return rows.map((row) => row.id);
  }
}

export interface LatestPact {
  consumerId: number;
  providerId: number;
  consumerVersionId: number;
  pactVersionId: number;
  sha: string;
}

/** The newest pact a webhook scoped to these pacticipants (null: any) would fire for. */
export async function latestPactFor(
  db: Db,
  consumerId: number | null,
  providerId: number | null,
): Promise<LatestPact | undefined> {
  const [row] = await db.$queryRaw<
    { consumer_id: number; provider_id: number; consumer_version_id: number; pact_version_id: number; sha: string }[]
  >`
    SELECT p.consumer_id, p.provider_id, p.consumer_version_id, p.pact_version_id, pv.sha
    FROM pact_publications p JOIN pact_versions pv ON pv.id = p.pact_version_id
    WHERE (${consumerId}::int IS NULL OR p.consumer_id = ${consumerId}) AND (${providerId}::int IS NULL OR p.provider_id = ${providerId})
    ORDER BY p.id DESC LIMIT 1`;
  if (!row) return undefined;
  return {
    consumerId: row.consumer_id,
    providerId: row.provider_id,
    consumerVersionId: row.consumer_version_id,
    pactVersionId: row.pact_version_id,
    sha: row.sha,
  };
}

/** The newest verification between these pacticipants (null: any), for testing a verification webhook. */
export async function latestVerificationBetween(
  db: Db,
  consumerId: number | null,
  providerId: number | null,
): Promise<{ number: number; success: boolean; providerVersionId: number } | undefined> {
  const [row] = await db.$queryRaw<{ number: number; success: boolean; provider_version_id: number }[]>`
    SELECT number, success, provider_version_id FROM verifications
    WHERE (${consumerId}::int IS NULL OR consumer_id = ${consumerId}) AND (${providerId}::int IS NULL OR provider_id = ${providerId})
    ORDER BY created_at DESC, id DESC LIMIT 1`;
  return row ? { number: row.number, success: row.success, providerVersionId: row.provider_version_id } : undefined;
}
