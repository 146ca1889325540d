// `POST /contracts/publish`.
import { ConflictError } from '../domain-errors.ts';
import { ok, type Route, route } from '../http/resource.ts';
import { duplicateNameMessage } from '../pacticipants/potential-duplicates.ts';
import { publishContractsSchema } from '../schemas/publish-contracts.ts';
import { publishContractsBody } from '../serializers/publish-contracts.ts';

export const publishContractsRoutes: Route[] = [
  route({
    method: 'post',
    path: '/contracts/publish',
    access: 'write',
    body: publishContractsSchema,
    bodyLists: ['contracts', 'tags'],
    handler: async ({ body: request, services, urls, webhookOrigin, config }) => {
      if (config.checkForPotentialDuplicatePacticipantNames) {
        const names = [request.pacticipantName, ...request.contracts.map((contract) => contract.providerName)];
        const texts = (await services.pacticipants.potentialDuplicates(names)).map((found) =>
          duplicateNameMessage(found.name, found.existing, urls.base),
        );
        if (texts.length > 0)
          throw new ConflictError(texts.join('\n'), {
            notices: texts.map((text) => ({ type: 'error', text })),
            errors: { contracts: texts },
          });
      }
      // Webhooks get the publication's build URL and branch (${pactbroker.buildUrl}, consumerVersionBranch).
      const origin = { ...webhookOrigin, buildUrl: request.buildUrl, consumerVersionBranch: request.branch ?? null };
      return ok(publishContractsBody(urls, await services.publishContracts.publish(request, origin)));
    },
  }),
];
