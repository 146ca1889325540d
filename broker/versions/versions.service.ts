// Pacticipant versions, the branches they are on and their tags. Writes auto-create the pacticipant
// and the version, as the Pact Broker does (the verifier tags provider versions that way).
import type { PrismaClient } from '../prisma-client.ts';
import { DEFAULT_BRANCH_SETTINGS, type BranchSettings } from '../config.ts';
import { inTransaction } from '../db.ts';
import { EnvironmentsRepository } from '../environments/environments.repository.ts';
import { NotFoundError } from '../domain-errors.ts';
import { PacticipantsRepository, type Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import { BranchRules } from './branch-rules.ts';
import { skipOf, type PageRequest } from '../paging.ts';
import { VersionDetailsRepository } from './version-details.repository.ts';
import { DeploymentsRepository } from '../deployments/deployments.repository.ts';
import { VersionsRepository, type Branch, type Version } from './versions.repository.ts';

export interface VersionView {
  pacticipant: Pacticipant;
  version: Version;
}

export class VersionsService {
  private readonly rules: BranchRules;

  constructor(
    private readonly prisma: PrismaClient,
    settings: BranchSettings = DEFAULT_BRANCH_SETTINGS,
  ) {
    this.rules = new BranchRules(settings);
  }

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
      if (fields.branch !== undefined) {
        await versions.addToBranch(pacticipant.id, version, fields.branch);
        await this.rules.detectMainBranch(tx, pacticipant.id, [fields.branch]);
      }
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

  /**
   * Tags a version (creating what is missing). A first tag may become the version's branch and the
   * pacticipant's main branch; through the tag resource (`fromTagResource`), a tag named after an
   * environment also records a deployment there, as the Pact Broker's tag resource does. `plain` skips both
   * (test data, like the Pact Broker's own builder, writes tags directly).
   */
  async putTag(
    pacticipantName: string,
    number: string,
    tag: string,
    options: { fromTagResource?: boolean; plain?: boolean } = {},
  ): Promise<{ created: boolean }> {
    return inTransaction(this.prisma, async (tx) => {
      const pacticipant = await new PacticipantsRepository(tx).getOrCreate(pacticipantName);
      const versions = new VersionsRepository(tx);
      const { version } = await versions.getOrCreate(pacticipant.id, number);
      if (!options.plain) {
        const branch = await this.rules.branchFromFirstTag(tx, version, [tag]);
        if (branch !== undefined) await versions.addToBranch(pacticipant.id, version, branch);
        await this.rules.detectMainBranch(tx, pacticipant.id, [tag]);
      }
      const created = await versions.addTag(pacticipant.id, version.id, tag);
      if (options.fromTagResource) await this.rules.deploymentForTag(tx, pacticipant.id, version.id, tag);
      return { created };
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

  /** A page of the pacticipant's branches (most recently updated first), optionally filtered by name. */
  async branches(pacticipantName: string, options: { query?: string; page: number; size: number }) {
    const pacticipant = await this.pacticipant(pacticipantName);
    const { branches, total } = await new VersionsRepository(this.prisma).listBranches(pacticipant.id, {
      ...(options.query === undefined ? {} : { query: options.query }),
      skip: (options.page - 1) * options.size,
      take: options.size,
    });
    return { pacticipant, branches, total };
  }

  /**
   * DELETE /pacticipants/{p}/branches: deletes every branch except those named and the main branch (the
   * versions stay). Returns what was deleted and the branches left.
   */
  async deleteBranches(pacticipantName: string, exclude: string[]) {
    const pacticipant = await this.pacticipant(pacticipantName);
    const keep = [...exclude, ...(pacticipant.mainBranch ? [pacticipant.mainBranch] : [])];
    return inTransaction(this.prisma, async (tx) => {
      const versions = new VersionsRepository(tx);
      const deleted = await versions.deleteBranchesExcept(pacticipant.id, keep);
      const { branches: remaining } = await versions.listBranches(pacticipant.id);
      return { pacticipant, deleted, remaining };
    });
  }

  /** A page of the versions on a branch, newest first, with where each is deployed or released. */
  async branchVersions(pacticipantName: string, branchName: string, page: { page: number; size: number }) {
    const found = await this.findBranch(pacticipantName, branchName);
    const { versions, total } = await new VersionsRepository(this.prisma).branchVersions(
      found.branch.id,
      (page.page - 1) * page.size,
      page.size,
    );
    const ids = versions.map((version) => version.id);
    const deployments = new DeploymentsRepository(this.prisma);
    const [deployed, released] = await Promise.all([
      deployments.deploymentsOfVersions(ids),
      deployments.releasesOfVersions(ids),
    ]);
    return { ...found, versions, total, deployed, released };
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
      const { added } = await versions.addToBranch(pacticipant.id, version, branchName);
      await this.rules.detectMainBranch(tx, pacticipant.id, [branchName]);
      return { created: added };
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
