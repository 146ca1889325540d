// Verification results, published to the link in the pact the verifier fetched.
import type { z } from 'zod';
import { ValidationError } from '../domain-errors.ts';
import {
  created,
  noContent,
  ok,
  route,
  routeOn,
  type Call,
  type Handler,
  type ParamsOf,
  type PathWith,
  type Route,
} from '../http/resource.ts';
import { verificationResultSchema } from '../schemas/verification-result.ts';
import { verificationBody, verificationsBody, verificationSummaryBody } from '../serializers/verifications.ts';
import type { PactRow } from '../pacts/pacts.service.ts';

const PACT = '/pacts/provider/:provider/consumer/:consumer';
const PACT_VERSION = `${PACT}/pact-version/:sha`;

type PactVersionSha = { provider: string; consumer: string; sha: string };

/** The newest verification of the pact a pact resource finds (by consumer version, latest, latest with a tag). */
const latestOfPact = <P extends string>(
  path: PathWith<P, { provider: string; consumer: string }>,
  find: (call: Call<ParamsOf<P>>) => Promise<PactRow>,
): Route =>
  routeOn<ParamsOf<P>>({
    method: 'get',
    path,
    access: 'read',
    handler: async (call) =>
      ok(verificationBody(call.urls, await call.services.verifications.latestForPact(await find(call)))),
  });

const readOne: Handler<PactVersionSha & { number: string }> = async ({ params, services, urls }) => {
  const row = await services.verifications.find(
    { provider: params.provider, consumer: params.consumer, sha: params.sha },
    numberOf(params.number),
  );
  return ok(verificationBody(urls, row));
};

async function publish({
  params,
  body: result,
  services,
  urls,
  webhookOrigin,
}: Call<PactVersionSha & { metadata?: string }, z.output<typeof verificationResultSchema>>) {
  const names = {
    provider: params.provider,
    consumer: params.consumer,
    sha: params.sha,
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
  route({
    method: 'post',
    path: `${PACT_VERSION}/verification-results`,
    access: 'write',
    body: verificationResultSchema,
    handler: publish,
  }),
  route({
    method: 'post',
    path: `${PACT_VERSION}/metadata/:metadata/verification-results`,
    access: 'write',
    body: verificationResultSchema,
    handler: publish,
  }),
  route({
    method: 'get',
    path: `${PACT_VERSION}/verification-results`,
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.verifications.list({
        provider: params.provider,
        consumer: params.consumer,
        sha: params.sha,
      });
      return ok(verificationsBody(urls, rows, urls.verificationResults(params.provider, params.consumer, params.sha)));
    },
  }),
  route({ method: 'get', path: `${PACT_VERSION}/verification-results/:number`, access: 'read', handler: readOne }),
  route({
    method: 'get',
    path: `${PACT_VERSION}/metadata/:metadata/verification-results/:number`,
    access: 'read',
    handler: readOne,
  }),
  route({
    method: 'delete',
    path: `${PACT_VERSION}/verification-results/:number`,
    access: 'write',
    handler: async ({ params, services }) => {
      const number = numberOf(params.number);
      if (number === 'latest') throw ValidationError.field('number', 'must be a verification number to delete');
      await services.verifications.delete(
        { provider: params.provider, consumer: params.consumer, sha: params.sha },
        number,
      );
      return noContent();
    },
  }),
  latestOfPact(`${PACT}/version/:version/verification-results/latest`, ({ params, services }) =>
    services.pacts.forConsumerVersion(params.provider, params.consumer, params.version),
  ),
  latestOfPact(`${PACT}/latest/verification-results/latest`, ({ params, services }) =>
    services.pacts.latest(params.provider, params.consumer),
  ),
  latestOfPact(`${PACT}/latest/:tag/verification-results/latest`, ({ params, services }) =>
    services.pacts.latest(params.provider, params.consumer, { tag: params.tag }),
  ),
  route({
    method: 'get',
    path: '/verification-results/consumer/:consumer/version/:version/latest',
    access: 'read',
    handler: async ({ params, services, urls, req }) => {
      const summary = await services.verifications.summaryForConsumerVersion(params.consumer, params.version);
      return ok(
        verificationSummaryBody(urls, summary, {
          href: `${urls.base}${req.path}`,
          title: `Latest verification results for consumer ${params.consumer} version ${params.version}`,
        }),
      );
    },
  }),
];
