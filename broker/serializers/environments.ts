// HAL bodies for environments and the versions deployed or released in them.
import type { DeployedVersionRow, ReleasedVersionRow } from '../deployments/deployments.repository.ts';
import type { Environment } from '../environments/environments.repository.ts';
import { displayNameFor } from './display-name.ts';
import type { Urls } from '../urls.ts';
import { briefVersionBody } from './versions.ts';

export function environmentBody(urls: Urls, environment: Environment) {
  return {
    uuid: environment.uuid,
    name: environment.name,
    displayName: displayNameFor(environment.name, environment.displayName),
    production: environment.production,
    contacts: environment.contacts ?? undefined,
    createdAt: environment.createdAt.toISOString(),
    updatedAt: environment.updatedAt.toISOString(),
    _links: {
      self: { title: 'Environment', name: environment.name, href: urls.environment(environment.uuid) },
      'pb:currently-deployed-deployed-versions': {
        title: 'Versions currently deployed here',
        href: urls.currentlyDeployed(environment.uuid),
      },
      'pb:currently-supported-released-versions': {
        title: 'Released versions still supported here',
        href: urls.currentlySupported(environment.uuid),
      },
      'pb:environments': { title: 'Environments', href: urls.environments() },
    },
  };
}

export function environmentsBody(urls: Urls, environments: Environment[]) {
  return {
    _embedded: { environments: environments.map((environment) => environmentBody(urls, environment)) },
    _links: {
      self: { title: 'Environments', href: urls.environments() },
      'pb:create': { title: 'Create an environment (POST)', href: urls.environments() },
      'pb:environments': environments.map((environment) => ({
        title: 'Environment',
        name: environment.name,
        href: urls.environment(environment.uuid),
      })),
    },
  };
}

function embedded(urls: Urls, row: DeployedVersionRow | ReleasedVersionRow) {
  return {
    pacticipant: { name: row.pacticipant.name, _links: { self: { href: urls.pacticipant(row.pacticipant.name) } } },
    version: briefVersionBody(urls, row.pacticipant.name, row.version),
    environment: environmentBody(urls, row.environment),
  };
}

export function deployedVersionBody(urls: Urls, row: DeployedVersionRow) {
  return {
    uuid: row.uuid,
    currentlyDeployed: row.undeployedAt === null,
    // Absent without an application instance, as the Pact Broker leaves them out; `target` is the older name it still sends.
    applicationInstance: row.applicationInstance === '' ? undefined : row.applicationInstance,
    target: row.applicationInstance === '' ? undefined : row.applicationInstance,
    createdAt: row.createdAt.toISOString(),
    undeployedAt: row.undeployedAt?.toISOString(),
    _embedded: embedded(urls, row),
    _links: { self: { href: urls.deployedVersion(row.uuid) } },
  };
}

export function releasedVersionBody(urls: Urls, row: ReleasedVersionRow) {
  return {
    uuid: row.uuid,
    currentlySupported: row.supportEndedAt === null,
    createdAt: row.createdAt.toISOString(),
    supportEndedAt: row.supportEndedAt?.toISOString(),
    _embedded: embedded(urls, row),
    _links: { self: { href: urls.releasedVersion(row.uuid) } },
  };
}

export function currentlyDeployedBody(urls: Urls, environment: Environment, rows: DeployedVersionRow[], self: string) {
  return {
    _embedded: { deployedVersions: rows.map((row) => deployedVersionBody(urls, row)) },
    _links: {
      self: {
        title: `Versions currently deployed to ${displayNameFor(environment.name, environment.displayName)}`,
        href: self,
      },
    },
  };
}

export function currentlySupportedBody(urls: Urls, environment: Environment, rows: ReleasedVersionRow[], self: string) {
  return {
    _embedded: { releasedVersions: rows.map((row) => releasedVersionBody(urls, row)) },
    _links: {
      self: {
        title: `Released versions supported in ${displayNameFor(environment.name, environment.displayName)}`,
        href: self,
      },
    },
  };
}

/** A version in a list, with links to where it was deployed and released. */
export function versionWithPlacesBody(
  urls: Urls,
  pacticipantName: string,
  version: Parameters<typeof briefVersionBody>[2] & { id: number },
  deployed: DeployedVersionRow[],
  released: ReleasedVersionRow[],
) {
  const body = briefVersionBody(urls, pacticipantName, version);
  const where = (environment: Environment) => displayNameFor(environment.name, environment.displayName);
  return {
    ...body,
    _links: {
      ...body._links,
      'pb:deployed-environments': deployed
        .filter((row) => row.versionId === version.id)
        .map((row) => ({
          title: `Version deployed to ${where(row.environment)}`,
          name: where(row.environment),
          href: urls.deployedVersion(row.uuid),
          currentlyDeployed: row.undeployedAt === null,
        })),
      'pb:released-environments': released
        .filter((row) => row.versionId === version.id)
        .map((row) => ({
          title: `Version released to ${where(row.environment)}`,
          name: where(row.environment),
          href: urls.releasedVersion(row.uuid),
          currentlySupported: row.supportEndedAt === null,
        })),
    },
  };
}

export function environmentVersionsBody(
  urls: Urls,
  found: {
    pacticipant: { name: string };
    environment: Environment;
    versions: (Parameters<typeof briefVersionBody>[2] & { id: number })[];
    total: number;
    deployed: DeployedVersionRow[];
    released: ReleasedVersionRow[];
  },
  page: { number: number; size: number },
) {
  const name = found.pacticipant.name;
  const self = `${urls.pacticipant(name)}/environments/${encodeURIComponent(found.environment.uuid)}/versions`;
  const pages = Math.max(1, Math.ceil(found.total / page.size));
  const at = (number: number) => `${self}?pageNumber=${number}&pageSize=${page.size}`;
  return {
    _embedded: {
      versions: found.versions.map((version) =>
        versionWithPlacesBody(urls, name, version, found.deployed, found.released),
      ),
    },
    page: { number: page.number, size: page.size, totalElements: found.total, totalPages: pages },
    _links: {
      self: {
        title: `Versions of ${name} in ${displayNameFor(found.environment.name, found.environment.displayName)}`,
        href: at(page.number),
      },
      ...(page.number < pages ? { next: { href: at(page.number + 1) } } : {}),
      ...(page.number > 1 ? { previous: { href: at(page.number - 1) } } : {}),
    },
  };
}
