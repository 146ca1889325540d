// Pacts: the legacy publish resource (PUT/PATCH .../version/{v}), pacts by consumer version, by tag,
// branch or content SHA, and the lists per provider and per integration.
import { duplicateNameMessage } from '../pacticipants/potential-duplicates.ts';
import type { PactRow } from '../pacts/pacts.service.ts';
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
  type Reply,
  type Route,
} from '../http/resource.ts';
import { NotFoundError, ValidationError } from '../domain-errors.ts';
import { latestPactsBody, pactBody, pactVersionsBody, providerPactsBody } from '../serializers/pacts.ts';

const PACT = '/pacts/provider/:provider/consumer/:consumer';

type Integration = { provider: string; consumer: string };
type PactVersion = Integration & { version: string };

function pactReply(call: Call, row: PactRow, metadata?: string): Reply {
  return ok(pactBody(call.urls, row, metadata), { 'X-Pact-Consumer-Version': row.consumerVersionNumber });
}

function publish(mode: 'overwrite' | 'merge'): Handler<PactVersion> {
  return async (call) => {
    const { params, services, urls } = call;
    const { headers } = call.req;
    // express.json reads an empty body as {}: the Pact Broker answers 400 for a PUT or PATCH without one.
    if (headers['content-length'] === '0' || (headers['content-length'] === undefined && !headers['transfer-encoding']))
      throw ValidationError.field('body', 'A pact is required in the request body');
    const size = Number(headers['content-length'] ?? Number.MAX_SAFE_INTEGER);
    const names = { consumer: params.consumer, provider: params.provider };
    const pact = await services.pacts.read({ value: call.body, field: 'body', names }, size);
    // A new pacticipant name very like an existing one is refused (409, as text), as the Pact Broker does.
    if (call.config.checkForPotentialDuplicatePacticipantNames) {
      const found = await services.pacticipants.potentialDuplicates([params.consumer, params.provider]);
      if (found.length > 0) {
        const message = found.map((each) => duplicateNameMessage(each.name, each.existing, urls.base)).join('\n');
        return { status: 409, body: message, contentType: 'text/plain;charset=utf-8' };
      }
    }
    const { outcome, row } = await services.pacts.publishAt(
      { consumer: params.consumer, provider: params.provider, consumerVersion: params.version },
      pact,
      mode,
      call.webhookOrigin,
    );
    const body = pactBody(urls, row);
    return outcome.created ? created(body, urls.pact(params.provider, params.consumer, params.version)) : ok(body);
  };
}

const read = <P extends string>(
  path: PathWith<P, Integration>,
  find: (call: Call<ParamsOf<P>>) => Promise<PactRow>,
  metadata?: (call: Call<ParamsOf<P>>) => string | undefined,
): Route =>
  routeOn<ParamsOf<P>>({
    method: 'get',
    path,
    access: 'read',
    handler: async (call) => pactReply(call, await find(call), metadata?.(call)),
  });

/** An integration's pacts from a consumer branch (named, or the consumer's main branch), as `pb:pacts` links. */
function consumerBranch<S extends string>(
  suffix: S,
  which: (params: ParamsOf<`${typeof PACT}/branch/${S}`>) => { branch: string } | { mainBranch: true },
  latest: boolean,
): Route {
  return routeOn<Integration & ParamsOf<`${typeof PACT}/branch/${S}`>>({
    method: 'get',
    path: `${PACT}/branch/${suffix}`,
    access: 'read',
    handler: async ({ params, services, urls, req }) => {
      const branch = which(params);
      const rows = await services.pacts.onBranch(params.provider, params.consumer, branch, latest);
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          `${urls.base}${req.path}`,
          `Pacts of ${params.consumer} with ${params.provider} from ${'branch' in branch ? `branch ${branch.branch}` : 'its main branch'}`,
        ),
      );
    },
  });
}

/** After a bulk deletion: where to go next (the index, and the integration's newest pact if one is left). */
async function afterDeletion({ params, services, urls }: Call<Integration>): Promise<Reply> {
  const latest = await services.pacts.latestOrNone(params.provider, params.consumer);
  return ok({
    _links: {
      index: { href: urls.index() },
      ...(latest
        ? {
            'pb:latest-pact-version': {
              href: urls.latestPact(params.provider, params.consumer),
              title: 'Latest pact',
            },
          }
        : {}),
    },
  });
}

/** The pact of one consumer version: read, published (PUT, PATCH merges) and deleted, at `path`. */
const pactResource = <P extends string>(path: PathWith<P, PactVersion>): Route[] => [
  routeOn({ method: 'put', path, access: 'write', handler: publish('overwrite') }),
  routeOn({ method: 'patch', path, access: 'write', handler: publish('merge') }),
  routeOn<PactVersion>({
    method: 'get',
    path,
    access: 'read',
    handler: async (call) => {
      const { provider, consumer, version } = call.params;
      return pactReply(call, await call.services.pacts.forConsumerVersion(provider, consumer, version));
    },
  }),
  routeOn<PactVersion>({
    method: 'delete',
    path,
    access: 'write',
    handler: async ({ params, services }) => {
      await services.pacts.delete(params.provider, params.consumer, params.version);
      return noContent();
    },
  }),
];

