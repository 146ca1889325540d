// Webhooks: definitions (create, read, update, delete; all, per pacticipant, per pact), executing one
// now (`pb:execute`), and what events triggered, with their delivery logs.
import type { z } from 'zod';
import { ValidationError } from '../domain-errors.ts';
import { created, noContent, ok, text, type Call, type Route, route } from '../http/resource.ts';
import { parseInput } from '../http/validate.ts';
import { webhookSchema } from '../schemas/webhook.ts';
import {
  pactWebhooksStatusBody,
  executionBody,
  triggeredWebhookBody,
  triggeredWebhookLogs,
  triggeredWebhookLogsBody,
  triggeredWebhooksBody,
} from '../serializers/triggered-webhooks.ts';
import { webhookBody, webhooksBody } from '../serializers/webhooks.ts';
import { pactTitle } from '../serializers/pacts.ts';

const PACT = '/pacts/provider/:provider/consumer/:consumer';
/** The Pact Broker's rule for a webhook uuid chosen by the client (PUT /webhooks/{uuid}). */
const UUID = /^[A-Za-z0-9_-]{16,}$/;

type Parties = { consumer?: string; provider?: string };

const pathParties = (params: Parties) => ({
  ...(params.consumer ? { consumer: params.consumer } : {}),
  ...(params.provider ? { provider: params.provider } : {}),
});

async function create({ params, body, services, urls }: Call<Parties, z.output<typeof webhookSchema>>) {
  const row = await services.webhooks.create(body, pathParties(params));
  return created(webhookBody(urls, row), urls.webhook(row.uuid));
}

const list =
  (title: string) =>
  async ({ params, services, urls, req }: Call<Parties>) =>
    ok(webhooksBody(urls, await services.webhooks.list(pathParties(params)), `${urls.base}${req.path}`, title));

const retries = (call: Call) => call.config.webhookRetrySchedule.length;

/** JSON for clients that ask for it (the HAL browser), the text log otherwise, as the Pact Broker serves it. */
const wantsJson = (call: Call) => /application\/(hal\+)?json/.test(call.req.headers.accept ?? '');

