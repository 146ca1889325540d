// Queries over deployed versions (one current deployment per pacticipant, environment and application
// instance) and released versions (any number supported at once).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db.ts';

const withRelations = { pacticipant: true, version: true, environment: true } as const;

export class DeploymentsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records that a version is deployed; the previous deployment of the same pacticipant, environment
   * and application instance is undeployed. A transaction-scoped advisory lock on (pacticipant,
   * environment) serialises concurrent recordings, so exactly one deployment stays current. Returns
   * the deployment's uuid (read it with relations after the transaction).
   */
  async recordDeployment(
    pacticipantId: number,
    versionId: number,
    environmentId: number,
    applicationInstance: string,
  ): Promise<string> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(${pacticipantId}::int, ${environmentId}::int)`;
    await this.db.deployedVersion.updateMany({
      where: { pacticipantId, environmentId, applicationInstance, undeployedAt: null, versionId: { not: versionId } },
      data: { undeployedAt: new Date() },
    });
    const current = await this.db.deployedVersion.findFirst({
      where: { versionId, environmentId, applicationInstance, undeployedAt: null },
    });
    if (current) return current.uuid;
    const uuid = randomUUID();
    await this.db.deployedVersion.create({
      data: { uuid, pacticipantId, versionId, environmentId, applicationInstance },
    });
    return uuid;
  }

  deployedVersion(uuid: string) {
    return this.db.deployedVersion.findUnique({ where: { uuid }, include: withRelations });
  }

  // Writes and relation loads are separate calls: a write with `include` makes Prisma load relations
  // with concurrent queries on one connection, which node-postgres only queues (and warns about).
  async undeploy(id: number) {
    await this.db.deployedVersion.update({ where: { id }, data: { undeployedAt: new Date() } });
    return this.db.deployedVersion.findUniqueOrThrow({ where: { id }, include: withRelations });
  }

  currentlyDeployed(environmentId: number, filter: { pacticipantId?: number; applicationInstance?: string } = {}) {
    return this.db.deployedVersion.findMany({
      where: { environmentId, undeployedAt: null, ...filter },
      include: withRelations,
      orderBy: { createdAt: 'asc' },
    });
  }

  deploymentsOfVersion(versionId: number, environmentId?: number) {
    return this.db.deployedVersion.findMany({
      where: { versionId, ...(environmentId === undefined ? {} : { environmentId }) },
      include: withRelations,
      orderBy: { createdAt: 'asc' },
    });
  }

  deploymentsOfVersions(versionIds: number[]) {
    return this.db.deployedVersion.findMany({
      where: { versionId: { in: versionIds } },
      include: withRelations,
      orderBy: { createdAt: 'asc' },
    });
  }

  releasesOfVersions(versionIds: number[]) {
    return this.db.releasedVersion.findMany({
      where: { versionId: { in: versionIds } },
      include: withRelations,
      orderBy: { createdAt: 'asc' },
    });
  }

  /** Records a release (again: support resumes); returns whether it was new. */
  async recordRelease(pacticipantId: number, versionId: number, environmentId: number) {
    const [created] = await this.db.releasedVersion.createManyAndReturn({
      data: [{ uuid: randomUUID(), pacticipantId, versionId, environmentId }],
      skipDuplicates: true,
      select: { id: true },
    });
    if (!created)
      await this.db.releasedVersion.updateMany({ where: { versionId, environmentId }, data: { supportEndedAt: null } });
    const release = await this.db.releasedVersion.findUniqueOrThrow({
      where: { versionId_environmentId: { versionId, environmentId } },
      include: withRelations,
    });
    return { release, created: Boolean(created) };
  }

  releasedVersion(uuid: string) {
    return this.db.releasedVersion.findUnique({ where: { uuid }, include: withRelations });
  }

  async endSupport(id: number) {
    await this.db.releasedVersion.update({ where: { id }, data: { supportEndedAt: new Date() } });
    return this.db.releasedVersion.findUniqueOrThrow({ where: { id }, include: withRelations });
  }

  currentlySupported(environmentId: number, filter: { pacticipantId?: number } = {}) {
    return this.db.releasedVersion.findMany({
      where: { environmentId, supportEndedAt: null, ...filter },
      include: withRelations,
      orderBy: { createdAt: 'asc' },
    });
  }

  releasesOfVersion(versionId: number, environmentId?: number) {
    return this.db.releasedVersion.findMany({
      where: { versionId, ...(environmentId === undefined ? {} : { environmentId }) },
      include: withRelations,
      orderBy: { createdAt: 'asc' },
    });
  }
}

/** A pacticipant's versions ever deployed or released to an environment, newest first, one page of them. */
export async function versionsInEnvironment(
  db: Db,
  pacticipantId: number,
  environmentId: number,
  page: { skip: number; take: number },
) {
  const where = {
    pacticipantId,
    OR: [{ deployedVersions: { some: { environmentId } } }, { releasedVersions: { some: { environmentId } } }],
  };
  const [versions, total] = await Promise.all([
    db.version.findMany({ where, orderBy: { id: 'desc' }, skip: page.skip, take: page.take }),
    db.version.count({ where }),
  ]);
  const ids = versions.map((version) => version.id);
  const deployments = new DeploymentsRepository(db);
  const [deployed, released] = await Promise.all([
    deployments.deploymentsOfVersions(ids),
    deployments.releasesOfVersions(ids),
  ]);
  return { versions, total, deployed, released };
}

export type DeployedVersionRow = NonNullable<Awaited<ReturnType<DeploymentsRepository['deployedVersion']>>>;
export type ReleasedVersionRow = NonNullable<Awaited<ReturnType<DeploymentsRepository['releasedVersion']>>>;
