// HAL bodies for triggered webhooks and for a webhook executed on demand. Logs are redacted when written.
import type { ExecutionResult } from '../webhooks/executor.ts';
import type { TriggeredWebhookRow, TriggeredWebhookSummary } from '../webhooks/triggered-webhooks.repository.ts';
import type { Urls } from './urls.ts';

export function triggeredWebhookSummary(urls: Urls, row: TriggeredWebhookSummary) {
  return {
    uuid: row.uuid,
    eventName: row.eventName,
    status: row.status,
    attempts: row.attempts,
    consumerName: row.consumer.name,
    providerName: row.provider.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    _links: {
      self: { title: 'Triggered webhook', href: urls.triggeredWebhook(row.uuid) },
      'pb:logs': { title: 'Delivery logs (text)', href: `${urls.triggeredWebhook(row.uuid)}/logs` },
      'pb:webhook': { title: row.webhook.description ?? 'Webhook', href: urls.webhook(row.webhook.uuid) },
    },
  };
}

export function triggeredWebhookBody(urls: Urls, row: TriggeredWebhookRow) {
  return {
    ...triggeredWebhookSummary(urls, row),
    attemptsMade: row.executions.map((execution) => ({
      success: execution.success,
      status: execution.status,
      createdAt: execution.createdAt.toISOString(),
    })),
  };
}

export function triggeredWebhooksBody(urls: Urls, rows: TriggeredWebhookSummary[], self: string) {
  return {
    _embedded: { triggeredWebhooks: rows.map((row) => triggeredWebhookSummary(urls, row)) },
    _links: { self: { title: 'Triggered webhooks', href: self } },
  };
}

/** Every attempt's log, oldest first, as the Pact Broker serves them (text/plain). */
export function triggeredWebhookLogs(row: TriggeredWebhookRow): string {
  if (row.executions.length === 0) return `Webhook triggered by ${row.eventName}: not delivered yet (${row.status}).\n`;
  return `${row.executions.map((execution) => execution.logs).join('\n\n')}\n`;
}

export function executionBody(urls: Urls, result: ExecutionResult, self: string) {
  return {
    success: result.success,
    request: result.request,
    ...(result.response ? { response: result.response } : {}),
    ...(result.error ? { error: { message: result.error } } : {}),
    logs: result.logs,
    _links: { self: { href: self }, 'pb:webhooks': { href: urls.webhooks() } },
  };
}