export const pactRoutes: Route[] = [
  ...pactResource(`${PACT}/version/:version`),
  // Older URLs of the same resource, still served by the Pact Broker for clients that use them.
  ...pactResource(`${PACT}/versions/:version`),
  ...pactResource('/pact/provider/:provider/consumer/:consumer/version/:version'),
  read('/pact/provider/:provider/consumer/:consumer/latest', ({ params, services }) =>
    services.pacts.latest(params.provider, params.consumer),
  ),
  route({
    method: 'get',
    path: `${PACT}/tag/:tag`,
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const [provider, consumer, tag] = [params.provider, params.consumer, params.tag];
      const rows = await services.pacts.onBranch(provider, consumer, { tag }, false);
      return ok(
        pactVersionsBody(urls, provider, consumer, rows, {
          href: `${urls.integration(provider, consumer)}/tag/${encodeURIComponent(tag)}`,
          title: `All versions of the pact between ${consumer} and ${provider} with tag ${tag}`,
        }),
      );
    },
  }),
  route({
    method: 'delete',
    path: `${PACT}/tag/:tag`,
    access: 'write',
    handler: async (call) => {
      await call.services.pacts.deleteAll(call.params.provider, call.params.consumer, { tag: call.params.tag });
      return afterDeletion(call);
    },
  }),
  route({
    method: 'delete',
    path: `${PACT}/branch/:branch`,
    access: 'write',
    handler: async (call) => {
      const { params, services } = call;
      await services.pacts.deleteAll(params.provider, params.consumer, { branch: params.branch });
      return afterDeletion(call);
    },
  }),
  route({
    method: 'delete',
    path: `${PACT}/versions`,
    access: 'write',
    handler: async ({ params, services }) => {
      await services.pacts.deleteAll(params.provider, params.consumer);
      return noContent();
    },
  }),
  read(`${PACT}/version/:version/previous-distinct`, async ({ params, services }) => {
    const row = await services.pacts.forConsumerVersion(params.provider, params.consumer, params.version);
    const previous = await services.pacts.previousDistinct(row);
    if (!previous) throw new NotFoundError('No earlier pact with different content exists');
    return previous;
  }),
  read(`${PACT}/latest`, ({ params, services }) => services.pacts.latest(params.provider, params.consumer)),
  read(`${PACT}/latest-untagged`, ({ params, services }) =>
    services.pacts.latest(params.provider, params.consumer, { untagged: true }),
  ),
  read(`${PACT}/latest/:tag`, ({ params, services }) =>
    services.pacts.latest(params.provider, params.consumer, { tag: params.tag }),
  ),
  consumerBranch('versions', () => ({ mainBranch: true }), false),
  consumerBranch('latest/versions', () => ({ mainBranch: true }), true),
  consumerBranch(':branch', ({ branch }) => ({ branch }), false),
  consumerBranch(':branch/latest/versions', ({ branch }) => ({ branch }), true),
  read(`${PACT}/branch/:branch/latest`, ({ params, services }) =>
    services.pacts.latest(params.provider, params.consumer, { branch: params.branch }),
  ),
  read(`${PACT}/pact-version/:sha`, ({ params, services }) =>
    services.pacts.bySha(params.provider, params.consumer, params.sha),
  ),
  read(
    `${PACT}/pact-version/:sha/metadata/:metadata`,
    ({ params, services }) => services.pacts.bySha(params.provider, params.consumer, params.sha),
    ({ params }) => params.metadata,
  ),
  route({
    method: 'get',
    path: `${PACT}/versions`,
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(
        pactVersionsBody(
          urls,
          params.provider,
          params.consumer,
          await services.pacts.versionsOf(params.provider, params.consumer),
        ),
      ),
  }),
  route({
    method: 'get',
    path: '/pacts/latest',
    access: 'read',
    handler: async ({ services, urls }) => ok(latestPactsBody(urls, await services.pacts.latestForEveryIntegration())),
  }),
  route({
    method: 'get',
    path: '/pacts/provider/:provider/latest',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.pacts.latestForProvider(params.provider);
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          urls.latestProviderPacts(params.provider),
          `Latest pact versions for the provider ${params.provider}`,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/pacts/provider/:provider/latest/:tag',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.pacts.latestForProvider(params.provider, { tag: params.tag });
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          urls.latestProviderPacts(params.provider, params.tag),
          `Latest pact versions for the provider ${params.provider} with tag ${params.tag}`,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/pacts/provider/:provider',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.pacts.allForProvider(params.provider);
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          urls.providerPacts(params.provider),
          `All pact versions for the provider ${params.provider}`,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/pacts/provider/:provider/tag/:tag',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.pacts.allForProvider(params.provider, { tag: params.tag });
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          `${urls.providerPacts(params.provider)}/tag/${encodeURIComponent(params.tag)}`,
          `Pact versions for the provider ${params.provider} with tag ${params.tag}`,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/pacts/provider/:provider/branch',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.pacts.allForProvider(params.provider, { mainBranch: true });
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          `${urls.providerPacts(params.provider)}/branch`,
          `Pact versions for the provider ${params.provider} from the consumers' main branches`,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/pacts/provider/:provider/branch/latest',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.pacts.latestForProvider(params.provider, { mainBranch: true });
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          `${urls.providerPacts(params.provider)}/branch/latest`,
          `Latest pact versions for the provider ${params.provider} from the consumers' main branches`,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/pacts/provider/:provider/branch/:branch',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.pacts.allForProvider(params.provider, { branch: params.branch });
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          `${urls.providerPacts(params.provider)}/branch/${encodeURIComponent(params.branch)}`,
          `Pact versions for the provider ${params.provider} from branch ${params.branch}`,
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/pacts/provider/:provider/branch/:branch/latest',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.pacts.latestForProvider(params.provider, { branch: params.branch });
      return ok(
        providerPactsBody(
          urls,
          params.provider,
          rows,
          `${urls.providerPacts(params.provider)}/branch/${encodeURIComponent(params.branch)}/latest`,
          `Latest pact versions for the provider ${params.provider} from branch ${params.branch}`,
        ),
      );
    },
  }),
];
