// Pacticipant versions, the branches they are on and their tags. Writes auto-create the pacticipant
// and the version, as the Pact Broker does (the verifier tags provider versions that way).
import type { PrismaClient } from '../prisma-client.ts';
import { inTransaction } from '../db.ts';
import { EnvironmentsRepository } from '../environments/environments.repository.ts';
import { NotFoundError } from '../http/errors.ts';
import { PacticipantsRepository, type Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import { skipOf, type PageRequest } from '../http/pagination.ts';
import { VersionDetailsRepository } from './version-details.repository.ts';
import { VersionsRepository, type Branch, type Version } from './versions.repository.ts';

export interface VersionView {
  pacticipant: Pacticipant;
  version: Version;
}

export class VersionsService {
  constructor(private readonly prisma: PrismaClient) {}

  private async pacticipant(name: string): Promise<Pacticipant> {
    const pacticipant = await new PacticipantsRepository(this.prisma).findByName(name);
    if (!pacticipant) throw new NotFoundError(`No pacticipant with name '${name}' found`);
    return pacticipant;
  }

  async find(pacticipantName: string, number: string): Promise<VersionView> {
    const pacticipant = await this.pacticipant(pacticipantName);
    const version = await new VersionsRepository(this.prisma).find(pacticipant.id, number);
    if (!version) throw new NotFoundError(`No version ${number} of ${pacticipantName} found`);
    return { pacticipant, version };
  }

  /** Everything the version resource shows: branches, tags, pacts, environments, deployments, releases. */
  async describe(pacticipantName: string, number: string) {
    const view = await this.find(pacticipantName, number);
    const [details, environments] = await Promise.all([
      new VersionDetailsRepository(this.prisma).detailsFor([view.version.id]),
      new EnvironmentsRepository(this.prisma).list(),
    ]);
    return { ...view, details: details.get(view.version.id)!, environments };
  }

  /**
   * PUT (`overwrite`) or PATCH (`update`) /pacticipants/{p}/versions/{v}, creating what is missing. PUT
   * sets the build URL to the one given (none clears it); PATCH changes it only when given. Either puts
   * the version on a given branch, and replaces its tags when `tags` is given.
   */
  async put(
    pacticipantName: string,
    number: string,
    fields: { branch?: string; buildUrl?: string; tags?: string[] },
    mode: 'overwrite' | 'update' = 'update',
  ): Promise<{ created: boolean }> {
    return inTransaction(this.prisma, async (tx) => {
      const pacticipant = await new PacticipantsRepository(tx).getOrCreate(pacticipantName);
      const versions = new VersionsRepository(tx);
      const { version, created } = await versions.getOrCreate(pacticipant.id, number, fields.buildUrl);
      if (mode === 'overwrite' && fields.buildUrl === undefined && version.buildUrl !== null)
        await tx.version.update({ where: { id: version.id }, data: { buildUrl: null } });
      if (fields.branch !== undefined) await versions.addToBranch(pacticipant.id, version, fields.branch);
      if (fields.tags !== undefined) await versions.replaceTags(pacticipant.id, version.id, fields.tags);
      return { created };
    });
  }

  async delete(pacticipantName: string, number: string): Promise<void> {
    const { version } = await this.find(pacticipantName, number);
    await inTransaction(this.prisma, (tx) => new VersionsRepository(tx).delete(version.id));
  }

  async latest(pacticipantName: string, tag?: string): Promise<VersionView> {
    const pacticipant = await this.pacticipant(pacticipantName);
    const versions = new VersionsRepository(this.prisma);
    const version =
      tag === undefined ? await versions.latest(pacticipant.id) : await versions.latestWithTag(pacticipant.id, tag);
    if (!version)
      throw new NotFoundError(`No ${tag === undefined ? '' : `'${tag}' `}version of ${pacticipantName} found`);
    return { pacticipant, version };
  }

  /** A pacticipant's versions, newest first (those with a tag when given), with their details; paged when asked. */
  async list(pacticipantName: string, page: PageRequest | undefined, tag?: string) {
    const pacticipant = await this.pacticipant(pacticipantName);
    const versions = new VersionsRepository(this.prisma);
    const [items, total, environments] = await Promise.all([
      versions.list(pacticipant.id, skipOf(page), page?.size, tag),
      versions.count(pacticipant.id, tag),
      new EnvironmentsRepository(this.prisma).list(),
    ]);
    if (tag !== undefined && total === 0)
      throw new NotFoundError(`No version of ${pacticipantName} has the tag '${tag}'`);
    const details = await new VersionDetailsRepository(this.prisma).detailsFor(items.map((version) => version.id));
    return {
      pacticipant,
      versions: items.map((version) => ({ version, details: details.get(version.id)! })),
      total,
      environments,
    };
  }

  // Tags

  async putTag(pacticipantName: string, number: string, tag: string): Promise<{ created: boolean }> {
    return inTransaction(this.prisma, async (tx) => {
      const pacticipant = await new PacticipantsRepository(tx).getOrCreate(pacticipantName);
      const versions = new VersionsRepository(tx);
      const { version } = await versions.getOrCreate(pacticipant.id, number);
      return { created: await versions.addTag(pacticipant.id, version.id, tag) };
    });
  }

  async findTag(pacticipantName: string, number: string, tag: string) {
    const view = await this.find(pacticipantName, number);
    const found = await new VersionsRepository(this.prisma).findTag(view.version.id, tag);
    if (!found) throw new NotFoundError(`Version ${number} of ${pacticipantName} has no tag '${tag}'`);
    return { ...view, tag: found };
  }

  async tags(pacticipantName: string, number: string) {
    const view = await this.find(pacticipantName, number);
    return { ...view, tags: await new VersionsRepository(this.prisma).tagsOf(view.version.id) };
  }

  async deleteTag(pacticipantName: string, number: string, tag: string): Promise<void> {
    const { version } = await this.find(pacticipantName, number);
    if (!(await new VersionsRepository(this.prisma).removeTag(version.id, tag))) {
      throw new NotFoundError(`Version ${number} of ${pacticipantName} has no tag '${tag}'`);
    }
  }

  // Branches

  async findBranch(
    pacticipantName: string,
    branchName: string,
  ): Promise<{ pacticipant: Pacticipant; branch: Branch; latest: Version | null }> {
    const pacticipant = await this.pacticipant(pacticipantName);
    const versions = new VersionsRepository(this.prisma);
    const branch = await versions.findBranch(pacticipant.id, branchName);
    if (!branch) throw new NotFoundError(`No branch '${branchName}' of ${pacticipantName} found`);
    return { pacticipant, branch, latest: await versions.latestOnBranchId(branch.id) };
  }

  /** A pacticipant's branches, most recently updated first (names containing `query` when given); always paged. */
  async branches(pacticipantName: string, page: PageRequest = { number: 1, size: 100 }, query?: string) {
    const pacticipant = await this.pacticipant(pacticipantName);
    const where = {
      pacticipantId: pacticipant.id,
      ...(query !== undefined ? { name: { contains: query, mode: 'insensitive' as const } } : {}),
    };
    const [branches, total] = await Promise.all([
      this.prisma.branch.findMany({
        where,
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        skip: skipOf(page),
        take: page.size,
      }),
      this.prisma.branch.count({ where }),
    ]);
    return { pacticipant, branches, total, page };
  }

  async branchVersions(pacticipantName: string, branchName: string) {
    const found = await this.findBranch(pacticipantName, branchName);
    return { ...found, versions: await new VersionsRepository(this.prisma).branchVersions(found.branch.id, 100) };
  }

  async deleteBranch(pacticipantName: string, branchName: string): Promise<void> {
    const { branch } = await this.findBranch(pacticipantName, branchName);
    await new VersionsRepository(this.prisma).deleteBranch(branch.id);
  }

  /** PUT .../branches/{b}/versions/{v}: puts the version on the branch, creating what is missing. */
  async putBranchVersion(pacticipantName: string, branchName: string, number: string): Promise<{ created: boolean }> {
    return inTransaction(this.prisma, async (tx) => {
      const pacticipant = await new PacticipantsRepository(tx).getOrCreate(pacticipantName);
      const versions = new VersionsRepository(tx);
      const { version } = await versions.getOrCreate(pacticipant.id, number);
      return { created: (await versions.addToBranch(pacticipant.id, version, branchName)).added };
    });
  }

  async findBranchVersion(pacticipantName: string, branchName: string, number: string) {
    const { pacticipant, branch } = await this.findBranch(pacticipantName, branchName);
    const versions = new VersionsRepository(this.prisma);
    const version = await versions.find(pacticipant.id, number);
    if (!version || !(await versions.isOnBranch(branch.id, version.id))) {
      throw new NotFoundError(`Version ${number} of ${pacticipantName} is not on branch '${branchName}'`);
    }
    return { pacticipant, branch, version };
  }

  async deleteBranchVersion(pacticipantName: string, branchName: string, number: string): Promise<void> {
    const { branch, version } = await this.findBranchVersion(pacticipantName, branchName, number);
    await new VersionsRepository(this.prisma).removeFromBranch(branch.id, version.id);
  }
}
