// Provider contracts: publishing one (`pactflow publish-provider-contract`, found through the index's
// pf:publish-provider-contract relation) and reading one back, with its comparisons and its document.
import type { Request } from 'express';
import { ValidationError } from '../domain-errors.ts';
import { ok, text, type Reply, type Route, route } from '../http/resource.ts';
import { parseInput } from '../http/validate.ts';
import { publishProviderContractSchema } from '../provider-contracts/publish-schema.ts';
import { providerContractBody, publishedBody } from '../serializers/provider-contracts.ts';

const CONTRACT = '/provider-contracts/provider/:provider/version/:version';

/**
 * A refused publication, for a client that also reads HAL: the Pact Broker's validation body with the
 * same messages as notices. `pactflow publish-provider-contract` asks for application/hal+json and
 * application/problem+json at once but reads only JSON and HAL+JSON error bodies (it prints a bare
 * "400 Bad Request" for a problem document); a client asking for problem+json alone still gets one
 * from the error handler.
 */
function refusal(req: Request, error: ValidationError): Reply | undefined {
  if (!(req.headers.accept ?? '').includes('application/hal+json')) return undefined;
  const messages = Array.isArray(error.errors)
    ? error.errors
    : Object.entries(error.errors).flatMap(([field, list]) => list.map((message) => `${field}: ${message}`));
  return {
    status: 400,
    body: { errors: error.errors, notices: messages.map((text) => ({ type: 'error', text })) },
  };
}

export const providerContractRoutes: Route[] = [
  route({
    method: 'post',
    path: '/contracts/publish/:provider',
    access: 'write',
    handler: async ({ req, params, body, services, urls }) => {
      try {
        const request = parseInput(publishProviderContractSchema, body ?? {});
        const result = await services.providerContracts.publish(params.provider, request, { baseUrl: urls.base });
        return ok(publishedBody(urls, result));
      } catch (error) {
        const reply = error instanceof ValidationError ? refusal(req, error) : undefined;
        if (reply) return reply;
        throw error;
      }
    },
  }),
  route({
    method: 'get',
    path: CONTRACT,
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(providerContractBody(urls, await services.providerContracts.find(params.provider, params.version))),
  }),
  route({
    method: 'get',
    path: `${CONTRACT}/content`,
    access: 'read',
    handler: async ({ params, services }) => {
      const { contract } = await services.providerContracts.find(params.provider, params.version);
      return text(contract.content, `${contract.contentType.split(';')[0]};charset=utf-8`);
    },
  }),
];
