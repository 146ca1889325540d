// What the Pact Broker does around branches and tags, so that a broker fed only by the official clients
// ends up with the same data (each rule has a setting; all are on by default, as in the Pact Broker):
//   - main branch detection: the first version put on a branch (or given a tag) named like a main branch
//     (develop, main, master) sets the pacticipant's main branch, when it has none;
//   - first tag as branch: a version created without a branch takes its first tag as its branch, when the
//     tag comes within a few seconds of the version's creation (older clients tag right after publishing);
//   - deployments from tags: tagging a version (through the tag resource) with an environment's name
//     records it as deployed there, as `record-deployment` would, for pipelines still tagging deployments.
// Each runs inside the caller's transaction.
import type { BranchSettings } from '../config.ts';
import type { Db } from '../db.ts';
import { DeploymentsRepository } from '../deployments/deployments.repository.ts';
import type { Version } from './versions.repository.ts';

export class BranchRules {
  constructor(private readonly settings: BranchSettings) {}

  /**
   * Sets the pacticipant's main branch from the first of `names` that is a candidate, unless it has one
   * (one conditional update, so concurrent publications cannot overwrite each other's choice).
   */
  async detectMainBranch(db: Db, pacticipantId: number, names: (string | undefined)[]): Promise<void> {
    if (!this.settings.autoDetectMainBranch) return;
    const candidate = names.find(
      (name): name is string => name !== undefined && this.settings.mainBranchCandidates.includes(name),
    );
    if (candidate === undefined) return;
    await db.$executeRaw`UPDATE pacticipants SET main_branch = ${candidate}, updated_at = now() WHERE id = ${pacticipantId} AND main_branch IS NULL`;
  }

  /**
   * The branch a version gets from its first tag: the first of `tags` when the version has no branch and
   * no tag yet and was created within the time limit; undefined otherwise. Call before adding the tags.
   */
  async branchFromFirstTag(db: Db, version: Version, tags: string[]): Promise<string | undefined> {
    const [first] = tags;
    if (!this.settings.useFirstTagAsBranch || first === undefined) return undefined;
    const ageSeconds = (Date.now() - version.createdAt.getTime()) / 1000;
    if (ageSeconds > this.settings.useFirstTagAsBranchTimeLimitSeconds) return undefined;
    const [tagged, onBranch] = await Promise.all([
      db.tag.count({ where: { versionId: version.id } }),
      db.branchVersion.count({ where: { versionId: version.id } }),
    ]);
    return tagged === 0 && onBranch === 0 ? first : undefined;
  }

  /** Records the version as deployed to the environment named like the tag, if there is one. */
  async deploymentForTag(db: Db, pacticipantId: number, versionId: number, tag: string): Promise<void> {
    if (!this.settings.createDeployedVersionsForTags) return;
    const environment = await db.environment.findUnique({ where: { name: tag } });
    if (!environment) return;
    await new DeploymentsRepository(db).recordDeployment(pacticipantId, versionId, environment.id, '');
  }
}
