// Queries over pacticipant versions, their branches and their tags. "Latest" is the highest id.
import type { Db } from '../db.ts';
import type { Branch, Version } from '../../generated/broker-client/client.ts';

export type { Branch, Version };

export interface VersionDetails {
  branches: { name: string; createdAt: Date; latest: boolean }[];
  tags: { name: string; createdAt: Date; latest: boolean }[];
}

export class VersionsRepository {
  constructor(private readonly db: Db) {}

  find(pacticipantId: number, number: string): Promise<Version | null> {
    return this.db.version.findUnique({ where: { pacticipantId_number: { pacticipantId, number } } });
  }

  /** The version, created if missing (safe under concurrency); a given build URL is recorded. */
  async getOrCreate(
    pacticipantId: number,
    number: string,
    buildUrl?: string,
  ): Promise<{ version: Version; created: boolean }> {
    const [created] = await this.db.version.createManyAndReturn({
      data: [{ pacticipantId, number, buildUrl: buildUrl ?? null }],
      skipDuplicates: true,
    });
    if (created) return { version: created, created: true };
    const existing = await this.db.version.findUniqueOrThrow({
      where: { pacticipantId_number: { pacticipantId, number } },
    });
    if (buildUrl !== undefined && existing.buildUrl !== buildUrl) {
      return {
        version: await this.db.version.update({ where: { id: existing.id }, data: { buildUrl } }),
        created: false,
      };
    }
    return { version: existing, created: false };
  }

  latest(pacticipantId: number): Promise<Version | null> {
    return this.db.version.findFirst({ where: { pacticipantId }, orderBy: { id: 'desc' } });
  }

  latestWithTag(pacticipantId: number, tag: string): Promise<Version | null> {
    return this.db.version.findFirst({
      where: { pacticipantId, tags: { some: { name: tag } } },
      orderBy: { id: 'desc' },
    });
  }

  /** Newest first; only those with `tag` when given. */
  list(pacticipantId: number, skip: number, take: number | undefined, tag?: string): Promise<Version[]> {
    return this.db.version.findMany({
      where: { pacticipantId, ...(tag !== undefined ? { tags: { some: { name: tag } } } : {}) },
      orderBy: { id: 'desc' },
      skip,
      ...(take !== undefined ? { take } : {}),
    });
  }

  count(pacticipantId: number, tag?: string): Promise<number> {
    return this.db.version.count({
      where: { pacticipantId, ...(tag !== undefined ? { tags: { some: { name: tag } } } : {}) },
    });
  }

  /** Replaces a version's tags with these (in this order). */
  async replaceTags(pacticipantId: number, versionId: number, names: string[]): Promise<void> {
    await this.db.tag.deleteMany({ where: { versionId } });
    for (const name of [...new Set(names)]) await this.db.tag.create({ data: { pacticipantId, versionId, name } });
  }

  async delete(id: number): Promise<void> {
    await this.db.pactPublication.deleteMany({ where: { consumerVersionId: id } });
    await this.db.version.delete({ where: { id } });
  }

  /** Branches and tags of a version, each marked when this version is the newest on it. */
  async details(version: Version): Promise<VersionDetails> {
    const [branches, tags] = await Promise.all([
      this.db.$queryRaw<{ name: string; created_at: Date; latest: boolean }[]>`
        SELECT bv.branch_name AS name, bv.created_at,
          NOT EXISTS (SELECT 1 FROM branch_versions later WHERE later.branch_id = bv.branch_id AND later.version_id > bv.version_id) AS latest
        FROM branch_versions bv WHERE bv.version_id = ${version.id} ORDER BY bv.created_at, bv.branch_name`,
      this.db.$queryRaw<{ name: string; created_at: Date; latest: boolean }[]>`
        SELECT t.name, t.created_at,
          NOT EXISTS (SELECT 1 FROM tags later
             WHERE later.pacticipant_id = t.pacticipant_id AND later.name = t.name AND later.version_id > t.version_id) AS latest
        FROM tags t WHERE t.version_id = ${version.id} ORDER BY t.created_at, t.name`,
    ]);
    return {
      branches: branches.map((row) => ({ name: row.name, createdAt: row.created_at, latest: row.latest })),
      tags: tags.map((row) => ({ name: row.name, createdAt: row.created_at, latest: row.latest })),
    };
  }

  // Branches

  findBranch(pacticipantId: number, name: string): Promise<Branch | null> {
    return this.db.branch.findUnique({ where: { pacticipantId_name: { pacticipantId, name } } });
  }

  /** A page of a pacticipant's branches, most recently updated first, optionally whose name contains `query`. */
  async listBranches(
    pacticipantId: number,
    options: { query?: string; skip?: number; take?: number } = {},
  ): Promise<{ branches: Branch[]; total: number }> {
    const where = {
      pacticipantId,
      ...(options.query ? { name: { contains: options.query, mode: 'insensitive' as const } } : {}),
    };
    const [branches, total] = await Promise.all([
      this.db.branch.findMany({
        where,
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        ...(options.skip === undefined ? {} : { skip: options.skip }),
        ...(options.take === undefined ? {} : { take: options.take }),
      }),
      this.db.branch.count({ where }),
    ]);
    return { branches, total };
  }

  /** Deletes a pacticipant's branches except those named (their versions stay); returns the names deleted. */
  async deleteBranchesExcept(pacticipantId: number, keep: string[]): Promise<string[]> {
    const doomed = await this.db.branch.findMany({ where: { pacticipantId, name: { notIn: keep } } });
    await this.db.branch.deleteMany({ where: { id: { in: doomed.map((branch) => branch.id) } } });
    return doomed.map((branch) => branch.name);
  }

