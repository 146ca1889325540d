// Verification results, published to the link in the pact the verifier fetched.
import { ValidationError } from '../http/errors.ts';
import { created, ok, type Call, type Route } from '../http/resource.ts';
import { parseInput } from '../http/validate.ts';
import { verificationResultSchema } from '../schemas/verification-result.ts';
import { verificationBody, verificationsBody } from '../serializers/verifications.ts';

const PACT_VERSION = '/pacts/provider/:provider/consumer/:consumer/pact-version/:sha';

async function publish({ params, body, services, urls, webhookOrigin }: Call) {
  const result = parseInput(verificationResultSchema, body ?? {});
  const names = {
    provider: params.provider!,
    consumer: params.consumer!,
    sha: params.sha!,
    ...(params.metadata ? { metadata: params.metadata } : {}),
  };
  const row = await services.verifications.publish(names, result, webhookOrigin);
  const body201 = verificationBody(urls, row);
  return created(body201, body201._links.self.href);
}

function numberOf(text: string): number | 'latest' {
  if (text === 'latest') return 'latest';
  if (!/^\d{1,9}$/.test(text)) throw ValidationError.field('number', 'must be a verification number or "latest"');
  return Number(text);
}

export const verificationRoutes: Route[] = [
  { method: 'post', path: `${PACT_VERSION}/verification-results`, access: 'write', handler: publish },
  {
    method: 'post',
    path: `${PACT_VERSION}/metadata/:metadata/verification-results`,
    access: 'write',
    handler: publish,
  },
  {
    method: 'get',
    path: `${PACT_VERSION}/verification-results`,
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.verifications.list({
        provider: params.provider!,
        consumer: params.consumer!,
        sha: params.sha!,
      });
      return ok(
        verificationsBody(urls, rows, urls.verificationResults(params.provider!, params.consumer!, params.sha!)),
      );
    },
  },
  {
    method: 'get',
    path: `${PACT_VERSION}/verification-results/:number`,
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const row = await services.verifications.find(
        { provider: params.provider!, consumer: params.consumer!, sha: params.sha! },
        numberOf(params.number!),
      );
      return ok(verificationBody(urls, row));
    },
  },
];
