// HAL bodies for triggered webhooks, their logs, and a webhook executed on demand, in the Pact Broker's
// shapes. Everything here was redacted before it was stored (executor.ts).
import { RESPONSE_HIDDEN, type ExecutionResult } from '../webhooks/executor.ts';
import type { TriggeredWebhookRow, TriggeredWebhookSummary } from '../webhooks/triggered-webhooks.repository.ts';
import { requestDescription, storedRequest } from '../webhooks/webhook-request.ts';
import type { Urls } from '../urls.ts';

const finished = (status: string) => status === 'success' || status === 'failure';

/** `retryCount`: the retry schedule's length (attempts in all = retries + 1). */
export function triggeredWebhookSummary(urls: Urls, row: TriggeredWebhookSummary, retryCount: number) {
  const name = row.webhook ? requestDescription(storedRequest(row.webhook.request)) : undefined;
  const logs = `${urls.triggeredWebhook(row.uuid)}/logs`;
  return {
    uuid: row.uuid,
    ...(name !== undefined ? { name } : {}),
    status: row.status,
    attemptsMade: row.attempts,
    attemptsRemaining: finished(row.status) ? 0 : Math.max(0, retryCount + 1 - row.attempts),
    triggerType: 'resource_creation',
    eventName: row.eventName,
    consumerName: row.consumer.name,
    providerName: row.provider.name,
    triggeredAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    _links: {
      self: { title: 'Triggered webhook', href: urls.triggeredWebhook(row.uuid) },
      'pb:logs': { title: 'Delivery logs', ...(name !== undefined ? { name } : {}), href: logs },
      logs: { title: 'Deprecated: use pb:logs', ...(name !== undefined ? { name } : {}), href: logs },
      ...(row.webhook
        ? {
            'pb:webhook': {
              title: 'Webhook',
              ...(name !== undefined ? { name } : {}),
              href: urls.webhook(row.webhookUuid),
            },
          }
        : {}),
    },
  };
}

export function triggeredWebhookBody(urls: Urls, row: TriggeredWebhookRow, retryCount: number) {
  return {
    ...triggeredWebhookSummary(urls, row, retryCount),
    executions: row.executions.map((execution) => ({
      success: execution.success,
      status: execution.status,
      createdAt: execution.createdAt.toISOString(),
    })),
  };
}

export function triggeredWebhooksBody(
  urls: Urls,
  rows: TriggeredWebhookSummary[],
  self: string,
  title: string,
  retryCount: number,
) {
  return {
    _embedded: { triggeredWebhooks: rows.map((row) => triggeredWebhookSummary(urls, row, retryCount)) },
    _links: { self: { title, href: self } },
  };
}

/** Every attempt's log, oldest first, as the Pact Broker serves them (text/plain). */
export function triggeredWebhookLogs(row: TriggeredWebhookRow): string {
  if (row.executions.length === 0) return 'The webhook has not been delivered yet: try again in a few seconds.';
  return row.executions.map((execution) => execution.logs).join('\n');
}

/** The logs as HAL+JSON (`Accept: application/hal+json`). */
export function triggeredWebhookLogsBody(urls: Urls, row: TriggeredWebhookRow, self: string) {
  return {
    eventName: row.eventName,
    consumerName: row.consumer.name,
    providerName: row.provider.name,
    executions: row.executions.map((execution) => ({
      success: execution.success,
      logs: execution.logs,
      createdAt: execution.createdAt.toISOString(),
    })),
    _embedded: { triggeredWebhook: { uuid: row.uuid } },
    _links: {
      self: { title: 'Triggered webhook logs', href: self },
      ...(row.webhook ? { 'pb:webhook': { title: 'Webhook', href: urls.webhook(row.webhookUuid) } } : {}),
    },
  };
}

/** A body as the client sees it: parsed when it is JSON, as text otherwise. */
function bodyValue(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function executionBody(urls: Urls, result: ExecutionResult, self: string, webhookUuid?: string) {
  const shown = result.showResponse;
  return {
    success: result.success,
    request: {
      method: result.request.method,
      url: result.request.url,
      headers: result.request.headers,
      ...(result.request.body !== undefined ? { body: bodyValue(result.request.body) } : {}),
    },
    ...(shown && result.response
      ? {
          response: {
            status: result.response.status,
            headers: result.response.headers,
            body: bodyValue(result.response.body),
          },
        }
      : {}),
    ...(result.error && (shown || result.errorIsOwn) ? { error: { message: result.error } } : {}),
    ...(!shown ? { message: RESPONSE_HIDDEN } : {}),
    logs: result.logs,
    _links: {
      self: { href: self },
      ...(webhookUuid !== undefined ? { webhook: { title: 'Webhook', href: urls.webhook(webhookUuid) } } : {}),
      'try-again': { title: 'Send the webhook again (POST)', href: self },
      'pb:webhooks': { href: urls.webhooks() },
    },
  };
}

/** The webhook status of a pact: the newest triggered webhook of each webhook, with counts by status. */
export function pactWebhooksStatusBody(
  urls: Urls,
  rows: TriggeredWebhookSummary[],
  names: { provider: string; consumer: string; self: string; latestPact?: { href: string; name: string } },
  retryCount: number,
) {
  const count = (status: string) => rows.filter((row) => row.status === status).length;
  const optional = (key: string, status: string) => (count(status) > 0 ? { [key]: count(status) } : {});
  return {
    summary: {
      successful: count('success'),
      failed: count('failure'),
      ...optional('retrying', 'retrying'),
      ...optional('notRun', 'not_run'),
    },
    _embedded: { triggeredWebhooks: rows.map((row) => triggeredWebhookSummary(urls, row, retryCount)) },
    _links: {
      self: { title: 'Webhooks status', href: names.self },
      'pb:error-logs': rows
        .filter((row) => row.status === 'failure' || row.status === 'retrying')
        .map((row) => ({
          title: 'Error logs',
          ...(row.webhook ? { name: requestDescription(storedRequest(row.webhook.request)) } : {}),
          href: `${urls.triggeredWebhook(row.uuid)}/logs`,
        })),
      'pb:pact-webhooks': {
        title: `Webhooks for the pact between ${names.consumer} and ${names.provider}`,
        href: urls.pactWebhooks(names.provider, names.consumer),
      },
      ...(names.latestPact ? { 'pb:pact-version': { title: 'Pact', ...names.latestPact } } : {}),
      'pb:consumer': { title: 'Consumer', name: names.consumer, href: urls.pacticipant(names.consumer) },
      'pb:provider': { title: 'Provider', name: names.provider, href: urls.pacticipant(names.provider) },
    },
  };
}