export const webhookRoutes: Route[] = [
  route({ method: 'get', path: '/webhooks', access: 'read', handler: list('Webhooks') }),
  route({ method: 'post', path: '/webhooks', access: 'write', body: webhookSchema, handler: create }),
  route({
    // Before /webhooks/:uuid: "execute" is not a uuid. Executing sends a request, so it needs write access.
    method: 'post',
    path: '/webhooks/execute',
    access: 'write',
    body: webhookSchema,
    handler: async ({ body, services, urls, webhookOrigin }) => {
      const result = await services.webhooks.executeUnsaved(body, webhookOrigin);
      return ok(executionBody(urls, result, `${urls.webhooks()}/execute`));
    },
  }),
  route({
    method: 'get',
    path: '/webhooks/provider/:provider/consumer/:consumer',
    access: 'read',
    handler: list('Webhooks for the consumer and provider'),
  }),
  route({
    method: 'post',
    path: '/webhooks/provider/:provider/consumer/:consumer',
    access: 'write',
    body: webhookSchema,
    handler: create,
  }),
  route({
    method: 'get',
    path: '/webhooks/provider/:provider',
    access: 'read',
    handler: list('Webhooks for the provider'),
  }),
  route({
    method: 'post',
    path: '/webhooks/provider/:provider',
    access: 'write',
    body: webhookSchema,
    handler: create,
  }),
  route({
    method: 'get',
    path: '/webhooks/consumer/:consumer',
    access: 'read',
    handler: list('Webhooks for the consumer'),
  }),
  route({
    method: 'post',
    path: '/webhooks/consumer/:consumer',
    access: 'write',
    body: webhookSchema,
    handler: create,
  }),
  // The older path for a pact's webhooks.
  route({ method: 'get', path: `${PACT}/webhooks`, access: 'read', handler: list('Pact webhooks') }),
  route({
    method: 'get',
    path: `${PACT}/webhooks/status`,
    access: 'read',
    handler: async (call) => {
      const { params, services, urls } = call;
      const [provider, consumer] = [params.provider, params.consumer];
      const rows = await services.webhooks.latestTriggeredForIntegration(provider, consumer);
      const latest = rows.length > 0 ? await services.pacts.latestOrNone(provider, consumer) : undefined;
      const self = `${urls.pactWebhooks(provider, consumer)}/status`;
      const latestPact = latest && {
        href: urls.pact(provider, consumer, latest.consumerVersionNumber),
        name: pactTitle(latest),
      };
      return ok(
        pactWebhooksStatusBody(
          urls,
          rows,
          { provider, consumer, self, ...(latestPact ? { latestPact } : {}) },
          retries(call),
        ),
      );
    },
  }),
  route({ method: 'post', path: `${PACT}/webhooks`, access: 'write', body: webhookSchema, handler: create }),
  route({
    method: 'get',
    path: '/webhooks/:uuid',
    access: 'read',
    handler: async ({ params, services, urls }) => ok(webhookBody(urls, await services.webhooks.find(params.uuid))),
  }),
  route({
    method: 'put',
    path: '/webhooks/:uuid',
    access: 'write',
    handler: async ({ params, body, services, urls }) => {
      const uuid = params.uuid;
      if (!UUID.test(uuid)) {
        throw ValidationError.field('uuid', 'must be at least 16 characters, each a letter, a digit, "_" or "-"');
      }
      const { webhook, created: isNew } = await services.webhooks.put(uuid, parseInput(webhookSchema, body ?? {}));
      return isNew ? created(webhookBody(urls, webhook), urls.webhook(uuid)) : ok(webhookBody(urls, webhook));
    },
  }),
  route({
    method: 'delete',
    path: '/webhooks/:uuid',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.webhooks.delete(params.uuid);
      return noContent();
    },
  }),
  route({
    method: 'post',
    path: '/webhooks/:uuid/execute',
    access: 'write',
    handler: async ({ params, services, urls, webhookOrigin }) => {
      const result = await services.webhooks.execute(params.uuid, webhookOrigin);
      return ok(executionBody(urls, result, `${urls.webhook(params.uuid)}/execute`, params.uuid));
    },
  }),
  route({
    method: 'get',
    path: '/webhooks/:uuid/triggered-webhooks',
    access: 'read',
    handler: async (call) => {
      const { params, services, urls } = call;
      return ok(
        triggeredWebhooksBody(
          urls,
          await services.webhooks.triggeredFor(params.uuid),
          `${urls.webhook(params.uuid)}/triggered-webhooks`,
          'Webhooks this webhook definition triggered',
          retries(call),
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: `${PACT}/version/:version/triggered-webhooks`,
    access: 'read',
    handler: async (call) => {
      const { params, services, urls } = call;
      const rows = await services.webhooks.triggeredForPact(params.provider, params.consumer, params.version);
      return ok(
        triggeredWebhooksBody(
          urls,
          rows,
          `${urls.pact(params.provider, params.consumer, params.version)}/triggered-webhooks`,
          'Webhooks triggered by the publication of the pact',
          retries(call),
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: `${PACT}/pact-version/:sha/verification-results/:number/triggered-webhooks`,
    access: 'read',
    handler: async (call) => {
      const { params, services, urls } = call;
      const names = {
        provider: params.provider,
        consumer: params.consumer,
        sha: params.sha,
        number: params.number,
      };
      const rows = await services.webhooks.triggeredForVerification(names);
      return ok(
        triggeredWebhooksBody(
          urls,
          rows,
          urls.verificationTriggeredWebhooks(names.provider, names.consumer, names.sha, names.number),
          `Webhooks triggered by the publication of verification result ${names.number}`,
          retries(call),
        ),
      );
    },
  }),
  route({
    method: 'get',
    path: '/triggered-webhooks/:uuid',
    access: 'read',
    handler: async (call) =>
      ok(triggeredWebhookBody(call.urls, await call.services.webhooks.triggered(call.params.uuid), retries(call))),
  }),
  route({
    method: 'get',
    path: '/triggered-webhooks/:uuid/logs',
    access: 'read',
    handler: async (call) => {
      const row = await call.services.webhooks.triggered(call.params.uuid);
      if (wantsJson(call))
        return ok(triggeredWebhookLogsBody(call.urls, row, `${call.urls.triggeredWebhook(row.uuid)}/logs`));
      return text(triggeredWebhookLogs(row));
    },
  }),
];
