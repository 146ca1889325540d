// The API dashboard's rows (the Pact Broker's "index items" for /dashboard): for each integration, its
// latest pact, the latest pact of each consumer tag and the pacts of consumer versions deployed or released
// (one row per distinct pact publication, with the tags it is the latest for), with the latest verification of that pact's content, the branches each
// version heads and the provider version's latest tags, and the integration's webhook state.
import type { Db } from '../db.ts';

export interface DashboardRow {
  consumer_name: string;
  provider_name: string;
  consumer_version_number: string;
  sha: string;
  pact_created_at: Date;
  /** The tags this publication is the latest pact for, oldest tag first. */
  tag_names: string[];
  consumer_head_branches: string[];
  verification_success: boolean | null;
  verification_number: number | null;
  verification_pending: boolean | null;
  verified_at: Date | null;
  provider_version_number: string | null;
  provider_head_branches: string[] | null;
  provider_latest_tags: string[] | null;
  webhooks: number;
  /** The status of the latest triggered webhook of each webhook of the integration. */
  webhook_statuses: string[];
  last_webhook_at: Date | null;
}

export async function dashboardRows(db: Db, filter: { consumer?: string; provider?: string }): Promise<DashboardRow[]> {
  const consumer = filter.consumer ?? null;
  const provider = filter.provider ?? null;
  return db.$queryRaw<DashboardRow[]>`
    WITH pubs AS (
      SELECT p.* FROM pact_publications p
      WHERE (${consumer}::text IS NULL OR p.consumer_id = (SELECT id FROM pacticipants WHERE name = ${consumer}))
        AND (${provider}::text IS NULL OR p.provider_id = (SELECT id FROM pacticipants WHERE name = ${provider}))
    ),
    overall AS (
      SELECT DISTINCT ON (consumer_id, provider_id) id FROM pubs ORDER BY consumer_id, provider_id, consumer_version_id DESC
    ),
    tag_heads AS (
      SELECT DISTINCT ON (p.consumer_id, p.provider_id, t.name) p.id, t.name, t.created_at
      FROM pubs p JOIN tags t ON t.version_id = p.consumer_version_id
      ORDER BY p.consumer_id, p.provider_id, t.name, p.consumer_version_id DESC
    ),
    -- The pacts of consumer versions currently deployed or released somewhere.
    in_environments AS (
      SELECT p.id FROM pubs p
      WHERE EXISTS (SELECT 1 FROM deployed_versions d WHERE d.version_id = p.consumer_version_id AND d.undeployed_at IS NULL)
         OR EXISTS (SELECT 1 FROM released_versions r WHERE r.version_id = p.consumer_version_id AND r.support_ended_at IS NULL)
    ),
    heads AS (SELECT id FROM overall UNION SELECT id FROM tag_heads UNION SELECT id FROM in_environments)
    SELECT c.name AS consumer_name, pr.name AS provider_name, cv.number AS consumer_version_number, pv.sha,
           p.created_at AS pact_created_at,
           ARRAY(SELECT th.name FROM tag_heads th WHERE th.id = p.id ORDER BY th.created_at, th.name) AS tag_names,
           ARRAY(SELECT bv.branch_name FROM branch_versions bv WHERE bv.version_id = cv.id AND NOT EXISTS (
                   SELECT 1 FROM branch_versions newer WHERE newer.branch_id = bv.branch_id AND newer.version_id > bv.version_id)
                 ORDER BY bv.created_at) AS consumer_head_branches,
           lv.success AS verification_success, lv.number AS verification_number, lv.pact_pending AS verification_pending,
           lv.created_at AS verified_at, lv.provider_version_number,
           CASE WHEN lv.id IS NULL THEN NULL ELSE ARRAY(
             SELECT bv.branch_name FROM branch_versions bv WHERE bv.version_id = lv.provider_version_id AND NOT EXISTS (
               SELECT 1 FROM branch_versions newer WHERE newer.branch_id = bv.branch_id AND newer.version_id > bv.version_id)
             ORDER BY bv.created_at) END AS provider_head_branches,
           CASE WHEN lv.id IS NULL THEN NULL ELSE ARRAY(
             SELECT t.name FROM tags t WHERE t.version_id = lv.provider_version_id AND NOT EXISTS (
               SELECT 1 FROM tags newer WHERE newer.pacticipant_id = t.pacticipant_id AND newer.name = t.name
                 AND newer.version_id > t.version_id)
             ORDER BY t.name) END AS provider_latest_tags,
           (SELECT count(*)::int FROM webhooks w WHERE (w.consumer_id IS NULL OR w.consumer_id = p.consumer_id)
                                                 AND (w.provider_id IS NULL OR w.provider_id = p.provider_id)) AS webhooks,
           ARRAY(SELECT DISTINCT ON (tw.webhook_uuid) tw.status FROM triggered_webhooks tw
                 WHERE tw.consumer_id = p.consumer_id AND tw.provider_id = p.provider_id
                 ORDER BY tw.webhook_uuid, tw.id DESC) AS webhook_statuses,
           (SELECT max(tw.created_at) FROM triggered_webhooks tw
             WHERE tw.consumer_id = p.consumer_id AND tw.provider_id = p.provider_id) AS last_webhook_at
    FROM heads h
    JOIN pact_publications p ON p.id = h.id
    JOIN pacticipants c ON c.id = p.consumer_id
    JOIN pacticipants pr ON pr.id = p.provider_id
    JOIN versions cv ON cv.id = p.consumer_version_id
    JOIN pact_versions pv ON pv.id = p.pact_version_id
    LEFT JOIN LATERAL (
      SELECT v.id, v.success, v.number, v.pact_pending, v.created_at, v.provider_version_id, prv.number AS provider_version_number
      FROM verifications v JOIN versions prv ON prv.id = v.provider_version_id
      WHERE v.pact_version_id = p.pact_version_id ORDER BY v.id DESC LIMIT 1) lv ON true
    ORDER BY lower(c.name), lower(pr.name), p.consumer_version_id DESC`;
}
