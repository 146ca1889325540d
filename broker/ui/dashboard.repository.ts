// The index page's one query: every integration with its latest pact, that pact's latest verification,
// whether any provider version has verified that content yet (otherwise it is pending), and its
// webhooks' state.
import type { Db } from '../db.ts';

export interface IntegrationSummary {
  consumerName: string;
  providerName: string;
  consumerVersionNumber: string;
  sha: string;
  publishedAt: Date;
  verification: { success: boolean; verifiedAt: Date; providerVersionNumber: string; pending: boolean } | null;
  /** An earlier pact of the integration passed verification (an unverified latest pact has "changed"). */
  earlierVerified: boolean;
  pending: boolean;
  webhooks: number;
  webhookStatus: string | null;
}

interface Raw {
  consumer_name: string;
  provider_name: string;
  consumer_version_number: string;
  sha: string;
  published_at: Date;
  success: boolean | null;
  verified_at: Date | null;
  provider_version_number: string | null;
  verified_ok: boolean;
  pact_pending: boolean | null;
  earlier_verified: boolean;
  webhooks: number;
  webhook_status: string | null;
}

export async function integrationSummaries(db: Db): Promise<IntegrationSummary[]> {
  const rows = await db.$queryRaw<Raw[]>`
    SELECT c.name AS consumer_name, pr.name AS provider_name, lp.consumer_version_number, lp.sha, lp.published_at,
           lv.success, lv.verified_at, lv.provider_version_number, lv.pact_pending,
           EXISTS (SELECT 1 FROM verifications v JOIN pact_publications ep ON ep.pact_version_id = v.pact_version_id
                   WHERE ep.consumer_id = i.consumer_id AND ep.provider_id = i.provider_id
                     AND ep.consumer_version_id < lp.consumer_version_id AND v.success) AS earlier_verified,
           EXISTS (SELECT 1 FROM verifications v WHERE v.pact_version_id = lp.pact_version_id AND v.success) AS verified_ok,
           (SELECT count(*)::int FROM webhooks w WHERE (w.consumer_id IS NULL OR w.consumer_id = i.consumer_id)
                                                  AND (w.provider_id IS NULL OR w.provider_id = i.provider_id)) AS webhooks,
           (SELECT t.status FROM triggered_webhooks t WHERE t.consumer_id = i.consumer_id AND t.provider_id = i.provider_id
            ORDER BY t.id DESC LIMIT 1) AS webhook_status
    FROM integrations i
    JOIN pacticipants c ON c.id = i.consumer_id
    JOIN pacticipants pr ON pr.id = i.provider_id
    CROSS JOIN LATERAL (
      SELECT p.pact_version_id, p.consumer_version_id, p.created_at AS published_at, cv.number AS consumer_version_number, pv.sha
      FROM pact_publications p JOIN versions cv ON cv.id = p.consumer_version_id JOIN pact_versions pv ON pv.id = p.pact_version_id
      WHERE p.consumer_id = i.consumer_id AND p.provider_id = i.provider_id
      ORDER BY p.consumer_version_id DESC LIMIT 1) lp
    LEFT JOIN LATERAL (
      SELECT v.success, v.pact_pending, v.created_at AS verified_at, pvn.number AS provider_version_number
      FROM verifications v JOIN versions pvn ON pvn.id = v.provider_version_id
      WHERE v.pact_version_id = lp.pact_version_id ORDER BY v.id DESC LIMIT 1) lv ON true
    ORDER BY lower(c.name), lower(pr.name)`;
  return rows.map((row) => ({
    consumerName: row.consumer_name,
    providerName: row.provider_name,
    consumerVersionNumber: row.consumer_version_number,
    sha: row.sha,
    publishedAt: row.published_at,
    verification:
      row.success === null
        ? null
        : {
            success: row.success,
            verifiedAt: row.verified_at!,
            providerVersionNumber: row.provider_version_number!,
            pending: row.pact_pending === true,
          },
    earlierVerified: row.earlier_verified,
    pending: !row.verified_ok,
    webhooks: row.webhooks,
    webhookStatus: row.webhook_status,
  }));
}
