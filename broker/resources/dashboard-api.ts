// The API dashboard (the Pact Broker's /dashboard resource): every integration's latest pact and the
// latest pact of each tag, with verification and webhook states, as HAL JSON or a text table.
import { pageRequestOf } from '../http/pagination.ts';
import { ok, route, text, type Call, type Route } from '../http/resource.ts';
import { dashboardBody, dashboardText } from '../serializers/dashboard-api.ts';

async function dashboard({ services, urls, req, query }: Call, filter: { consumer?: string; provider?: string }) {
  const { items } = await services.dashboardItems.list(filter, pageRequestOf(query));
  if (req.accepts(['application/hal+json', 'application/json', 'text/plain']) === 'text/plain')
    return text(dashboardText(items));
  return ok(dashboardBody(urls, items));
}

export const dashboardApiRoutes: Route[] = [
  route({ method: 'get', path: '/dashboard', access: 'read', handler: (call) => dashboard(call, {}) }),
  route({
    method: 'get',
    path: '/dashboard/provider/:provider/consumer/:consumer',
    access: 'read',
    handler: (call) => dashboard(call, { provider: call.params.provider, consumer: call.params.consumer }),
  }),
];
