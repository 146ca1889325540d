// Webhook definitions: the Pact Broker's /webhooks API (create, read, update, delete). Executing
// webhooks and delivering events belongs to the dashboard and webhooks work (issue 6), which reads
// the rows stored here.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../prisma-client.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { PacticipantsRepository } from '../pacticipants/pacticipants.repository.ts';
import type { WebhookRequest } from '../schemas/webhook.ts';

export interface WebhookPolicy {
  schemes: string[];
  methods: string[];
}

const withParties = { consumer: { select: { name: true } }, provider: { select: { name: true } } } as const;

export class WebhooksService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: WebhookPolicy,
  ) {}

  private checkTarget(request: WebhookRequest['request']): void {
    const errors: Record<string, string[]> = {};
    let url: URL | undefined;
    try {
      url = new URL(request.url);
    } catch {
      errors['request.url'] = [`"${request.url}" is not a valid URL`];
    }
    if (url && !this.policy.schemes.includes(url.protocol.replace(':', ''))) {
      errors['request.url'] = [`scheme must be one of ${this.policy.schemes.join(', ')}`];
    }
    if (!this.policy.methods.includes(request.method)) errors['request.method'] = [`must be one of ${this.policy.methods.join(', ')}`];
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  }

  /** The pacticipant ids for the webhook's consumer and provider (named in the body or the path). */
  private async parties(body: WebhookRequest, path: { consumer?: string; provider?: string }) {
    const pacticipants = new PacticipantsRepository(this.prisma);
    const result: { consumerId: number | null; providerId: number | null } = { consumerId: null, providerId: null };
    for (const role of ['consumer', 'provider'] as const) {
      const fromPath = path[role];
      if (fromPath !== undefined) {
        const found = await pacticipants.findByName(fromPath);
        if (!found) throw new NotFoundError(`No ${role} with name '${fromPath}' found`);
        result[`${role}Id`] = found.id;
        continue;
      }
      const name = body[role]?.name;
      if (name === undefined) continue;
      const found = await pacticipants.findByName(name);
      if (!found) throw ValidationError.field(`${role}.name`, `No ${role} with name '${name}' found`);
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
      request: body.request as Prisma.InputJsonValue,
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
  async put(uuid: string, body: WebhookRequest): Promise<{ webhook: Awaited<ReturnType<WebhooksService['find']>>; created: boolean }> {
    const existing = await this.prisma.webhook.findUnique({ where: { uuid } });
    if (!existing) return { webhook: await this.create(body, {}, uuid), created: true };
    const parties = await this.parties(body, {});
    this.checkTarget(body.request);
    await this.prisma.webhook.update({ where: { uuid }, data: this.data(body, parties) });
    return { webhook: await this.find(uuid), created: false };
  }

  async find(uuid: string) {
    const webhook = await this.prisma.webhook.findUnique({ where: { uuid }, include: withParties });
    if (!webhook) throw new NotFoundError(`No webhook with uuid '${uuid}' found`);
    return webhook;
  }

  async list(filter: { consumer?: string; provider?: string } = {}) {
    const where: Prisma.WebhookWhereInput = {};
    if (filter.consumer !== undefined) where.consumer = { name: filter.consumer };
    if (filter.provider !== undefined) where.provider = { name: filter.provider };
    return this.prisma.webhook.findMany({ where, include: withParties, orderBy: { createdAt: 'asc' }, take: 500 });
  }

  async delete(uuid: string): Promise<void> {
    const deleted = await this.prisma.webhook.deleteMany({ where: { uuid } });
    if (deleted.count === 0) throw new NotFoundError(`No webhook with uuid '${uuid}' found`);
  }
}

export type WebhookRow = Awaited<ReturnType<WebhooksService['find']>>;
