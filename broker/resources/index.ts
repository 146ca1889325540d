// The HAL index and the health checks.
import { ok, type Route, route } from '../http/resource.ts';
import { indexBody } from '../serializers/index-resource.ts';

export const indexRoutes: Route[] = [
  route({ method: 'get', path: '/', access: 'read', handler: ({ urls }) => ok(indexBody(urls)) }),
  route({
    method: 'get',
    path: '/diagnostic/status/heartbeat',
    access: 'public',
    handler: ({ urls }) => ok({ ok: true, _links: { self: { href: `${urls.base}/diagnostic/status/heartbeat` } } }),
  }),
  route({
    // Whether the broker's dependencies (its database) answer; 503 when one does not, so a monitor can
    // tell "up but unable to serve" from "up". Read access: the report says what failed.
    method: 'get',
    path: '/diagnostic/status/dependencies',
    access: 'read',
    handler: async ({ services, urls }) => {
      const database = await services.diagnostic.database();
      return {
        status: database.ok ? 200 : 503,
        body: { database, _links: { self: { href: `${urls.base}/diagnostic/status/dependencies` } } },
      };
    },
  }),
];
