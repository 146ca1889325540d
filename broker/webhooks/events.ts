// Turning what happened (pacts published, a verification published) into triggered webhooks: each
// matching definition gets a triggered_webhooks row with its template values and a delivery job, all in
// the transaction that wrote the event. The events are the Pact Broker's six:
//   contract_published                          every publication of a pact
//   contract_content_changed                    its content differs from the previous publication's
//                                               (on the same consumer branch), or it is the first
//   contract_requiring_verification_published   once per provider version that should verify new content
//                                               (latest of the main branch, deployed, released) and has not
//   provider_verification_published / _succeeded / _failed
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma-client.ts';
import { Urls } from '../serializers/urls.ts';
import type { WebhookEvent } from '../schemas/webhook.ts';
import type { DeliveryEnqueuer } from './delivery-queue.ts';
import { templateParameters, type PactFacts } from './parameters.ts';
import type { TemplateParameters } from './template.ts';
import { TriggersRepository, type MatchingWebhook } from './triggers.repository.ts';

/** Where the event came from: its request's base URL, for the links in template values. */
export interface EventOrigin {
  baseUrl: string;
}

export interface PublishedPactEvent {
  providerId: number;
  /** The publication's stored content changed (new, or revised); republishing identical content does not. */
  changed: boolean;
}

interface Trigger {
  webhook: MatchingWebhook;
  eventName: WebhookEvent;
  consumerId: number;
  providerId: number;
  consumerVersionId: number;
  parameters: TemplateParameters;
}

const PACT_EVENTS: WebhookEvent[] = [
  'contract_published',
  'contract_content_changed',
  'contract_requiring_verification_published',
];
const VERIFICATION_EVENTS: WebhookEvent[] = [
  'provider_verification_published',
  'provider_verification_succeeded',
  'provider_verification_failed',
];

export class WebhookEvents {
  constructor(private readonly enqueuer: DeliveryEnqueuer) {}

  /** A consumer version published pacts with these providers. */
  async pactsPublished(
    tx: Prisma.TransactionClient,
    origin: EventOrigin,
    consumerId: number,
    consumerVersionId: number,
    pacts: PublishedPactEvent[],
  ): Promise<void> {
    const repository = new TriggersRepository(tx);
    const urls = new Urls(origin.baseUrl);
    const triggers: Trigger[] = [];
    const webhooksByProvider = await repository.matchingForProviders(
      consumerId,
      pacts.map((pact) => pact.providerId),
      PACT_EVENTS,
    );
    if (webhooksByProvider.size === 0) return; // the usual case: one query, nothing else
    for (const published of pacts) {
      const webhooks = webhooksByProvider.get(published.providerId) ?? [];
      if (webhooks.length === 0) continue;
      const publication = await repository.publication(consumerVersionId, published.providerId);
      if (!publication) continue;
      const pact: PactFacts = {
        consumer: await repository.pacticipant(consumerId),
        provider: await repository.pacticipant(published.providerId),
        consumerVersion: await repository.version(consumerVersionId),
        sha: publication.sha,
      };
      const listening = (event: WebhookEvent) => webhooks.filter((webhook) => webhook.events.includes(event));
      const add = (event: WebhookEvent, parameters: TemplateParameters) => {
        for (const webhook of listening(event)) {
          triggers.push({
            webhook,
            eventName: event,
            consumerId,
            providerId: published.providerId,
            consumerVersionId,
            parameters,
          });
        }
      };
      add('contract_published', templateParameters(urls, 'contract_published', pact));
      if (!published.changed) continue;
      const previous = await repository.previousSha(
        consumerId,
        published.providerId,
        consumerVersionId,
        pact.consumerVersion.branches,
      );
      if (previous === publication.sha) continue; // same content as the previous version: nothing new to verify
      add('contract_content_changed', templateParameters(urls, 'contract_content_changed', pact));
      if (listening('contract_requiring_verification_published').length > 0) {
        const provider = await repository.pacticipant(published.providerId);
        const versions = await repository.providerVersionsRequiringVerification(
          published.providerId,
          provider.mainBranch,
          publication.pactVersionId,
        );
        // No provider version to name yet: one build of the provider's default branch should verify it.
        if (versions.length === 0)
          add(
            'contract_requiring_verification_published',
            templateParameters(urls, 'contract_requiring_verification_published', pact),
          );
        for (const version of versions) {
          add(
            'contract_requiring_verification_published',
            templateParameters(urls, 'contract_requiring_verification_published', pact, { version }),
          );
        }
      }
    }
    await this.record(tx, triggers);
  }

  /** A verification result (identified by its pact version and number) was published. */
  async verificationPublished(
    tx: Prisma.TransactionClient,
    origin: EventOrigin,
    pactVersionId: number,
    number: number,
  ): Promise<void> {
    const repository = new TriggersRepository(tx);
    const verification = await repository.verification(pactVersionId, number);
    if (!verification || verification.consumer_version_id === null) return;
    const webhooks = await repository.matching(verification.consumer_id, verification.provider_id, VERIFICATION_EVENTS);
    if (webhooks.length === 0) return;
    const urls = new Urls(origin.baseUrl);
    const pact: PactFacts = {
      consumer: await repository.pacticipant(verification.consumer_id),
      provider: await repository.pacticipant(verification.provider_id),
      consumerVersion: await repository.version(verification.consumer_version_id),
      sha: verification.sha,
    };
    const facts = {
      verification: {
        providerVersion: await repository.version(verification.provider_version_id),
        success: verification.success,
        number: verification.number,
      },
    };
    const events: WebhookEvent[] = [
      'provider_verification_published',
      verification.success ? 'provider_verification_succeeded' : 'provider_verification_failed',
    ];
    const triggers = events.flatMap((event) =>
      webhooks
        .filter((webhook) => webhook.events.includes(event))
        .map((webhook): Trigger => ({
          webhook,
          eventName: event,
          consumerId: verification.consumer_id,
          providerId: verification.provider_id,
          consumerVersionId: verification.consumer_version_id!,
          parameters: templateParameters(urls, event, pact, facts),
        })),
    );
    await this.record(tx, triggers);
  }

  private async record(tx: Prisma.TransactionClient, triggers: Trigger[]): Promise<void> {
    if (triggers.length === 0) return;
    const rows = triggers.map((trigger) => ({
      uuid: randomUUID(),
      webhookId: trigger.webhook.id,
      eventName: trigger.eventName,
      consumerId: trigger.consumerId,
      providerId: trigger.providerId,
      consumerVersionId: trigger.consumerVersionId,
      parameters: trigger.parameters,
    }));
    await tx.triggeredWebhook.createMany({ data: rows });
    await this.enqueuer.enqueue(
      tx,
      rows.map((row) => ({ triggeredWebhookUuid: row.uuid })),
    );
  }
}
