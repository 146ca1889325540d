// GET /metrics: the counts the Pact Broker reports about its data (lib/pact_broker/metrics/service.rb),
// under the same keys. Each figure is one aggregate over a table; all are read in one statement.
import type { PrismaClient } from '../prisma-client.ts';

interface Counts {
  pacticipants: number;
  with_main_branch: number;
  integrations: number;
  publications: number;
  first_publication: Date | null;
  last_publication: Date | null;
  pact_versions: number;
  verifications: number;
  successes: number;
  failures: number;
  distinct_verifications: number;
  first_verification: Date | null;
  last_verification: Date | null;
  versions: number;
  versions_with_branch: number;
  webhooks: number;
  tags: number;
  distinct_tags: number;
  distinct_tags_per_pacticipant: number;
  triggered_webhooks: number;
  webhook_executions: number;
  environments: number;
  deployed: number;
  currently_deployed: number;
  released: number;
  currently_supported: number;
  latest_interactions: number;
  latest_messages: number;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export class MetricsService {
  constructor(private readonly prisma: PrismaClient) {}

  async metrics() {
    const [c] = await this.prisma.$queryRaw<Counts[]>`
      SELECT
        (SELECT count(*)::int FROM pacticipants) AS pacticipants,
        (SELECT count(*)::int FROM pacticipants WHERE main_branch IS NOT NULL) AS with_main_branch,
        (SELECT count(*)::int FROM (SELECT DISTINCT consumer_id, provider_id FROM pact_publications) i) AS integrations,
        (SELECT count(*)::int FROM pact_publications) AS publications,
        (SELECT created_at FROM pact_publications ORDER BY id LIMIT 1) AS first_publication,
        (SELECT created_at FROM pact_publications ORDER BY id DESC LIMIT 1) AS last_publication,
        (SELECT count(*)::int FROM pact_versions) AS pact_versions,
        (SELECT count(*)::int FROM verifications) AS verifications,
        (SELECT count(*)::int FROM verifications WHERE success) AS successes,
        (SELECT count(*)::int FROM verifications WHERE NOT success) AS failures,
        (SELECT count(*)::int FROM (SELECT DISTINCT provider_version_id, pact_version_id, success FROM verifications) d)
          AS distinct_verifications,
        (SELECT created_at FROM verifications ORDER BY id LIMIT 1) AS first_verification,
        (SELECT created_at FROM verifications ORDER BY id DESC LIMIT 1) AS last_verification,
        (SELECT count(*)::int FROM versions) AS versions,
        (SELECT count(DISTINCT version_id)::int FROM branch_versions) AS versions_with_branch,
        (SELECT count(*)::int FROM webhooks) AS webhooks,
        (SELECT count(*)::int FROM tags) AS tags,
        (SELECT count(DISTINCT name)::int FROM tags) AS distinct_tags,
        (SELECT count(*)::int FROM (SELECT DISTINCT name, pacticipant_id FROM tags) t) AS distinct_tags_per_pacticipant,
        (SELECT count(*)::int FROM triggered_webhooks) AS triggered_webhooks,
        (SELECT count(*)::int FROM webhook_executions) AS webhook_executions,
        (SELECT count(*)::int FROM environments) AS environments,
        (SELECT count(*)::int FROM deployed_versions) AS deployed,
        (SELECT count(*)::int FROM deployed_versions WHERE undeployed_at IS NULL) AS currently_deployed,
        (SELECT count(*)::int FROM released_versions) AS released,
        (SELECT count(*)::int FROM released_versions WHERE support_ended_at IS NULL) AS currently_supported,
        -- The latest pact of each integration (its newest consumer version's).
        (SELECT coalesce(sum(pv.interactions_count), 0)::int FROM pact_versions pv WHERE pv.id IN (
          SELECT DISTINCT ON (consumer_id, provider_id) pact_version_id FROM pact_publications
          ORDER BY consumer_id, provider_id, consumer_version_id DESC)) AS latest_interactions,
        (SELECT coalesce(sum(pv.messages_count), 0)::int FROM pact_versions pv WHERE pv.id IN (
          SELECT DISTINCT ON (consumer_id, provider_id) pact_version_id FROM pact_publications
          ORDER BY consumer_id, provider_id, consumer_version_id DESC)) AS latest_messages`;
    const counts = c!;
    // Our publications keep one row per consumer version and provider, with its revision number.
    const revisions = await this.prisma.$queryRaw<{ n: number; count: number }[]>`
      SELECT revision_number AS n, count(*)::int AS count FROM pact_publications GROUP BY 1 ORDER BY 1`;
    const perPactVersion = await this.prisma.$queryRaw<{ n: number; count: number }[]>`
      SELECT n, count(*)::int AS count FROM (SELECT count(*)::int AS n FROM verifications GROUP BY pact_version_id) v
      GROUP BY n ORDER BY n`;
    const distribution = (rows: { n: number; count: number }[]) =>
      Object.fromEntries(rows.map((row) => [String(row.n), row.count]));
    return {
      interactions: {
        latestInteractionsCount: counts.latest_interactions,
        latestMessagesCount: counts.latest_messages,
        latestInteractionsAndMessagesCount: counts.latest_interactions + counts.latest_messages,
      },
      pacticipants: { count: counts.pacticipants, withMainBranchSetCount: counts.with_main_branch },
      integrations: { count: counts.integrations },
      pactPublications: {
        count: counts.publications,
        first: iso(counts.first_publication),
        last: iso(counts.last_publication),
      },
      pactVersions: { count: counts.pact_versions },
      pactRevisionsPerConsumerVersion: { distribution: distribution(revisions) },
      verificationResults: {
        count: counts.verifications,
        successCount: counts.successes,
        failureCount: counts.failures,
        distinctCount: counts.distinct_verifications,
        first: iso(counts.first_verification),
        last: iso(counts.last_verification),
      },
      verificationResultsPerPactVersion: { distribution: distribution(perPactVersion) },
      pacticipantVersions: {
        count: counts.versions,
        // We do not record whether a branch was given or taken from a first tag: every branch counts as given.
        withUserCreatedBranchCount: counts.versions_with_branch,
        withBranchCount: counts.versions_with_branch,
        withBranchSetCount: counts.versions_with_branch,
      },
      webhooks: { count: counts.webhooks },
      tags: {
        count: counts.tags,
        distinctCount: counts.distinct_tags,
        distinctWithPacticipantCount: counts.distinct_tags_per_pacticipant,
      },
      triggeredWebhooks: { count: counts.triggered_webhooks },
      webhookExecutions: { count: counts.webhook_executions },
      // As the Pact Broker: the matrix's size has no useful meaning and is costly, so it is not counted.
      matrix: { count: -1 },
      environments: { count: counts.environments },
      // We do not record whether a deployment was created from a tag: every deployment counts as user-created.
      deployedVersions: {
        count: counts.deployed,
        userCreatedCount: counts.deployed,
        currentlyDeployedCount: counts.currently_deployed,
      },
      releasedVersions: { count: counts.released, currentlySupportedCount: counts.currently_supported },
    };
  }
}
