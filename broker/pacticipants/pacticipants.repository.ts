// Queries over pacticipants and their labels.
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';
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

  /** Pacticipants (with a label, with `query` in their name), by name without case; paged when asked. */
  async list(
    filter: { label?: string; query?: string } = {},
    page?: { skip: number; take: number },
  ): Promise<{ rows: Pacticipant[]; total: number }> {
    const label = filter.label ?? null;
    // ILIKE's wildcards in the query are literal characters, as the Pact Broker escapes them.
    const query = filter.query === undefined ? null : `%${filter.query.replace(/[\\%_]/g, '\\$&')}%`;
    const where = Prisma.sql`(${label}::text IS NULL OR EXISTS (SELECT 1 FROM labels l WHERE l.pacticipant_id = p.id AND l.name = ${label}))
        AND (${query}::text IS NULL OR p.name ILIKE ${query})`;
    const [ids, [count]] = await Promise.all([
      this.db.$queryRaw<{ id: number }[]>`
        SELECT p.id FROM pacticipants p WHERE ${where}
        ORDER BY lower(p.name), p.name OFFSET ${page?.skip ?? 0} LIMIT ${page?.take ?? null}`,
      this.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pacticipants p WHERE ${where}`,
    ]);
    const rows = await this.db.pacticipant.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { rows: ids.flatMap((row) => byId.get(row.id) ?? []), total: count?.n ?? 0 };
  }

  /** Which of `names` are pacticipants already. */
  async existing(names: string[]): Promise<Set<string>> {
    const rows = await this.db.pacticipant.findMany({ where: { name: { in: names } }, select: { name: true } });
    return new Set(rows.map((row) => row.name));
  }

  /** Every pacticipant's name (for the near-duplicate check). */
  async names(): Promise<string[]> {
    return (await this.db.pacticipant.findMany({ select: { name: true } })).map((row) => row.name);
  }

  /** The labels of several pacticipants, by pacticipant id. */
  async labelsOf(ids: number[]): Promise<Map<number, string[]>> {
    const rows = await this.db.label.findMany({
      where: { pacticipantId: { in: ids } },
      orderBy: { name: 'asc' },
      select: { pacticipantId: true, name: true },
    });
    const byId = new Map<number, string[]>();
    for (const row of rows) byId.set(row.pacticipantId, [...(byId.get(row.pacticipantId) ?? []), row.name]);
    return byId;
  }

  /** Distinct label names, paged when asked. */
  async labelNames(page?: { skip: number; take: number }): Promise<{ names: string[]; total: number }> {
    const [rows, [count]] = await Promise.all([
      this.db.$queryRaw<{ name: string }[]>`
        SELECT DISTINCT name FROM labels ORDER BY name OFFSET ${page?.skip ?? 0} LIMIT ${page?.take ?? null}`,
      this.db.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT name)::int AS n FROM labels`,
    ]);
    return { names: rows.map((row) => row.name), total: count?.n ?? 0 };
  }

  findLabel(pacticipantId: number, name: string) {
    return this.db.label.findUnique({ where: { pacticipantId_name: { pacticipantId, name } } });
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
}
