// Integrations (who has pacts with whom): the list (HAL, or a Graphviz graph), one integration's
// deletion, the relationships CSV and a pacticipant's group; and the broker's counts.
import { ValidationError } from '../domain-errors.ts';
import { pageParts, pageRequestOf } from '../http/pagination.ts';
import { noContent, ok, text, type Route, route } from '../http/resource.ts';
import { integrationsDot, relationshipsCsv } from '../serializers/integrations.ts';

const CSV = 'text/csv;charset=utf-8';
const enc = encodeURIComponent;

export const integrationRoutes: Route[] = [
  route({
    method: 'get',
    path: '/integrations',
    access: 'read',
    handler: async ({ services, urls, req, query }) => {
      // As the Pact Broker: `q` keeps the integrations whose consumer or provider name contains it; paged when asked.
      const page = pageRequestOf(query);
      const filter = typeof query.q === 'string' && query.q !== '' ? { query: query.q } : {};
      const { rows, total } = await services.integrations.list(filter, page);
      const paging = pageParts(page, total, urls.integrations());
      // As the Pact Broker: the same list as a Graphviz graph for clients that ask for one.
      if (req.accepts(['application/hal+json', 'application/json', 'text/vnd.graphviz']) === 'text/vnd.graphviz')
        return text(integrationsDot(rows), 'text/vnd.graphviz;charset=utf-8');
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
              'pb:group': { href: `${urls.base}/groups/${enc(row.consumer.name)}` },
              'pb:delete_integration': {
                title: `Delete the integration between ${row.consumer.name} and ${row.provider.name}`,
                href: `${urls.integrations()}/provider/${enc(row.provider.name)}/consumer/${enc(row.consumer.name)}`,
              },
            },
          })),
        },
        ...(paging.page ? { page: paging.page } : {}),
        _links: { self: { href: urls.integrations() }, ...paging.links },
      });
    },
  }),
  route({
    // As the Pact Broker: deletes every integration with all the data that hangs off them.
    method: 'delete',
    path: '/integrations',
    access: 'write',
    handler: async ({ services }) => {
      await services.integrations.deleteAll();
      return noContent();
    },
  }),
  route({
    method: 'delete',
    path: '/integrations/provider/:provider/consumer/:consumer',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.integrations.delete(params.provider, params.consumer);
      return noContent();
    },
  }),
  route({
    method: 'get',
    path: '/relationships',
    access: 'read',
    handler: async ({ services }) => text(relationshipsCsv(await services.integrations.pairs()), CSV),
  }),
  route({
    method: 'get',
    path: '/groups/:pacticipant',
    access: 'read',
    handler: async ({ params, query, services }) => {
      const raw = query.maxPacticipants;
      let max: number | undefined;
      if (raw !== undefined) {
        if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw) || Number(raw) < 1)
          throw ValidationError.field('maxPacticipants', 'must be a whole number of at least 1');
        max = Number(raw);
      }
      return text(relationshipsCsv(await services.integrations.groupOf(params.pacticipant, max)), CSV);
    },
  }),
  route({
    method: 'get',
    path: '/metrics',
    access: 'read',
    handler: async ({ services }) => ok(await services.metrics.metrics()),
  }),
];
