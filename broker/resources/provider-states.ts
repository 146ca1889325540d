// A provider's provider states (for-verification/provider-states.ts): from its consumers' main
// branches, a consumer branch, or an environment.
import { ok, type Route, route } from '../http/resource.ts';

const STATES = '/pacts/provider/:provider/provider-states';

export const providerStateRoutes: Route[] = [
  route({
    method: 'get',
    path: STATES,
    access: 'read',
    handler: async ({ params, services }) =>
      ok({ providerStates: await services.providerStates.list(params.provider) }),
  }),
  route({
    method: 'get',
    path: `${STATES}/branch/:branch`,
    access: 'read',
    handler: async ({ params, services }) =>
      ok({ providerStates: await services.providerStates.list(params.provider, { branch: params.branch }) }),
  }),
  route({
    method: 'get',
    path: `${STATES}/environment/:environment`,
    access: 'read',
    handler: async ({ params, services }) =>
      ok({
        providerStates: await services.providerStates.list(params.provider, { environment: params.environment }),
      }),
  }),
];
