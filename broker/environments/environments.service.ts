// Environments, and what is deployed or released in them.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../prisma-client.ts';
import { inTransaction } from '../db.ts';
import { DeploymentsRepository, versionsInEnvironment } from '../deployments/deployments.repository.ts';
import { NotFoundError, UnprocessableError, ValidationError } from '../domain-errors.ts';
import { PacticipantsRepository } from '../pacticipants/pacticipants.repository.ts';
import { VersionsRepository } from '../versions/versions.repository.ts';
import { isUuid } from '../schemas/environment.ts';
import { EnvironmentsRepository, type Environment, type EnvironmentFields } from './environments.repository.ts';

export type { EnvironmentFields };

export class EnvironmentsService {
  constructor(private readonly prisma: PrismaClient) {}

  private get environments(): EnvironmentsRepository {
    return new EnvironmentsRepository(this.prisma);
  }

  list(name?: string): Promise<Environment[]> {
    return this.environments.list(name);
  }

  async find(uuid: string): Promise<Environment> {
    const environment = isUuid(uuid) ? await this.environments.byUuid(uuid) : null;
    if (!environment) throw new NotFoundError(`No environment with uuid '${uuid}' found`);
    return environment;
  }

  async create(fields: EnvironmentFields, uuid: string = randomUUID()): Promise<Environment> {
    const created = await this.environments.create(uuid, fields);
    if (created) return created;
    if (await this.environments.byUuid(uuid))
      throw ValidationError.field('uuid', `An environment with uuid '${uuid}' already exists`);
    throw ValidationError.field('name', `Another environment with name '${fields.name}' already exists`);
  }

  /** PUT /environments/{uuid}: replaces it (404 when there is none: the Pact Broker creates environments only by POST). */
  async replace(uuid: string, fields: EnvironmentFields): Promise<Environment> {
    const existing = await this.find(uuid);
    const clash = await this.environments.byName(fields.name);
    if (clash && clash.id !== existing.id)
      throw ValidationError.field('name', `Another environment with name '${fields.name}' already exists`);
    return this.environments.update(existing.id, fields);
  }

  async delete(uuid: string): Promise<void> {
    const environment = await this.find(uuid);
    await this.environments.delete(environment.id);
  }

  private async versionOf(pacticipantName: string, versionNumber: string) {
    const pacticipant = await new PacticipantsRepository(this.prisma).findByName(pacticipantName);
    if (!pacticipant) throw new NotFoundError(`No pacticipant with name '${pacticipantName}' found`);
    const version = await new VersionsRepository(this.prisma).find(pacticipant.id, versionNumber);
    if (!version) throw new NotFoundError(`No version ${versionNumber} of ${pacticipantName} found`);
    return { pacticipant, version };
  }

  async recordDeployment(
    pacticipantName: string,
    versionNumber: string,
    environmentUuid: string,
    applicationInstance: string | undefined,
  ) {
    const { pacticipant, version } = await this.versionOf(pacticipantName, versionNumber);
    const environment = await this.find(environmentUuid);
    const uuid = await inTransaction(this.prisma, (tx) =>
      new DeploymentsRepository(tx).recordDeployment(
        pacticipant.id,
        version.id,
        environment.id,
        applicationInstance ?? '',
      ),
    );
    return (await new DeploymentsRepository(this.prisma).deployedVersion(uuid))!;
  }

  async deploymentsOf(pacticipantName: string, versionNumber: string, environmentUuid: string) {
    const { version } = await this.versionOf(pacticipantName, versionNumber);
    const environment = await this.find(environmentUuid);
    return new DeploymentsRepository(this.prisma).deploymentsOfVersion(version.id, environment.id);
  }

  async recordRelease(pacticipantName: string, versionNumber: string, environmentUuid: string) {
    const { pacticipant, version } = await this.versionOf(pacticipantName, versionNumber);
    const environment = await this.find(environmentUuid);
    return new DeploymentsRepository(this.prisma).recordRelease(pacticipant.id, version.id, environment.id);
  }

