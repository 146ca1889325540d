// Turning what happened (pacts published, a verification published) into triggered webhooks: each
// matching definition gets triggered_webhooks rows with their template values and delivery jobs, all in
// the transaction that wrote the event. The events are the Pact Broker's six:
//   contract_published                          every publication of a pact
//   contract_content_changed                    its content differs from the previous publication's
//                                               (on the same consumer branch), or it is the first
//   contract_requiring_verification_published   on every publication, once per provider version that should
//                                               verify the content (latest of the main branch, deployed,
//                                               released) and has not
//   provider_verification_published / _succeeded / _failed
//                                               once per consumer version the verified pact was selected for
// A webhook whose body uses ${pactbroker.currentlyDeployedProviderVersionNumber} is triggered once per
// version of the provider currently deployed (and not at all when none is), as the Pact Broker does.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../prisma-client.ts';
import { Urls } from '../urls.ts';
import type { WebhookEvent } from '../schemas/webhook.ts';
import type { DeliveryEnqueuer } from './delivery-queue.ts';
import { templateParameters, type EventContext, type PactFacts, type VerificationFacts } from './parameters.ts';
import type { TemplateParameters } from './template.ts';
import { TriggersRepository, type MatchingWebhook } from './triggers.repository.ts';
import { storedRequest, usesParameter } from './webhook-request.ts';

/**
 * Where the event came from: the base URL for the links in template values (never taken from an
 * untrusted Host header: see http/webhook-origin.ts), and what the request itself said.
 */
export interface EventOrigin {
  baseUrl: string;
  /** The buildUrl the publication or verification result gave. */
  buildUrl?: string | undefined;
  /** The branch a publication named (null: it named none); absent for requests that cannot name one. */
  consumerVersionBranch?: string | null;
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
  verificationId?: number;
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
const DEPLOYED_VERSION = 'pactbroker.currentlyDeployedProviderVersionNumber';

interface SelectorGroup {
  consumerVersionId: number;
  /** The selectors' tags (set when the verifier gave selectors). */
  tags?: string[];
}

/** The consumer versions (with their selectors' tags) a verification's metadata says it was made for. */
function selectorGroups(selectors: unknown): SelectorGroup[] | undefined {
  const list = (selectors as { selectors?: unknown } | null)?.selectors;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const groups = new Map<number, Set<string>>();
  for (const selector of list as { consumerVersionId?: unknown; tag?: unknown }[]) {
    if (typeof selector?.consumerVersionId !== 'number') continue;
    const tags = groups.get(selector.consumerVersionId) ?? new Set<string>();
    if (typeof selector.tag === 'string') tags.add(selector.tag);
    groups.set(selector.consumerVersionId, tags);
  }
  return [...groups].map(([consumerVersionId, tags]) => ({ consumerVersionId, tags: [...tags] }));
}

export class WebhookEvents {
  constructor(private readonly enqueuer: DeliveryEnqueuer) {}

