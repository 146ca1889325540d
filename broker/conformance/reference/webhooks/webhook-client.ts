// Helpers for the ported webhook examples: build data over HTTP as a client would (publish contracts,
// publish verification results, create webhooks) and wait for deliveries to a real receiver.
import request from 'supertest';
import type { BrokerTestContext } from '../../../testing/broker-test-context.ts';
import { buildPact } from '../../../testing/test-data.ts';
import { eventually } from '../../../webhooks/testing/receiver.ts';

export { eventually };

/** A webhook definition for `url` (any other fields given override). */
export function webhookBody(url: string, overrides: Record<string, unknown> = {}) {
  return {
    description: 'trigger build',
    events: [{ name: 'contract_content_changed' }],
    request: { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: { a: 'body' } },
    ...overrides,
  };
}

export interface Publication {
  consumer: string;
  version: string;
  provider: string;
  branch?: string;
  tags?: string[];
  buildUrl?: string;
  /** The pact content (a fresh one, different from every other, when not given). */
  pact?: Record<string, unknown>;
  /** Request headers (credentials, a Host). */
  headers?: Record<string, string>;
}

/** `POST /contracts/publish` of one pact, as the CLI publishes. */
export async function publish(broker: BrokerTestContext, publication: Publication) {
  const pact = publication.pact ?? buildPact(publication.consumer, publication.provider);
  return request(broker.server)
    .post('/contracts/publish')
    .set(publication.headers ?? {})
    .send({
      pacticipantVersionNumber: publication.version,
      pacticipantName: publication.consumer,
      ...(publication.branch !== undefined ? { branch: publication.branch } : {}),
      ...(publication.tags !== undefined ? { tags: publication.tags } : {}),
      ...(publication.buildUrl !== undefined ? { buildUrl: publication.buildUrl } : {}),
      contracts: [
        {
          consumerName: publication.consumer,
          providerName: publication.provider,
          specification: 'pact',
          contentType: 'application/json',
          content: Buffer.from(JSON.stringify(pact)).toString('base64'),
        },
      ],
    })
    .expect(200);
}

/** The pact a consumer version published, as a client reads it (with its `_links`). */
export async function pactOf(broker: BrokerTestContext, provider: string, consumer: string, version: string) {
  const path = `/pacts/provider/${encodeURIComponent(provider)}/consumer/${encodeURIComponent(consumer)}/version/${encodeURIComponent(version)}`;
  return (await request(broker.server).get(path).expect(200)).body as {
    _links: Record<string, { href: string }>;
  };
}

/** Publishes a verification result to the pact's `pb:publish-verification-results` link (or `url`). */
export async function publishResult(
  broker: BrokerTestContext,
  url: string,
  result: { success: boolean; providerApplicationVersion: string; buildUrl?: string },
) {
  return request(broker.server).post(new URL(url).pathname).send(result).expect(201);
}

export const pathOf = (href: string) => {
  const url = new URL(href);
  return `${url.pathname}${url.search}`;
};

/** Waits until `count` triggered webhooks have finished (succeeded or given up), and returns them. */
export async function settled(broker: BrokerTestContext, count: number) {
  return eventually(`${count} deliveries settled`, async () => {
    const rows = await broker.prisma.triggeredWebhook.findMany({
      orderBy: { id: 'asc' },
      include: { executions: { orderBy: { id: 'asc' } } },
    });
    return rows.length >= count && rows.every((row) => row.status === 'success' || row.status === 'failure')
      ? rows
      : undefined;
  });
}