  async releasesOf(pacticipantName: string, versionNumber: string, environmentUuid: string) {
    const { version } = await this.versionOf(pacticipantName, versionNumber);
    const environment = await this.find(environmentUuid);
    return new DeploymentsRepository(this.prisma).releasesOfVersion(version.id, environment.id);
  }

  async deployedVersion(uuid: string) {
    const deployed = isUuid(uuid) ? await new DeploymentsRepository(this.prisma).deployedVersion(uuid) : null;
    if (!deployed) throw new NotFoundError(`No deployed version with uuid '${uuid}' found`);
    return deployed;
  }

  /** PATCH /deployed-versions/{uuid}: only `currentlyDeployed: false` (undeploying) changes anything. */
  async setCurrentlyDeployed(uuid: string, currentlyDeployed: boolean | undefined) {
    const deployed = await this.deployedVersion(uuid);
    if (currentlyDeployed === true && deployed.undeployedAt) {
      throw new UnprocessableError({
        currentlyDeployed: ['cannot be set back to true once undeployed: record a new deployment instead'],
      });
    }
    if (currentlyDeployed === false && !deployed.undeployedAt)
      return new DeploymentsRepository(this.prisma).undeploy(deployed.id);
    return deployed;
  }

  async releasedVersion(uuid: string) {
    const released = isUuid(uuid) ? await new DeploymentsRepository(this.prisma).releasedVersion(uuid) : null;
    if (!released) throw new NotFoundError(`No released version with uuid '${uuid}' found`);
    return released;
  }

  async setCurrentlySupported(uuid: string, currentlySupported: boolean | undefined) {
    const released = await this.releasedVersion(uuid);
    if (currentlySupported === true && released.supportEndedAt) {
      throw new UnprocessableError({
        currentlySupported: ['cannot be set back to true once support has ended: record the release again instead'],
      });
    }
    if (currentlySupported === false && !released.supportEndedAt)
      return new DeploymentsRepository(this.prisma).endSupport(released.id);
    return released;
  }

  /** GET /pacticipants/{p}/environments/{uuid}/versions: the versions ever deployed or released there. */
  async versionsIn(pacticipantName: string, environmentUuid: string, page: number, size: number) {
    const environment = await this.find(environmentUuid);
    const pacticipant = await new PacticipantsRepository(this.prisma).findByName(pacticipantName);
    if (!pacticipant) throw new NotFoundError(`No pacticipant with name '${pacticipantName}' found`);
    const found = await versionsInEnvironment(this.prisma, pacticipant.id, environment.id, {
      skip: (page - 1) * size,
      take: size,
    });
    return { pacticipant, environment, ...found };
  }

  private async pacticipantFilter(name: string | undefined): Promise<{ pacticipantId?: number } | undefined> {
    if (name === undefined) return {};
    const pacticipant = await new PacticipantsRepository(this.prisma).findByName(name);
    return pacticipant ? { pacticipantId: pacticipant.id } : undefined;
  }

  async currentlyDeployed(environmentUuid: string, filter: { pacticipant?: string; applicationInstance?: string }) {
    const environment = await this.find(environmentUuid);
    const byPacticipant = await this.pacticipantFilter(filter.pacticipant);
    if (!byPacticipant) return { environment, deployedVersions: [] };
    const deployedVersions = await new DeploymentsRepository(this.prisma).currentlyDeployed(environment.id, {
      ...byPacticipant,
      ...(filter.applicationInstance === undefined ? {} : { applicationInstance: filter.applicationInstance }),
    });
    return { environment, deployedVersions };
  }

  async currentlySupported(environmentUuid: string, filter: { pacticipant?: string; version?: string }) {
    const environment = await this.find(environmentUuid);
    const byPacticipant = await this.pacticipantFilter(filter.pacticipant);
    if (!byPacticipant) return { environment, releasedVersions: [] };
    const releasedVersions = await new DeploymentsRepository(this.prisma).currentlySupported(
      environment.id,
      byPacticipant,
    );
    return {
      environment,
      releasedVersions:
        filter.version === undefined
          ? releasedVersions
          : releasedVersions.filter((released) => released.version.number === filter.version),
    };
  }
}
