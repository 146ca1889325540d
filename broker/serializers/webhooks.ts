// HAL bodies for webhooks, in the Pact Broker's shape. Credentials never leave the broker: headers,
// URLs, body fields and the password are redacted by the rule in webhooks/redact.ts.
import { isTemplateOnly, REDACTED, redactBody, redactHeaders, redactUrl } from '../webhooks/redact.ts';
import { requestDescription, storedRequest, type StoredWebhookRequest } from '../webhooks/webhook-request.ts';
import type { WebhookRow } from '../webhooks/webhooks.service.ts';
import type { Urls } from '../urls.ts';

type WebhookLike = Pick<WebhookRow, 'description' | 'consumer' | 'provider' | 'consumerLabel' | 'providerLabel'> & {
  request: unknown;
};

/** The description, or (when blank) the request's "POST ci.example.org", as the Pact Broker shows it. */
export function displayDescription(row: Pick<WebhookLike, 'description' | 'request'>): string {
  if (row.description && row.description.trim() !== '') return row.description;
  return requestDescription(storedRequest(row.request));
}

const partyName = (name: string | undefined, label: string | null, labelledWord: string | undefined) =>
  name ?? (label !== null ? `${labelledWord ? `${labelledWord} ` : ''}labelled '${label}'` : undefined);

/** What a webhook applies to: "Webhook for the pact between Foo and Bar", "... for all pacts". */
export function scopeDescription(row: WebhookLike): string {
  const bothGiven =
    (row.consumer !== null || row.consumerLabel !== null) && (row.provider !== null || row.providerLabel !== null);
  const consumer = partyName(row.consumer?.name, row.consumerLabel, bothGiven ? 'consumers' : undefined);
  const provider = partyName(row.provider?.name, row.providerLabel, bothGiven ? 'providers' : undefined);
  if (consumer && provider) return `Webhook for the pact between ${consumer} and ${provider}`;
  if (provider) return `Webhook for every pact with the provider ${provider}`;
  if (consumer) return `Webhook for every pact with the consumer ${consumer}`;
  return 'Webhook for every pact';
}

function party(name: string | undefined, label: string | null) {
  if (name !== undefined) return { name };
  if (label !== null) return { label };
  return undefined;
}

/** The request as shown: credentials redacted, no empty headers, the password starred (unless it is a template). */
export function shownWebhookRequest(request: StoredWebhookRequest) {
  const headers = redactHeaders(request.headers ?? undefined);
  return {
    method: request.method,
    url: redactUrl(request.url),
    ...(headers && Object.keys(headers).length > 0 ? { headers } : {}),
    ...(request.body !== undefined && request.body !== null ? { body: redactBody(request.body) } : {}),
    ...(request.username ? { username: request.username } : {}),
    ...(request.password ? { password: isTemplateOnly(request.password) ? request.password : REDACTED } : {}),
  };
}

export function webhookBody(urls: Urls, row: WebhookRow) {
  const description = displayDescription(row);
  const consumer = row.consumer?.name;
  const provider = row.provider?.name;
  return {
    uuid: row.uuid,
    description,
    ...(party(consumer, row.consumerLabel) ? { consumer: party(consumer, row.consumerLabel) } : {}),
    ...(party(provider, row.providerLabel) ? { provider: party(provider, row.providerLabel) } : {}),
    enabled: row.enabled,
    request: shownWebhookRequest(storedRequest(row.request)),
    events: row.events.map((name) => ({ name })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    _links: {
      self: { title: description, href: urls.webhook(row.uuid) },
      'pb:execute': {
        title: 'Send this webhook now, with the latest matching pact or verification (POST)',
        href: `${urls.webhook(row.uuid)}/execute`,
      },
      ...(consumer !== undefined
        ? { 'pb:consumer': { title: 'Consumer', name: consumer, href: urls.pacticipant(consumer) } }
        : {}),
      ...(row.consumerLabel !== null
        ? {
            'pb:consumers': {
              title: 'Consumers with this label',
              name: row.consumerLabel,
              href: urls.pacticipantsWithLabel(row.consumerLabel),
            },
          }
        : {}),
      ...(provider !== undefined
        ? { 'pb:provider': { title: 'Provider', name: provider, href: urls.pacticipant(provider) } }
        : {}),
      ...(row.providerLabel !== null
        ? {
            'pb:providers': {
              title: 'Providers with this label',
              name: row.providerLabel,
              href: urls.pacticipantsWithLabel(row.providerLabel),
            },
          }
        : {}),
      ...(consumer !== undefined && provider !== undefined
        ? {
            'pb:pact-webhooks': {
              title: `Every webhook for the consumer ${consumer} and the provider ${provider}`,
              href: urls.pactWebhooks(provider, consumer),
            },
          }
        : {}),
      'pb:webhooks': { title: 'All webhooks', href: urls.webhooks() },
      'pb:triggered-webhooks': {
        title: 'What this webhook was triggered for, with delivery logs',
        href: `${urls.webhook(row.uuid)}/triggered-webhooks`,
      },
    },
  };
}

export function webhooksBody(urls: Urls, rows: WebhookRow[], self: string, title = 'Webhooks') {
  return {
    _embedded: { webhooks: rows.map((row) => webhookBody(urls, row)) },
    _links: {
      self: { title, href: self },
      'pb:create': { title: 'Create a webhook (POST)', href: self },
      'pb:webhooks': rows.map((row) => ({
        title: scopeDescription(row),
        name: displayDescription(row),
        href: urls.webhook(row.uuid),
      })),
      curies: [{ name: 'pb', href: `${urls.base}/doc/webhooks-{rel}`, templated: true }],
    },
  };
}