  /** The contexts for one webhook and event: fanned out per deployed provider version when it asks for one. */
  private async forDeployedVersions(
    repository: TriggersRepository,
    webhook: MatchingWebhook,
    providerId: number,
    contexts: EventContext[],
  ): Promise<EventContext[]> {
    if (!usesParameter(storedRequest(webhook.request), DEPLOYED_VERSION)) return contexts;
    const numbers = await repository.currentlyDeployedVersionNumbers(providerId);
    return contexts.flatMap((context) =>
      numbers.map((number) => ({ ...context, currentlyDeployedProviderVersionNumber: number })),
    );
  }

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
      const provider = await repository.pacticipant(published.providerId);
      const pact: PactFacts = {
        consumer: await repository.pacticipant(consumerId),
        provider,
        consumerVersion: await repository.version(consumerVersionId),
        sha: publication.sha,
      };
      // Contract events carry the latest verification of this content by the provider's main branch, or
      // (none) its latest verification; contract_requiring_verification_published only the latter.
      const facts = async (found: { number: number; success: boolean; providerVersionId: number } | undefined) =>
        found && {
          providerVersion: await repository.version(found.providerVersionId),
          success: found.success,
          number: found.number,
        };
      const latest: VerificationFacts | undefined = await facts(
        await repository.latestVerificationOf(publication.pactVersionId),
      );
      const mainBranch = await repository.latestMainBranchVerificationOf(
        publication.pactVersionId,
        published.providerId,
      );
      const mainBranchSuccess = mainBranch?.success;
      const contractVerification = (await facts(mainBranch)) ?? latest;
      const base: Omit<EventContext, 'eventName'> = {
        ...(origin.buildUrl !== undefined ? { buildUrl: origin.buildUrl } : {}),
        ...(origin.consumerVersionBranch !== undefined ? { consumerVersionBranch: origin.consumerVersionBranch } : {}),
      };
      const add = async (
        event: WebhookEvent,
        contexts: EventContext[],
        verification: VerificationFacts | undefined,
      ) => {
        for (const webhook of webhooks.filter((candidate) => candidate.events.includes(event))) {
          for (const context of await this.forDeployedVersions(repository, webhook, published.providerId, contexts)) {
            triggers.push({
              webhook,
              eventName: event,
              consumerId,
              providerId: published.providerId,
              consumerVersionId,
              parameters: templateParameters(urls, pact, verification, context, mainBranchSuccess),
            });
          }
        }
      };
      await add('contract_published', [{ ...base, eventName: 'contract_published' }], contractVerification);
      // Every publication (not only of changed content) that some provider version should verify.
      if (webhooks.some((webhook) => webhook.events.includes('contract_requiring_verification_published'))) {
        const required = await repository.requiredVerifications(
          published.providerId,
          provider.mainBranch,
          publication.pactVersionId,
        );
        // No provider version needs to verify it (none on the main branch, deployed or released): no webhook.
        await add(
          'contract_requiring_verification_published',
          required.map((requirement) => ({
            ...base,
            eventName: 'contract_requiring_verification_published',
            providerVersion: {
              number: requirement.version.number,
              branch: requirement.branch,
              descriptions: requirement.descriptions,
            },
          })),
          latest,
        );
      }
      if (!published.changed) continue;
      const previous = await repository.previousSha(
        consumerId,
        published.providerId,
        consumerVersionId,
        pact.consumerVersion.branches,
      );
      if (previous === publication.sha) continue; // same content as the previous version: nothing new to verify
      await add('contract_content_changed', [{ ...base, eventName: 'contract_content_changed' }], contractVerification);
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
    if (!verification) return;
    const webhooks = await repository.matching(verification.consumerId, verification.providerId, VERIFICATION_EVENTS);
    if (webhooks.length === 0) return;
    const urls = new Urls(origin.baseUrl);
    // One triggered webhook per consumer version the verified pact was selected for (a commit status
    // for each commit), or the newest consumer version that published the content.
    const selected = selectorGroups(verification.selectors);
    const valid = selected
      ? await repository.publishingConsumerVersions(
          pactVersionId,
          selected.map((group) => group.consumerVersionId),
        )
      : [];
    let groups: SelectorGroup[] = selected?.filter((group) => valid.includes(group.consumerVersionId)) ?? [];
    if (groups.length === 0) {
      groups = (await repository.publishingConsumerVersions(pactVersionId)).map((id) => ({ consumerVersionId: id }));
    }
    const consumer = await repository.pacticipant(verification.consumerId);
    const provider = await repository.pacticipant(verification.providerId);
    const facts: VerificationFacts = {
      providerVersion: await repository.version(verification.providerVersionId),
      success: verification.success,
      number: verification.number,
    };
    const mainBranchSuccess = await repository.mainBranchVerificationSuccess(pactVersionId, verification.providerId);
    const events: WebhookEvent[] = [
      'provider_verification_published',
      verification.success ? 'provider_verification_succeeded' : 'provider_verification_failed',
    ];
    const triggers: Trigger[] = [];
    for (const event of events) {
      for (const webhook of webhooks.filter((candidate) => candidate.events.includes(event))) {
        for (const group of groups) {
          const pact: PactFacts = {
            consumer,
            provider,
            consumerVersion: await repository.version(group.consumerVersionId),
            sha: verification.sha,
          };
          const context: EventContext = {
            eventName: event,
            ...(verification.buildUrl !== null ? { buildUrl: verification.buildUrl } : {}),
            ...(group.tags ? { consumerVersionTags: group.tags } : {}),
          };
          for (const expanded of await this.forDeployedVersions(repository, webhook, verification.providerId, [
            context,
          ])) {
            triggers.push({
              webhook,
              eventName: event,
              consumerId: verification.consumerId,
              providerId: verification.providerId,
              consumerVersionId: group.consumerVersionId,
              verificationId: verification.id,
              parameters: templateParameters(urls, pact, facts, expanded, mainBranchSuccess),
            });
          }
        }
      }
    }
    await this.record(tx, triggers);
  }

  private async record(tx: Prisma.TransactionClient, triggers: Trigger[]): Promise<void> {
    if (triggers.length === 0) return;
    const rows = triggers.map((trigger) => ({
      uuid: randomUUID(),
      webhookId: trigger.webhook.id,
      webhookUuid: trigger.webhook.uuid,
      eventName: trigger.eventName,
      consumerId: trigger.consumerId,
      providerId: trigger.providerId,
      consumerVersionId: trigger.consumerVersionId,
      verificationId: trigger.verificationId ?? null,
      parameters: trigger.parameters,
    }));
    await tx.triggeredWebhook.createMany({ data: rows });
    await this.enqueuer.enqueue(
      tx,
      rows.map((row) => ({ triggeredWebhookUuid: row.uuid, attempt: 1 })),
    );
  }
}
