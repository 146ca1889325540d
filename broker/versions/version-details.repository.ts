// Everything a version resource shows, for many versions at once (a page of a versions list costs the
// same few queries as one version): branches and tags (each marked when the version is the newest on
// it), the pacts it published, and its deployments and releases.
import type { Db } from '../db.ts';

export interface Named {
  name: string;
  createdAt: Date;
  latest: boolean;
}

export interface VersionDetails {
  branches: Named[];
  tags: Named[];
  /** Providers it published pacts for. */
  pacts: { providerName: string }[];
  deployed: {
    uuid: string;
    currentlyDeployed: boolean;
    applicationInstance: string;
    environment: { uuid: string; name: string; displayName: string | null };
  }[];
  released: {
    uuid: string;
    currentlySupported: boolean;
    environment: { uuid: string; name: string; displayName: string | null };
  }[];
}

const empty = (): VersionDetails => ({ branches: [], tags: [], pacts: [], deployed: [], released: [] });

export class VersionDetailsRepository {
  constructor(private readonly db: Db) {}

  async detailsFor(versionIds: number[]): Promise<Map<number, VersionDetails>> {
    const result = new Map<number, VersionDetails>(versionIds.map((id) => [id, empty()]));
    if (versionIds.length === 0) return result;
    const [branches, tags, pacts, deployed, released] = await Promise.all([
      this.db.$queryRaw<{ version_id: number; name: string; created_at: Date; latest: boolean }[]>`
        SELECT bv.version_id, bv.branch_name AS name, bv.created_at,
          NOT EXISTS (SELECT 1 FROM branch_versions later WHERE later.branch_id = bv.branch_id AND later.version_id > bv.version_id) AS latest
        FROM branch_versions bv WHERE bv.version_id = ANY(${versionIds}::int[]) ORDER BY bv.created_at, bv.branch_name`,
      this.db.$queryRaw<{ version_id: number; name: string; created_at: Date; latest: boolean }[]>`
        SELECT t.version_id, t.name, t.created_at,
          NOT EXISTS (SELECT 1 FROM tags later
             WHERE later.pacticipant_id = t.pacticipant_id AND later.name = t.name AND later.version_id > t.version_id) AS latest
        FROM tags t WHERE t.version_id = ANY(${versionIds}::int[]) ORDER BY t.created_at, t.name`,
      this.db.$queryRaw<{ version_id: number; provider_name: string }[]>`
        SELECT p.consumer_version_id AS version_id, pr.name AS provider_name
        FROM pact_publications p JOIN pacticipants pr ON pr.id = p.provider_id
        WHERE p.consumer_version_id = ANY(${versionIds}::int[]) ORDER BY lower(pr.name)`,
      this.db.$queryRaw<
        {
          version_id: number;
          uuid: string;
          undeployed_at: Date | null;
          application_instance: string;
          env_uuid: string;
          env_name: string;
          env_display_name: string | null;
        }[]
      >`
        SELECT d.version_id, d.uuid::text, d.undeployed_at, d.application_instance,
               e.uuid::text AS env_uuid, e.name AS env_name, e.display_name AS env_display_name
        FROM deployed_versions d JOIN environments e ON e.id = d.environment_id
        WHERE d.version_id = ANY(${versionIds}::int[]) ORDER BY d.id`,
      this.db.$queryRaw<
        {
          version_id: number;
          uuid: string;
          support_ended_at: Date | null;
          env_uuid: string;
          env_name: string;
          env_display_name: string | null;
        }[]
      >`
        SELECT r.version_id, r.uuid::text, r.support_ended_at, e.uuid::text AS env_uuid, e.name AS env_name, e.display_name AS env_display_name
        FROM released_versions r JOIN environments e ON e.id = r.environment_id
        WHERE r.version_id = ANY(${versionIds}::int[]) ORDER BY r.id`,
    ]);
    const of = (id: number) => result.get(id)!;
    for (const row of branches)
      of(row.version_id).branches.push({ name: row.name, createdAt: row.created_at, latest: row.latest });
    for (const row of tags)
      of(row.version_id).tags.push({ name: row.name, createdAt: row.created_at, latest: row.latest });
    for (const row of pacts) of(row.version_id).pacts.push({ providerName: row.provider_name });
    for (const row of deployed)
      of(row.version_id).deployed.push({
        uuid: row.uuid,
        currentlyDeployed: row.undeployed_at === null,
        applicationInstance: row.application_instance,
        environment: { uuid: row.env_uuid, name: row.env_name, displayName: row.env_display_name },
      });
    for (const row of released)
      of(row.version_id).released.push({
        uuid: row.uuid,
        currentlySupported: row.support_ended_at === null,
        environment: { uuid: row.env_uuid, name: row.env_name, displayName: row.env_display_name },
      });
    return result;
  }
}
