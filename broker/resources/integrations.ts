// Integrations (who has pacts with whom) and the broker's counts.
import { ok, type Route } from '../http/resource.ts';

export const integrationRoutes: Route[] = [
  {
    method: 'get',
    path: '/integrations',
    access: 'read',
    handler: async ({ services, urls }) => {
      const rows = await services.integrations.list();
      return ok({
        _embedded: {
          integrations: rows.map((row) => ({
            consumer: { name: row.consumer.name, _links: { self: { href: urls.pacticipant(row.consumer.name) } } },
            provider: { name: row.provider.name, _links: { self: { href: urls.pacticipant(row.provider.name) } } },
            createdAt: row.createdAt.toISOString(),
            _links: {
              'pb:latest-pact': { href: urls.latestPact(row.provider.name, row.consumer.name) },
              'pb:matrix': {
                href: `${urls.matrix()}/provider/${encodeURIComponent(row.provider.name)}/consumer/${encodeURIComponent(row.consumer.name)}`,
              },
            },
          })),
        },
        _links: { self: { href: urls.integrations() } },
      });
    },
  },
  {
    method: 'get',
    path: '/metrics',
    access: 'read',
    handler: async ({ services }) => {
      const {
        pacticipants,
        versions,
        integrations,
        pactVersions,
        pactPublications,
        verifications,
        environments,
        webhooks,
      } = await services.integrations.counts();
      return ok({
        pacticipants: { count: pacticipants },
        pacticipantVersions: { count: versions },
        integrations: { count: integrations },
        pactVersions: { count: pactVersions },
        pactPublications: { count: pactPublications },
        verificationResults: { count: verifications },
        environments: { count: environments },
        webhooks: { count: webhooks },
      });
    },
  },
];
