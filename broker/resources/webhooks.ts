// Webhooks: definitions (create, read, update, delete), executing one now (`pb:execute`), and what
// events triggered, with their delivery logs.
import { ValidationError } from '../http/errors.ts';
import { created, noContent, ok, text, type Call, type Route } from '../http/resource.ts';
import { parseInput } from '../http/validate.ts';
import { webhookSchema } from '../schemas/webhook.ts';
import {
  executionBody,
  triggeredWebhookBody,
  triggeredWebhookLogs,
  triggeredWebhooksBody,
} from '../serializers/triggered-webhooks.ts';
import { webhookBody, webhooksBody } from '../serializers/webhooks.ts';

async function create({ params, body, services, urls }: Call) {
  const request = parseInput(webhookSchema, body ?? {});
  const path = {
    ...(params.consumer ? { consumer: params.consumer } : {}),
    ...(params.provider ? { provider: params.provider } : {}),
  };
  const row = await services.webhooks.create(request, path);
  return created(webhookBody(urls, row), urls.webhook(row.uuid));
}

async function list({ params, services, urls, req }: Call) {
  const filter = {
    ...(params.consumer ? { consumer: params.consumer } : {}),
    ...(params.provider ? { provider: params.provider } : {}),
  };
  return ok(webhooksBody(urls, await services.webhooks.list(filter), `${urls.base}${req.path}`));
}

export const webhookRoutes: Route[] = [
  { method: 'get', path: '/webhooks', access: 'read', handler: list },
  { method: 'post', path: '/webhooks', access: 'write', handler: create },
  {
    // Before /webhooks/:uuid: "execute" is not a uuid. Executing sends a request, so it needs write access.
    method: 'post',
    path: '/webhooks/execute',
    access: 'write',
    handler: async ({ body, services, urls }) => {
      const result = await services.webhooks.executeUnsaved(parseInput(webhookSchema, body ?? {}), {
        baseUrl: urls.base,
      });
      return ok(executionBody(urls, result, `${urls.webhooks()}/execute`));
    },
  },
  { method: 'get', path: '/webhooks/provider/:provider/consumer/:consumer', access: 'read', handler: list },
  { method: 'post', path: '/webhooks/provider/:provider/consumer/:consumer', access: 'write', handler: create },
  { method: 'get', path: '/webhooks/provider/:provider', access: 'read', handler: list },
  { method: 'post', path: '/webhooks/provider/:provider', access: 'write', handler: create },
  { method: 'get', path: '/webhooks/consumer/:consumer', access: 'read', handler: list },
  { method: 'post', path: '/webhooks/consumer/:consumer', access: 'write', handler: create },
  {
    method: 'get',
    path: '/webhooks/:uuid',
    access: 'read',
    handler: async ({ params, services, urls }) => ok(webhookBody(urls, await services.webhooks.find(params.uuid!))),
  },
  {
    method: 'put',
    path: '/webhooks/:uuid',
    access: 'write',
    handler: async ({ params, body, services, urls }) => {
      const uuid = params.uuid!;
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(uuid)) {
        throw ValidationError.field('uuid', 'must be 16 to 64 letters, digits, "-" or "_"');
      }
      const { webhook, created: isNew } = await services.webhooks.put(uuid, parseInput(webhookSchema, body ?? {}));
      return isNew ? created(webhookBody(urls, webhook), urls.webhook(uuid)) : ok(webhookBody(urls, webhook));
    },
  },
  {
    method: 'delete',
    path: '/webhooks/:uuid',
    access: 'write',
    handler: async ({ params, services }) => {
      await services.webhooks.delete(params.uuid!);
      return noContent();
    },
  },
  {
    method: 'post',
    path: '/webhooks/:uuid/execute',
    access: 'write',
    handler: async ({ params, services, urls }) => {
      const result = await services.webhooks.execute(params.uuid!, { baseUrl: urls.base });
      return ok(executionBody(urls, result, `${urls.webhook(params.uuid!)}/execute`));
    },
  },
  {
    method: 'get',
    path: '/webhooks/:uuid/triggered-webhooks',
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(
        triggeredWebhooksBody(
          urls,
          await services.webhooks.triggeredFor(params.uuid!),
          `${urls.webhook(params.uuid!)}/triggered-webhooks`,
        ),
      ),
  },
  {
    method: 'get',
    path: '/pacts/provider/:provider/consumer/:consumer/version/:version/triggered-webhooks',
    access: 'read',
    handler: async ({ params, services, urls }) => {
      const rows = await services.webhooks.triggeredForPact(params.provider!, params.consumer!, params.version!);
      return ok(
        triggeredWebhooksBody(
          urls,
          rows,
          `${urls.pact(params.provider!, params.consumer!, params.version!)}/triggered-webhooks`,
        ),
      );
    },
  },
  {
    method: 'get',
    path: '/triggered-webhooks/:uuid',
    access: 'read',
    handler: async ({ params, services, urls }) =>
      ok(triggeredWebhookBody(urls, await services.webhooks.triggered(params.uuid!))),
  },
  {
    method: 'get',
    path: '/triggered-webhooks/:uuid/logs',
    access: 'read',
    handler: async ({ params, services }) =>
      text(triggeredWebhookLogs(await services.webhooks.triggered(params.uuid!))),
  },
];
