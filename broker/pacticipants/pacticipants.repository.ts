// Queries over pacticipants and their labels.
import type { Db } from '../db.ts';
import type { Pacticipant } from '../../generated/broker-client/client.ts';

export type { Pacticipant };

export interface PacticipantFields {
  displayName?: string | null;
  mainBranch?: string | null;
  repositoryUrl?: string | null;
  repositoryName?: string | null;
  repositoryNamespace?: string | null;
}

export class PacticipantsRepository {
  constructor(private readonly db: Db) {}

  findByName(name: string): Promise<Pacticipant | null> {
    return this.db.pacticipant.findUnique({ where: { name } });
  }

  /** The pacticipant, created if missing; safe when concurrent requests create the same one. */
  async getOrCreate(name: string): Promise<Pacticipant> {
    const [created] = await this.db.pacticipant.createManyAndReturn({ data: [{ name }], skipDuplicates: true });
    return created ?? (await this.db.pacticipant.findUniqueOrThrow({ where: { name } }));
  }

  /**
   * Several pacticipants by name, created where missing, usually in one statement: the insert returns
   * the new ones and the same statement reads the ones that existed. One created by a concurrent
   * transaction after this statement began is invisible to it, so those are read again.
   */
  async getOrCreateMany(names: string[]): Promise<Map<string, { id: number; name: string }>> {
    const sorted = [...new Set(names)].sort(); // a fixed lock order for concurrent creators
    const rows = await this.db.$queryRaw<{ id: number; name: string }[]>`
      WITH ins AS (INSERT INTO pacticipants (name) SELECT unnest(${sorted}::text[]) ON CONFLICT (name) DO NOTHING RETURNING id, name)
      SELECT id, name FROM ins UNION ALL SELECT id, name FROM pacticipants WHERE name = ANY(${sorted}::text[])`;
    const found = new Map(rows.map((row) => [row.name, row]));
    const missing = sorted.filter((name) => !found.has(name));
    if (missing.length > 0) {
      for (const row of await this.db.$queryRaw<
        { id: number; name: string }[]
      >`SELECT id, name FROM pacticipants WHERE name = ANY(${missing}::text[])`)
        found.set(row.name, row);
    }
    return found;
  }

  /** Creates it with these fields, or returns undefined when the name is taken. */
  async create(name: string, fields: PacticipantFields): Promise<Pacticipant | undefined> {
    const [created] = await this.db.pacticipant.createManyAndReturn({
      data: [{ name, ...fields }],
      skipDuplicates: true,
    });
    return created;
  }

  update(id: number, fields: PacticipantFields): Promise<Pacticipant> {
    return this.db.pacticipant.update({ where: { id }, data: fields });
  }

  list(): Promise<Pacticipant[]> {
    return this.db.pacticipant.findMany({ orderBy: { name: 'asc' } });
  }

  async delete(id: number): Promise<void> {
    // Webhooks and everything the pacticipant owns go by foreign-key cascades; pact versions are
    // restricted by their publications, so those go first.
    await this.db.pactPublication.deleteMany({ where: { OR: [{ consumerId: id }, { providerId: id }] } });
    await this.db.pacticipant.delete({ where: { id } });
  }

  /** Each pacticipant's latest version (by creation), for lists. */
  async latestVersionNumbers(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.$queryRaw<{ pacticipant_id: number; number: string }[]>`
      SELECT p.id AS pacticipant_id, v.number FROM unnest(${ids}::int[]) AS p(id)
      CROSS JOIN LATERAL (SELECT number FROM versions WHERE pacticipant_id = p.id ORDER BY id DESC LIMIT 1) v`;
    return new Map(rows.map((row) => [row.pacticipant_id, row.number]));
  }

  labels(pacticipantId: number): Promise<{ name: string }[]> {
    return this.db.label.findMany({ where: { pacticipantId }, orderBy: { name: 'asc' }, select: { name: true } });
  }

  async addLabel(pacticipantId: number, name: string): Promise<boolean> {
    const created = await this.db.label.createMany({ data: [{ pacticipantId, name }], skipDuplicates: true });
    return created.count === 1;
  }

  async removeLabel(pacticipantId: number, name: string): Promise<boolean> {
    const removed = await this.db.label.deleteMany({ where: { pacticipantId, name } });
    return removed.count > 0;
  }

  withLabel(name: string): Promise<Pacticipant[]> {
    return this.db.pacticipant.findMany({ where: { labels: { some: { name } } }, orderBy: { name: 'asc' } });
  }
}
