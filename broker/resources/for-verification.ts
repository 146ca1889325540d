// Pacts for verification. The Rust verifier first GETs the templated link with no query (answered
// with the default selectors), then POSTs its selectors to the `self` link of that answer. GET still
// takes the first clients' query string (tag selectors), answered with a deprecation warning. Both
// only read, so read-only credentials may use them.
import { ok, type Call, type Route, route } from '../http/resource.ts';
import {
  parsePactsForVerificationBody,
  parsePactsForVerificationQuery,
  type Parsed,
} from '../schemas/pacts-for-verification.ts';
import { pactsForVerificationBody } from '../serializers/for-verification.ts';

async function answer({ params, services, urls }: Call<{ provider: string }>, parsed: Parsed) {
  const request = await services.forVerification.checked(parsed);
  return ok(pactsForVerificationBody(urls, await services.forVerification.find(params.provider, request)));
}

export const forVerificationRoutes: Route[] = [
  route({
    method: 'get',
    path: '/pacts/provider/:provider/for-verification',
    access: 'read',
    handler: (call) => answer(call, parsePactsForVerificationQuery(call.query)),
  }),
  route({
    method: 'post',
    path: '/pacts/provider/:provider/for-verification',
    access: 'read',
    handler: (call) => answer(call, parsePactsForVerificationBody(call.body ?? {})),
  }),
];
