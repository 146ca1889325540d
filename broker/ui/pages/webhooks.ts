// Webhook status and logs. An integration's page lists the webhooks that apply to it (its own and those for
// any consumer or provider), the newest execution of each webhook and event with its outcome and log, and
// the triggered webhook's page shows every attempt with its full log.
import type { Services } from '../../services.ts';
import type { Urls } from '../../urls.ts';
import { ago, iso } from '../format.ts';

type Triggered = Awaited<ReturnType<Services['webhooks']['triggered']>>;

const requestOf = (request: unknown): { method: string; url: string } => {
  const r = (request ?? {}) as { method?: unknown; url?: unknown };
  return { method: typeof r.method === 'string' ? r.method : '', url: typeof r.url === 'string' ? r.url : '' };
};

/** A triggered webhook as the pages show it: its status and each attempt with its log. */
function triggeredView(urls: Urls, row: Triggered) {
  return {
    uuid: row.uuid,
    link: urls.triggeredWebhook(row.uuid),
    logs: `${urls.triggeredWebhook(row.uuid)}/logs`,
    event: row.eventName,
    status: row.status,
    statusLabel: row.status.replace('_', ' '),
    attempts: row.attempts,
    webhook: row.webhook
      ? { description: row.webhook.description ?? '', ...requestOf(row.webhook.request) }
      : { description: '(deleted)', method: '', url: '' },
    consumerName: row.consumer.name,
    providerName: row.provider.name,
    triggered: ago(row.createdAt),
    at: iso(row.createdAt),
    executions: row.executions.map((execution, index) => ({
      attempt: index + 1,
      success: execution.success,
      status: execution.status,
      when: ago(execution.createdAt),
      at: iso(execution.createdAt),
      logs: execution.logs,
    })),
  };
}

export async function integrationWebhooksPage(services: Services, urls: Urls, provider: string, consumer: string) {
  const latest = await services.webhooks.latestTriggeredForIntegration(provider, consumer); // 404 when unknown
  const [all, executions] = await Promise.all([
    services.webhooks.list(),
    // The newest execution of each webhook and event, with its attempts and logs.
    Promise.all(latest.map((row) => services.webhooks.triggered(row.uuid))),
  ]);
  const applies = all.filter(
    (webhook) =>
      (webhook.consumer === null || webhook.consumer.name === consumer) &&
      (webhook.provider === null || webhook.provider.name === provider),
  );
  return {
    title: `Webhooks: ${consumer} and ${provider}`,
    nav: 'index',
    consumer,
    provider,
    matrix: urls.integrationMatrix(provider, consumer),
    webhooks: applies.map((webhook) => ({
      uuid: webhook.uuid,
      link: urls.webhook(webhook.uuid),
      description: webhook.description ?? '',
      enabled: webhook.enabled,
      events: webhook.events,
      scope: `${webhook.consumer?.name ?? 'any consumer'} → ${webhook.provider?.name ?? 'any provider'}`,
      ...requestOf(webhook.request),
    })),
    triggered: executions.reverse().map((row) => triggeredView(urls, row)),
  };
}

export async function triggeredWebhookPage(services: Services, urls: Urls, uuid: string) {
  const view = triggeredView(urls, await services.webhooks.triggered(uuid));
  return {
    title: 'Webhook execution',
    nav: 'index',
    ...view,
    integration: urls.integrationWebhooks(view.providerName, view.consumerName),
  };
}
