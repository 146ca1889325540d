// `POST /contracts/publish`.
import { ok, type Route } from '../http/resource.ts';
import { parseInput } from '../http/validate.ts';
import { publishContractsSchema } from '../schemas/publish-contracts.ts';
import { publishContractsBody } from '../serializers/publish-contracts.ts';

export const publishContractsRoutes: Route[] = [
  {
    method: 'post',
    path: '/contracts/publish',
    access: 'write',
    handler: async ({ body, services, urls, webhookOrigin }) => {
      const request = parseInput(publishContractsSchema, body ?? {});
      // Webhooks get the publication's build URL and branch (${pactbroker.buildUrl}, consumerVersionBranch).
      const origin = { ...webhookOrigin, buildUrl: request.buildUrl, consumerVersionBranch: request.branch ?? null };
      return ok(publishContractsBody(urls, await services.publishContracts.publish(request, origin)));
    },
  },
];
