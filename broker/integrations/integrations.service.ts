// Integrations (each consumer/provider pair with pacts) and the broker's counts.
import type { PrismaClient } from '../prisma-client.ts';
import { inTransaction } from '../db.ts';
import { NotFoundError } from '../domain-errors.ts';
import { findIntegrationPair } from '../pacticipants/integration-pair.ts';
import { PacticipantsRepository, type Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import { PactsRepository } from '../pacts/pacts.repository.ts';
import { skipOf, type PageRequest } from '../paging.ts';

export interface IntegrationPair {
  consumer: Pick<Pacticipant, 'id' | 'name'>;
  provider: Pick<Pacticipant, 'id' | 'name'>;
}

const pairInclude = { consumer: { select: { id: true, name: true } }, provider: { select: { id: true, name: true } } };

export class IntegrationsService {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Integrations by consumer and provider name; with `query`, only those whose consumer or provider name
   * contains it (without case, as the Pact Broker's `q`); paged when asked.
   */
  async list(filter: { query?: string } = {}, page?: PageRequest) {
    // Prisma's `contains` leaves LIKE's wildcards in the text active: escaped, they are literal (as the Pact Broker's).
    const text = filter.query?.replace(/[\\%_]/g, '\\$&');
    const where =
      text === undefined
        ? {}
        : {
            OR: [
              { consumer: { name: { contains: text, mode: 'insensitive' as const } } },
              { provider: { name: { contains: text, mode: 'insensitive' as const } } },
            ],
          };
    const [rows, total] = await Promise.all([
      this.prisma.integration.findMany({
        where,
        include: { consumer: { select: { name: true } }, provider: { select: { name: true } } },
        orderBy: [{ consumer: { name: 'asc' } }, { provider: { name: 'asc' } }],
        ...(page ? { skip: skipOf(page), take: page.size } : {}),
      }),
      this.prisma.integration.count({ where }),
    ]);
    return { rows, total };
  }

  /**
   * DELETE /integrations: deletes every integration and all the data of the broker that hangs off them, as
   * the Pact Broker does (pacticipants, their versions, pacts, verifications, webhooks and their logs,
   * deployments, labels). Environments stay (they belong to no integration). One transaction.
   */
  async deleteAll(): Promise<void> {
    await inTransaction(this.prisma, async (tx) => {
      // Children before parents; pacticipants last (everything else refers to them).
      await tx.$executeRaw`TRUNCATE webhook_executions, triggered_webhooks, webhooks, verifications, pact_publications,
        pact_versions, provider_contracts, tags, deployed_versions, released_versions, branch_versions, branches,
        versions, labels, integrations, pacticipants`;
    });
  }

  /**
   * The integrations connected to a pacticipant, directly or through others (its "group"), found
   * breadth first; with `maxPacticipants`, the search stops once that many pacticipants are reached.
   */
  async groupOf(name: string, maxPacticipants?: number): Promise<IntegrationPair[]> {
    const pacticipant = await new PacticipantsRepository(this.prisma).findByName(name);
    if (!pacticipant) throw new NotFoundError(`No pacticipant with name '${name}' found`);
    const found = new Map<string, IntegrationPair>();
    const connected = new Set([pacticipant.id]);
    let frontier = [pacticipant.id];
    while (frontier.length > 0) {
      const rows = await this.prisma.integration.findMany({
        where: { OR: [{ consumerId: { in: frontier } }, { providerId: { in: frontier } }] },
        include: pairInclude,
        orderBy: [{ createdAt: 'asc' }, { consumerId: 'asc' }, { providerId: 'asc' }],
      });
      const next: number[] = [];
      for (const row of rows) {
        found.set(`${row.consumerId}:${row.providerId}`, row);
        for (const id of [row.consumerId, row.providerId]) {
          if (!connected.has(id)) {
            connected.add(id);
            next.push(id);
          }
        }
      }
      if (maxPacticipants !== undefined && connected.size >= maxPacticipants) break;
      frontier = next;
    }
    return [...found.values()];
  }

  /** Every integration with its pacticipants' ids (for the relationships CSV), oldest first. */
  pairs(): Promise<IntegrationPair[]> {
    return this.prisma.integration.findMany({
      include: pairInclude,
      orderBy: [{ createdAt: 'asc' }, { consumerId: 'asc' }, { providerId: 'asc' }],
    });
  }

  /**
   * Deletes an integration and everything that belongs to it alone, in one transaction: its pacts
   * (and their contents, verifications and triggered webhooks), the webhooks scoped to exactly this
   * consumer and provider, and the integration itself. The pacticipants, their versions, branches,
   * tags and deployments stay (other integrations may use them). 404 when there is no such integration.
   */
  async delete(providerName: string, consumerName: string): Promise<void> {
    const { provider, consumer } = await findIntegrationPair(this.prisma, providerName, consumerName);
    const pair = { consumerId: consumer.id, providerId: provider.id };
    await inTransaction(this.prisma, async (tx) => {
      const integration = await tx.integration.findUnique({ where: { consumerId_providerId: pair } });
      if (!integration) throw new NotFoundError(`No integration between ${consumerName} and ${providerName} found`);
      await new PactsRepository(tx).deleteMatching(consumer.id, provider.id);
      await tx.pactVersion.deleteMany({ where: pair }); // with their verifications (cascade)
      await tx.triggeredWebhook.deleteMany({ where: pair });
      await tx.webhook.deleteMany({ where: pair });
      await tx.integration.delete({ where: { consumerId_providerId: pair } });
    });
  }
}