  /**
   * Puts a version on a branch (creating the branch) and tags it, usually in one statement. When the
   * branch was created by a concurrent transaction after the statement began, the statement cannot
   * see it and adds nothing; a second statement (which can) then does.
   */
  async putOnBranchAndTag(
    pacticipantId: number,
    versionId: number,
    branch: string | undefined,
    tags: string[],
  ): Promise<void> {
    if (branch === undefined) {
      if (tags.length > 0) {
        await this.db.$executeRaw`INSERT INTO tags (version_id, name, pacticipant_id)
            SELECT ${versionId}, unnest(${tags}::text[]), ${pacticipantId} ON CONFLICT (version_id, name) DO NOTHING`;
      }
      return;
    }
    const added = await this.db.$queryRaw<{ branch_id: number }[]>`
      WITH tagged AS (
        INSERT INTO tags (version_id, name, pacticipant_id) SELECT ${versionId}, unnest(${tags}::text[]), ${pacticipantId}
        ON CONFLICT (version_id, name) DO NOTHING
      ), new_branch AS (
        INSERT INTO branches (pacticipant_id, name) VALUES (${pacticipantId}, ${branch}) ON CONFLICT (pacticipant_id, name) DO NOTHING RETURNING id
      ), branch AS (
        SELECT id FROM new_branch UNION ALL SELECT id FROM branches WHERE pacticipant_id = ${pacticipantId} AND name = ${branch}
      )
      INSERT INTO branch_versions (branch_id, version_id, pacticipant_id, branch_name)
      SELECT id, ${versionId}, ${pacticipantId}, ${branch} FROM branch LIMIT 1
      ON CONFLICT (branch_id, version_id) DO NOTHING
      RETURNING branch_id`;
    if (added.length === 0) {
      await this.db.$executeRaw`
        INSERT INTO branch_versions (branch_id, version_id, pacticipant_id, branch_name)
        SELECT id, ${versionId}, ${pacticipantId}, name FROM branches WHERE pacticipant_id = ${pacticipantId} AND name = ${branch}
        ON CONFLICT (branch_id, version_id) DO NOTHING`;
    }
    await this.db.$executeRaw`UPDATE branches SET updated_at = now()
        WHERE pacticipant_id = ${pacticipantId} AND name = ${branch} AND updated_at < now() - interval '60 seconds'`;
  }

  /** Puts a version on a branch (creating the branch); returns whether the version was new to it. */
  async addToBranch(
    pacticipantId: number,
    version: Version,
    name: string,
  ): Promise<{ branch: Branch; added: boolean }> {
    const [createdBranch] = await this.db.branch.createManyAndReturn({
      data: [{ pacticipantId, name }],
      skipDuplicates: true,
    });
    const branch =
      createdBranch ??
      (await this.db.branch.findUniqueOrThrow({ where: { pacticipantId_name: { pacticipantId, name } } }));
    const added = await this.db.branchVersion.createMany({
      data: [{ branchId: branch.id, versionId: version.id, pacticipantId, branchName: name }],
      skipDuplicates: true,
    });
    await this.touchBranch(branch.id);
    return { branch, added: added.count === 1 };
  }

  /**
   * Marks a branch as just used (branches are listed most recently updated first). As the Pact Broker does,
   * at most once a minute: publications to one branch need not queue on its row lock.
   */
  async touchBranch(branchId: number): Promise<void> {
    await this.db
      .$executeRaw`UPDATE branches SET updated_at = now() WHERE id = ${branchId} AND updated_at < now() - interval '60 seconds'`;
  }

  async removeFromBranch(branchId: number, versionId: number): Promise<boolean> {
    const removed = await this.db.branchVersion.deleteMany({ where: { branchId, versionId } });
    return removed.count > 0;
  }

  isOnBranch(branchId: number, versionId: number): Promise<boolean> {
    return this.db.branchVersion.count({ where: { branchId, versionId } }).then((count) => count > 0);
  }

  async deleteBranch(branchId: number): Promise<void> {
    await this.db.branch.delete({ where: { id: branchId } });
  }

  async branchVersions(branchId: number, skip: number, take: number): Promise<{ versions: Version[]; total: number }> {
    const where = { branchVersions: { some: { branchId } } };
    const [versions, total] = await Promise.all([
      this.db.version.findMany({ where, orderBy: { id: 'desc' }, skip, take }),
      this.db.version.count({ where }),
    ]);
    return { versions, total };
  }

  latestOnBranchId(branchId: number): Promise<Version | null> {
    return this.db.version.findFirst({ where: { branchVersions: { some: { branchId } } }, orderBy: { id: 'desc' } });
  }

  // Tags

  /** Tags a version; returns whether the tag was new. */
  async addTag(pacticipantId: number, versionId: number, name: string): Promise<boolean> {
    const created = await this.db.tag.createMany({ data: [{ pacticipantId, versionId, name }], skipDuplicates: true });
    return created.count === 1;
  }

  findTag(versionId: number, name: string) {
    return this.db.tag.findUnique({ where: { versionId_name: { versionId, name } } });
  }

  async removeTag(versionId: number, name: string): Promise<boolean> {
    const removed = await this.db.tag.deleteMany({ where: { versionId, name } });
    return removed.count > 0;
  }

  tagsOf(versionId: number) {
    return this.db.tag.findMany({ where: { versionId }, orderBy: { createdAt: 'asc' } });
  }
}
