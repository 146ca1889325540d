// Webhook definitions: the Pact Broker's /webhooks API (create, read, update, delete, execute now) and
// the webhooks events triggered (with their delivery logs). Events trigger them in events.ts; the
// queue in delivery-queue.ts delivers them.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../prisma-client.ts';
import { NotFoundError, ValidationError } from '../domain-errors.ts';
import { findIntegrationPair } from '../pacticipants/integration-pair.ts';
import { PacticipantsRepository } from '../pacticipants/pacticipants.repository.ts';
import type { WebhookRequest } from '../schemas/webhook.ts';
import type { EventOrigin } from './events.ts';
import type { ExecutionResult, WebhookExecutor } from './executor.ts';
import type { TargetPolicy } from './target-policy.ts';
import { testRun } from './test-run.ts';
import { TriggeredWebhooksRepository } from './triggered-webhooks.repository.ts';
import { keepRedactedSecrets } from './redact.ts';
import { storableRequest, storedRequest } from './webhook-request.ts';

const withParties = { consumer: { select: { name: true } }, provider: { select: { name: true } } } as const;

export class WebhooksService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: TargetPolicy,
    private readonly executor: WebhookExecutor,
  ) {}

  /** The method and URL as written must be allowed (the addresses are checked again when sending). */
  private checkTarget(request: WebhookRequest['request']): void {
    const errors = this.policy.check(request.method, request.url);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  }

  /** The pacticipant ids for the webhook's consumer and provider (named in the body or the path). */
  private async parties(body: WebhookRequest, path: { consumer?: string; provider?: string }) {
    const pacticipants = new PacticipantsRepository(this.prisma);
    const result: { consumerId: number | null; providerId: number | null } = { consumerId: null, providerId: null };
    const fromPath = await this.pathParties(path);
    for (const role of ['consumer', 'provider'] as const) {
      if (path[role] !== undefined) {
        result[`${role}Id`] = fromPath[`${role}Id`];
        continue;
      }
      const name = body[role]?.name;
      if (name === undefined || name === null) continue;
      const found = await pacticipants.findByName(name);
      if (!found) throw ValidationError.field(`${role}.name`, `does not match an existing pacticipant ('${name}')`);
      result[`${role}Id`] = found.id;
    }
    return result;
  }

  private data(body: WebhookRequest, parties: { consumerId: number | null; providerId: number | null }) {
    return {
      description: body.description ?? null,
      ...parties,
      consumerLabel: body.consumer?.label ?? null,
      providerLabel: body.provider?.label ?? null,
      events: body.events.map((event) => event.name),
      request: storableRequest(body.request),
      enabled: body.enabled,
    };
  }

  async create(body: WebhookRequest, path: { consumer?: string; provider?: string } = {}, uuid: string = randomUUID()) {
    const parties = await this.parties(body, path);
    this.checkTarget(body.request);
    // Written, then read with its relations: see DeploymentsRepository.undeploy on `include` in writes.
    await this.prisma.webhook.create({ data: { uuid, ...this.data(body, parties) } });
    return this.find(uuid);
  }

  /** PUT /webhooks/{uuid}: replaces it, or creates it with that uuid. */
  async put(
    uuid: string,
    body: WebhookRequest,
  ): Promise<{ webhook: Awaited<ReturnType<WebhooksService['find']>>; created: boolean }> {
    const existing = await this.prisma.webhook.findUnique({ where: { uuid } });
    if (!existing) return { webhook: await this.create(body, {}, uuid), created: true };
    const parties = await this.parties(body, {});
    // A definition read (secrets starred) and sent back keeps the stored secrets.
    const request = keepRedactedSecrets(body.request, storedRequest(existing.request));
    this.checkTarget(request);
    await this.prisma.webhook.update({ where: { uuid }, data: this.data({ ...body, request }, parties) });
    return { webhook: await this.find(uuid), created: false };
  }

  async find(uuid: string) {
    const webhook = await this.prisma.webhook.findUnique({ where: { uuid }, include: withParties });
    if (!webhook) throw new NotFoundError(`No webhook with uuid '${uuid}' found`);
    return webhook;
  }

  /**
   * All webhooks, or (with a consumer and/or provider from the path) those for exactly that consumer and
   * provider: `/webhooks/provider/P` lists P's webhooks for any consumer, as the Pact Broker does.
   */
  async list(filter: { consumer?: string; provider?: string } = {}) {
    if (filter.consumer === undefined && filter.provider === undefined)
      return this.prisma.webhook.findMany({ include: withParties, orderBy: { id: 'asc' }, take: 500 });
    const { consumerId, providerId } = await this.pathParties(filter);
    return this.prisma.webhook.findMany({
      where: { consumerId, providerId },
      include: withParties,
      orderBy: { id: 'asc' },
      take: 500,
    });
  }

  /** The pacticipants a path names (404 when one does not exist). */
  private async pathParties(path: { consumer?: string; provider?: string }) {
    const pacticipants = new PacticipantsRepository(this.prisma);
    const result: { consumerId: number | null; providerId: number | null } = { consumerId: null, providerId: null };
    for (const role of ['provider', 'consumer'] as const) {
      const name = path[role];
      if (name === undefined) continue;
      const found = await pacticipants.findByName(name);
      if (!found) throw new NotFoundError(`No ${role} with name '${name}' found`);
      result[`${role}Id`] = found.id;
    }
    return result;
  }

  async delete(uuid: string): Promise<void> {
    const deleted = await this.prisma.webhook.deleteMany({ where: { uuid } });
    if (deleted.count === 0) throw new NotFoundError(`No webhook with uuid '${uuid}' found`);
  }

  /** Sends a stored webhook now, with the newest matching pact's values (nothing is queued or logged as triggered). */
  async execute(uuid: string, origin: EventOrigin): Promise<ExecutionResult> {
    const webhook = await this.find(uuid);
    this.checkTarget(storedRequest(webhook.request) as WebhookRequest['request']);
    return testRun(
      this.prisma,
      this.executor,
      {
        request: storedRequest(webhook.request),
        consumerId: webhook.consumerId,
        providerId: webhook.providerId,
        events: webhook.events,
        description: webhook.description ?? webhook.uuid,
      },
      origin,
    );
  }

  /** Sends an unsaved definition now (`POST /webhooks/execute`): try one before saving it. */
  async executeUnsaved(body: WebhookRequest, origin: EventOrigin): Promise<ExecutionResult> {
    const parties = await this.parties(body, {});
    this.checkTarget(body.request);
    return testRun(
      this.prisma,
      this.executor,
      {
        request: body.request,
        ...parties,
        events: body.events.map((event) => event.name),
        description: body.description ?? 'unsaved webhook',
      },
      origin,
    );
  }

  /** The webhooks triggered for a webhook definition, newest first. */
  async triggeredFor(uuid: string) {
    const webhook = await this.find(uuid);
    return new TriggeredWebhooksRepository(this.prisma).list({ webhookUuid: webhook.uuid });
  }

  /** The webhooks a consumer version's pact with a provider triggered, newest first. */
  async triggeredForPact(providerName: string, consumerName: string, versionNumber: string) {
    const pacticipants = new PacticipantsRepository(this.prisma);
    const [provider, consumer] = await Promise.all([
      pacticipants.findByName(providerName),
      pacticipants.findByName(consumerName),
    ]);
    if (!provider || !consumer) throw new NotFoundError(`No pact between ${consumerName} and ${providerName} found`);
    const version = await this.prisma.version.findUnique({
      where: { pacticipantId_number: { pacticipantId: consumer.id, number: versionNumber } },
    });
    if (!version) throw new NotFoundError(`No version ${versionNumber} of ${consumerName} found`);
    return new TriggeredWebhooksRepository(this.prisma).list({
      consumerId: consumer.id,
      providerId: provider.id,
      consumerVersionId: version.id,
    });
  }

  /** The webhooks a verification's publication triggered, newest first. */
  async triggeredForVerification(names: { provider: string; consumer: string; sha: string; number: string }) {
    const [found] = await this.prisma.$queryRaw<{ id: number }[]>`
      SELECT ver.id FROM verifications ver
      JOIN pact_versions pv ON pv.id = ver.pact_version_id
      JOIN pacticipants c ON c.id = ver.consumer_id AND c.name = ${names.consumer}
      JOIN pacticipants p ON p.id = ver.provider_id AND p.name = ${names.provider}
      WHERE pv.sha = ${names.sha} AND ver.number::text = ${names.number}`;
    if (!found) throw new NotFoundError(`No verification result ${names.number} for this pact found`);
    return new TriggeredWebhooksRepository(this.prisma).list({ verificationId: found.id });
  }

  /**
   * The newest triggered webhook of each webhook and event for a consumer and provider (the "webhook
   * status" of their pact), oldest first; 404 when either is unknown.
   */
  async latestTriggeredForIntegration(providerName: string, consumerName: string) {
    const { provider, consumer } = await findIntegrationPair(this.prisma, providerName, consumerName);
    const rows = await new TriggeredWebhooksRepository(this.prisma).list(
      { consumerId: consumer.id, providerId: provider.id, webhookId: { not: null } },
      1000,
    );
    const newest = new Map<string, (typeof rows)[number]>();
    for (const row of rows)
      if (!newest.has(`${row.webhookUuid} ${row.eventName}`)) newest.set(`${row.webhookUuid} ${row.eventName}`, row);
    return [...newest.values()].reverse();
  }

  async triggered(uuid: string) {
    const found = /^[0-9a-f-]{36}$/i.test(uuid) ? await new TriggeredWebhooksRepository(this.prisma).find(uuid) : null;
    if (!found) throw new NotFoundError(`No triggered webhook with uuid '${uuid}' found`);
    return found;
  }
}

export type WebhookRow = Awaited<ReturnType<WebhooksService['find']>>;
