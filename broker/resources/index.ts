// The HAL index and the health check.
import { ok, type Route } from '../http/resource.ts';
import { indexBody } from '../serializers/index-resource.ts';

export const indexRoutes: Route[] = [
  { method: 'get', path: '/', access: 'read', handler: ({ urls }) => ok(indexBody(urls)) },
  {
    method: 'get',
    path: '/diagnostic/status/heartbeat',
    access: 'public',
    handler: ({ urls }) => ok({ ok: true, _links: { self: { href: `${urls.base}/diagnostic/status/heartbeat` } } }),
  },
];
