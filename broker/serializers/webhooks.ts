// HAL bodies for webhooks. Passwords and credential-like headers never leave the broker.
import { REDACTED, redactHeaders, redactUrl } from '../webhooks/redact.ts';
import type { WebhookRow } from '../webhooks/webhooks.service.ts';
import type { Urls } from './urls.ts';

function party(name: string | undefined, label: string | null) {
  if (name !== undefined) return { name };
  if (label !== null) return { label };
  return undefined;
}

export function webhookBody(urls: Urls, row: WebhookRow) {
  const request = row.request as {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
    username?: string | null;
    password?: string | null;
  };
  const headers = redactHeaders(request.headers);
  return {
    uuid: row.uuid,
    description: row.description ?? undefined,
    consumer: party(row.consumer?.name, row.consumerLabel),
    provider: party(row.provider?.name, row.providerLabel),
    enabled: row.enabled,
    events: row.events.map((name) => ({ name })),
    request: {
      method: request.method,
      url: redactUrl(request.url),
      ...(headers ? { headers } : {}),
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.username ? { username: request.username } : {}),
      ...(request.password ? { password: REDACTED } : {}),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    _links: {
      self: { title: row.description ?? 'Webhook', href: urls.webhook(row.uuid) },
      'pb:execute': { title: 'Test the execution of the webhook (POST)', href: `${urls.webhook(row.uuid)}/execute` },
      'pb:triggered-webhooks': {
        title: 'What this webhook was triggered for, with delivery logs',
        href: `${urls.webhook(row.uuid)}/triggered-webhooks`,
      },
      'pb:webhooks': { title: 'All webhooks', href: urls.webhooks() },
      ...(row.consumer
        ? { 'pb:consumer': { title: 'Consumer', name: row.consumer.name, href: urls.pacticipant(row.consumer.name) } }
        : {}),
      ...(row.provider
        ? { 'pb:provider': { title: 'Provider', name: row.provider.name, href: urls.pacticipant(row.provider.name) } }
        : {}),
    },
  };
}

export function webhooksBody(urls: Urls, rows: WebhookRow[], self: string) {
  return {
    _embedded: { webhooks: rows.map((row) => webhookBody(urls, row)) },
    _links: {
      self: { title: 'Webhooks', href: self },
      'pb:create': { title: 'Create a webhook (POST)', href: self },
      'pb:webhooks': rows.map((row) => ({
        title: row.description ?? 'Webhook',
        name: row.description ?? row.uuid,
        href: urls.webhook(row.uuid),
      })),
    },
  };
}
