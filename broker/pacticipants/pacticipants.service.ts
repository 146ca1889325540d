// Pacticipants (the applications: consumers and providers) and their labels, with the Pact Broker's
// write rules: POST creates (or returns the one that exists), PUT replaces an existing one (404 when
// unknown), PATCH updates the fields given (creating the pacticipant when unknown).
import type { PrismaClient } from '../prisma-client.ts';
import { inTransaction } from '../db.ts';
import { NotFoundError } from '../domain-errors.ts';
import { skipOf, type PageRequest } from '../paging.ts';
import { PacticipantsRepository, type Pacticipant, type PacticipantFields } from './pacticipants.repository.ts';

export type { PacticipantFields };
import { potentialDuplicates } from './potential-duplicates.ts';

export interface PacticipantWithLatest {
  pacticipant: Pacticipant;
  latestVersionNumber: string | undefined;
  labels: string[];
  /** Versions currently deployed, for `pb:deployed-environments` (the single resource only). */
  deployed?: { uuid: string; environment: { name: string; displayName: string | null } }[];
}

export class PacticipantsService {
  constructor(private readonly prisma: PrismaClient) {}

  private get repository(): PacticipantsRepository {
    return new PacticipantsRepository(this.prisma);
  }

  async find(name: string): Promise<Pacticipant> {
    const pacticipant = await this.repository.findByName(name);
    if (!pacticipant) throw new NotFoundError(`No pacticipant with name '${name}' found`);
    return pacticipant;
  }

  async describe(name: string): Promise<PacticipantWithLatest> {
    const pacticipant = await this.find(name);
    const [latest, labels, deployed] = await Promise.all([
      this.repository.latestVersionNumbers([pacticipant.id]),
      this.repository.labels(pacticipant.id),
      this.prisma.deployedVersion.findMany({
        where: { pacticipantId: pacticipant.id, undeployedAt: null },
        orderBy: { id: 'asc' },
        select: { uuid: true, environment: { select: { name: true, displayName: true } } },
      }),
    ]);
    return {
      pacticipant,
      latestVersionNumber: latest.get(pacticipant.id),
      labels: labels.map((label) => label.name),
      deployed,
    };
  }

  /** Pacticipants by name (without case), with a label or a text in their name when given; paged when asked. */
  async list(
    filter: { label?: string; query?: string } = {},
    page?: PageRequest,
  ): Promise<{ items: PacticipantWithLatest[]; total: number }> {
    const { rows, total } = await this.repository.list(
      filter,
      page ? { skip: skipOf(page), take: page.size } : undefined,
    );
    const ids = rows.map((p) => p.id);
    const [latest, labels] = await Promise.all([
      this.repository.latestVersionNumbers(ids),
      this.repository.labelsOf(ids),
    ]);
    const items = rows.map((pacticipant) => ({
      pacticipant,
      latestVersionNumber: latest.get(pacticipant.id),
      labels: labels.get(pacticipant.id) ?? [],
    }));
    return { items, total };
  }

  /** POST /pacticipants: creates it, or (the name is taken) returns the existing one unchanged, as the Pact Broker does. */
  async create(name: string, fields: PacticipantFields): Promise<Pacticipant> {
    return (await this.repository.create(name, fields)) ?? (await this.find(name));
  }

  /** PUT /pacticipants/{name}: replaces every field of an existing pacticipant (404 when unknown). */
  async replace(name: string, fields: PacticipantFields): Promise<Pacticipant> {
    const existing = await this.find(name);
    return this.repository.update(existing.id, fields);
  }

  /** PATCH /pacticipants/{name}: updates the fields given, creating the pacticipant when unknown. */
  async upsert(name: string, fields: PacticipantFields): Promise<{ pacticipant: Pacticipant; created: boolean }> {
    return inTransaction(this.prisma, async (tx) => {
      const repository = new PacticipantsRepository(tx);
      const created = await repository.create(name, fields);
      if (created) return { pacticipant: created, created: true };
      const existing = await repository.findByName(name);
      return { pacticipant: await repository.update(existing!.id, fields), created: false };
    });
  }

  async delete(name: string): Promise<void> {
    const pacticipant = await this.find(name);
    await inTransaction(this.prisma, (tx) => new PacticipantsRepository(tx).delete(pacticipant.id));
  }

  /** Labels a pacticipant, creating the pacticipant when unknown (as the Pact Broker does). */
  async addLabel(name: string, label: string): Promise<{ created: boolean; createdAt: Date }> {
    const pacticipant = await this.repository.getOrCreate(name);
    const created = await this.repository.addLabel(pacticipant.id, label);
    const found = await this.repository.findLabel(pacticipant.id, label);
    return { created, createdAt: found!.createdAt };
  }

  async findLabel(name: string, label: string): Promise<{ name: string; createdAt: Date }> {
    const pacticipant = await this.find(name);
    const found = await this.repository.findLabel(pacticipant.id, label);
    if (!found) throw new NotFoundError(`${name} has no label '${label}'`);
    return found;
  }

  async removeLabel(name: string, label: string): Promise<void> {
    const pacticipant = await this.find(name);
    if (!(await this.repository.removeLabel(pacticipant.id, label)))
      throw new NotFoundError(`${name} has no label '${label}'`);
  }

  /** GET /labels: every label name once. */
  labelNames(page?: PageRequest): Promise<{ names: string[]; total: number }> {
    return this.repository.labelNames(page ? { skip: skipOf(page), take: page.size } : undefined);
  }

  /**
   * For each new name (one no pacticipant has yet) that looks like existing ones, the existing names it
   * may have been meant as. Empty when all is well.
   */
  async potentialDuplicates(names: string[]): Promise<{ name: string; existing: string[] }[]> {
    // Nearly every publication names known pacticipants only: then there is nothing to compare, and
    // reading every name (which grows with the broker) is skipped.
    const known = await this.repository.existing(names);
    const fresh = [...new Set(names)].filter((name) => !known.has(name));
    if (fresh.length === 0) return [];
    const existing = await this.repository.names();
    return fresh
      .map((name) => ({ name, existing: potentialDuplicates(name, existing) }))
      .filter((found) => found.existing.length > 0);
  }
}
