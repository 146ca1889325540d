// Pacticipants (the applications: consumers and providers) and their labels.
import type { PrismaClient } from '../prisma-client.ts';
import { inTransaction } from '../db.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { PacticipantsRepository, type Pacticipant, type PacticipantFields } from './pacticipants.repository.ts';

export interface PacticipantWithLatest {
  pacticipant: Pacticipant;
  latestVersionNumber: string | undefined;
  labels: string[];
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
    const [latest, labels] = await Promise.all([
      this.repository.latestVersionNumbers([pacticipant.id]),
      this.repository.labels(pacticipant.id),
    ]);
    return { pacticipant, latestVersionNumber: latest.get(pacticipant.id), labels: labels.map((label) => label.name) };
  }

  async list(label?: string): Promise<PacticipantWithLatest[]> {
    const pacticipants = label === undefined ? await this.repository.list() : await this.repository.withLabel(label);
    const latest = await this.repository.latestVersionNumbers(pacticipants.map((p) => p.id));
    return pacticipants.map((pacticipant) => ({
      pacticipant,
      latestVersionNumber: latest.get(pacticipant.id),
      labels: [],
    }));
  }

  /** POST /pacticipants: a new pacticipant (400 when the name is taken, as the Pact Broker answers). */
  async create(name: string, fields: PacticipantFields): Promise<Pacticipant> {
    const created = await this.repository.create(name, fields);
    if (!created) throw ValidationError.field('name', `A pacticipant with name '${name}' already exists`);
    return created;
  }

  /** PUT/PATCH /pacticipants/{name}: updates the given fields, creating the pacticipant when missing. */
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

  async addLabel(name: string, label: string): Promise<{ created: boolean }> {
    const pacticipant = await this.find(name);
    return { created: await this.repository.addLabel(pacticipant.id, label) };
  }

  async hasLabel(name: string, label: string): Promise<boolean> {
    const pacticipant = await this.find(name);
    const labels = await this.repository.labels(pacticipant.id);
    return labels.some((candidate) => candidate.name === label);
  }

  async removeLabel(name: string, label: string): Promise<void> {
    const pacticipant = await this.find(name);
    if (!(await this.repository.removeLabel(pacticipant.id, label)))
      throw new NotFoundError(`${name} has no label '${label}'`);
  }
}
