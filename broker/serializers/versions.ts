// HAL bodies for versions, their tags and branches.
import type { Environment } from '../environments/environments.repository.ts';
import type { Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import type { Branch, Version } from '../versions/versions.repository.ts';
import type { Urls } from './urls.ts';

interface Named {
  name: string;
  createdAt: Date;
  latest: boolean;
}

export interface VersionDescription {
  pacticipant: Pacticipant;
  version: Version;
  branches: Named[];
  tags: Named[];
  environments: Environment[];
  deployed: { uuid: string; undeployedAt: Date | null; environment: Environment; applicationInstance: string }[];
  released: { uuid: string; supportEndedAt: Date | null; environment: Environment }[];
}

export function versionLink(urls: Urls, pacticipantName: string, number: string, title = 'Version') {
  return { title, name: number, href: urls.version(pacticipantName, number) };
}

export function versionBody(urls: Urls, described: VersionDescription) {
  const { pacticipant, version } = described;
  const name = pacticipant.name;
  const branchVersions = described.branches.map((branch) => ({
    name: branch.name,
    latest: branch.latest,
    _links: { self: { title: 'Branch version', href: urls.branchVersion(name, branch.name, version.number) } },
  }));
  return {
    number: version.number,
    buildUrl: version.buildUrl ?? undefined,
    createdAt: version.createdAt.toISOString(),
    updatedAt: version.updatedAt.toISOString(),
    _embedded: {
      branchVersions,
      branches: branchVersions,
      tags: described.tags.map((tag) => tagBody(urls, name, version.number, tag)),
      deployedVersions: described.deployed
        .filter((d) => !d.undeployedAt)
        .map((d) => ({
          uuid: d.uuid,
          currentlyDeployed: true,
          environment: { name: d.environment.name, uuid: d.environment.uuid },
          _links: { self: { href: urls.deployedVersion(d.uuid) } },
        })),
      releasedVersions: described.released
        .filter((r) => !r.supportEndedAt)
        .map((r) => ({
          uuid: r.uuid,
          currentlySupported: true,
          environment: { name: r.environment.name, uuid: r.environment.uuid },
          _links: { self: { href: urls.releasedVersion(r.uuid) } },
        })),
    },
    _links: {
      self: versionLink(urls, name, version.number),
      'pb:pacticipant': { title: 'Pacticipant', name, href: urls.pacticipant(name) },
      'pb:tag': { href: `${urls.tags(name, version.number)}/{tag}`, title: 'A tag of this version', templated: true },
      'pb:latest-verification-results-where-pacticipant-is-consumer': {
        title: 'Newest verification results of this consumer version',
        href: `${urls.base}/verification-results/consumer/${encodeURIComponent(name)}/version/${encodeURIComponent(version.number)}/latest`,
      },
      'pb:pact-versions': [],
      // The Rust CLI reads these two as required arrays: always present, one entry per environment.
      'pb:record-deployment': described.environments.map((environment) => ({
        title: `Record deployment to ${environment.displayName ?? environment.name}`,
        name: environment.name,
        href: urls.recordDeployment(name, version.number, environment.uuid),
      })),
      'pb:record-release': described.environments.map((environment) => ({
        title: `Record release to ${environment.displayName ?? environment.name}`,
        name: environment.name,
        href: urls.recordRelease(name, version.number, environment.uuid),
      })),
    },
  };
}

export function briefVersionBody(urls: Urls, pacticipantName: string, version: Version) {
  return {
    number: version.number,
    buildUrl: version.buildUrl ?? undefined,
    createdAt: version.createdAt.toISOString(),
    _links: {
      self: versionLink(urls, pacticipantName, version.number),
      'pb:pacticipant': { title: 'Pacticipant', name: pacticipantName, href: urls.pacticipant(pacticipantName) },
    },
  };
}

export function versionsBody(
  urls: Urls,
  pacticipantName: string,
  versions: Version[],
  page: { number: number; size: number; total: number },
) {
  const self = urls.versions(pacticipantName);
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  return {
    _embedded: { versions: versions.map((version) => briefVersionBody(urls, pacticipantName, version)) },
    page: { size: page.size, totalElements: page.total, totalPages: pages, number: page.number },
    _links: {
      self: { href: `${self}?pageNumber=${page.number}&pageSize=${page.size}`, title: 'All application versions' },
      'pb:pacticipant': { href: urls.pacticipant(pacticipantName), name: pacticipantName },
      versions: versions.map((version) => versionLink(urls, pacticipantName, version.number)),
      ...(page.number < pages ? { next: { href: `${self}?pageNumber=${page.number + 1}&pageSize=${page.size}` } } : {}),
      ...(page.number > 1 ? { previous: { href: `${self}?pageNumber=${page.number - 1}&pageSize=${page.size}` } } : {}),
    },
  };
}

export function tagBody(
  urls: Urls,
  pacticipantName: string,
  versionNumber: string,
  tag: { name: string; createdAt: Date; latest?: boolean },
) {
  return {
    name: tag.name,
    createdAt: tag.createdAt.toISOString(),
    ...(tag.latest === undefined ? {} : { latest: tag.latest }),
    _links: {
      self: { title: 'Tag', name: tag.name, href: urls.tag(pacticipantName, versionNumber, tag.name) },
      'pb:version': versionLink(urls, pacticipantName, versionNumber),
      'pb:pacticipant': { title: 'Pacticipant', name: pacticipantName, href: urls.pacticipant(pacticipantName) },
    },
  };
}

export function branchBody(urls: Urls, pacticipant: Pacticipant, branch: Branch, latest: Version | null) {
  return {
    name: branch.name,
    createdAt: branch.createdAt.toISOString(),
    updatedAt: branch.updatedAt.toISOString(),
    _embedded: latest ? { 'latest-version': briefVersionBody(urls, pacticipant.name, latest) } : {},
    _links: {
      self: { title: 'Branch', href: urls.branch(pacticipant.name, branch.name) },
      'pb:versions': { title: 'Versions on this branch', href: urls.branchVersions(pacticipant.name, branch.name) },
      'pb:pacticipant': { title: 'Pacticipant', name: pacticipant.name, href: urls.pacticipant(pacticipant.name) },
      ...(latest
        ? { 'pb:latest-version': versionLink(urls, pacticipant.name, latest.number, 'Latest version on this branch') }
        : {}),
    },
  };
}

export function branchVersionBody(urls: Urls, pacticipantName: string, branchName: string, version: Version) {
  return {
    name: branchName,
    _embedded: { version: briefVersionBody(urls, pacticipantName, version) },
    _links: {
      self: { title: 'Branch version', href: urls.branchVersion(pacticipantName, branchName, version.number) },
      'pb:branch': { title: 'Branch', name: branchName, href: urls.branch(pacticipantName, branchName) },
      'pb:version': versionLink(urls, pacticipantName, version.number),
    },
  };
}
