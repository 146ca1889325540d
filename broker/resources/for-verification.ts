// Pacts for verification. The Rust verifier first GETs the templated link with no body (answered
// with the default selectors), then POSTs its selectors to the `self` link of that answer. Both only
// read, so read-only credentials may use them.
import { ok, type Route } from '../http/resource.ts';
import { parseInput } from '../http/validate.ts';
import { pactsForVerificationSchema } from '../schemas/pacts-for-verification.ts';
import { pactsForVerificationBody } from '../serializers/for-verification.ts';
import type { QueryObject } from '../http/rack-query.ts';

/** GET may carry the simple options as query parameters (selectors only in the POST body). */
function fromQuery(query: QueryObject) {
  const flag = (value: unknown) => (value === undefined ? undefined : value === 'true');
  return {
    providerVersionBranch: typeof query.providerVersionBranch === 'string' ? query.providerVersionBranch : undefined,
    includePendingStatus: flag(query.includePendingStatus),
    includeWipPactsSince: typeof query.includeWipPactsSince === 'string' ? query.includeWipPactsSince : undefined,
  };
}

export const forVerificationRoutes: Route[] = [
  {
    method: 'get',
    path: '/pacts/provider/:provider/for-verification',
    access: 'read',
    handler: async ({ params, query, services, urls }) => {
      const request = parseInput(pactsForVerificationSchema, fromQuery(query), 'query');
      return ok(pactsForVerificationBody(urls, await services.forVerification.find(params.provider!, request)));
    },
  },
  {
    method: 'post',
    path: '/pacts/provider/:provider/for-verification',
    access: 'read',
    handler: async ({ params, body, services, urls }) => {
      const request = parseInput(pactsForVerificationSchema, body ?? {});
      return ok(pactsForVerificationBody(urls, await services.forVerification.find(params.provider!, request)));
    },
  },
];
