// HAL bodies for versions, their tags and branches.
import type { Environment } from '../environments/environments.repository.ts';
import type { Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import { pageParts } from '../http/pagination.ts';
import type { PageRequest } from '../paging.ts';
import type { VersionDetails } from '../versions/version-details.repository.ts';
import type { Branch, Version } from '../versions/versions.repository.ts';
import { displayNameFor } from './display-name.ts';
import type { Urls } from '../urls.ts';

export interface VersionDescription {
  pacticipant: Pacticipant;
  version: Version;
  details: VersionDetails;
  /** All environments (`pb:record-deployment` / `pb:record-release` link to each). */
  environments: Environment[];
}

export function versionLink(urls: Urls, pacticipantName: string, number: string, title = 'Version') {
  return { title, name: number, href: urls.version(pacticipantName, number) };
}

const environmentName = (environment: { name: string; displayName: string | null }) =>
  displayNameFor(environment.name, environment.displayName);

/** A version as the Pact Broker shows it (alone, or in a list: `self` is always the version's own URL). */
export function versionBody(urls: Urls, described: VersionDescription) {
  const { pacticipant, version, details } = described;
  const name = pacticipant.name;
  const branchVersions = details.branches.map((branch) => ({
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
      tags: details.tags.map((tag) => tagBody(urls, name, version.number, tag)),
      deployedVersions: details.deployed
        .filter((d) => d.currentlyDeployed)
        .map((d) => ({
          uuid: d.uuid,
          currentlyDeployed: true,
          environment: { name: d.environment.name, uuid: d.environment.uuid },
          _links: { self: { href: urls.deployedVersion(d.uuid) } },
        })),
      releasedVersions: details.released
        .filter((r) => r.currentlySupported)
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
      'pb:tag': {
        title: 'Get, create or delete a tag of this version',
        href: `${urls.tags(name, version.number)}/{tag}`,
        templated: true,
      },
      'pb:latest-verification-results-where-pacticipant-is-consumer': {
        title: 'Latest verification results of the pacts of this consumer version',
        href: `${urls.base}/verification-results/consumer/${encodeURIComponent(name)}/version/${encodeURIComponent(version.number)}/latest`,
      },
      'pb:pact-versions': details.pacts.map((pact) => ({
        title: 'Pact',
        name: `Pact between ${name} (${version.number}) and ${pact.providerName}`,
        href: urls.pact(pact.providerName, name, version.number),
      })),
      'pb:deployed-environments': details.deployed.map((d) => ({
        title: `Version deployed to ${environmentName(d.environment)}`,
        name: environmentName(d.environment),
        href: urls.deployedVersion(d.uuid),
        currently_deployed: d.currentlyDeployed,
        ...(d.applicationInstance !== '' ? { application_instance: d.applicationInstance } : {}),
      })),
      'pb:released-environments': details.released.map((r) => ({
        title: `Version released to ${environmentName(r.environment)}`,
        name: environmentName(r.environment),
        href: urls.releasedVersion(r.uuid),
        currently_supported: r.currentlySupported,
      })),
      // The Rust CLI reads these two as required arrays: always present, one entry per environment.
      'pb:record-deployment': described.environments.map((environment) => ({
        title: `Record deployment to ${environmentName(environment)}`,
        name: environment.name,
        href: urls.recordDeployment(name, version.number, environment.uuid),
      })),
      'pb:record-release': described.environments.map((environment) => ({
        title: `Record release to ${environmentName(environment)}`,
        name: environment.name,
        href: urls.recordRelease(name, version.number, environment.uuid),
      })),
      curies: [{ name: 'pb', href: `${urls.base}/doc/{rel}?context=version`, templated: true }],
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
  pacticipant: Pacticipant,
  items: { version: Version; details: VersionDetails }[],
  environments: Environment[],
  paging: { page: PageRequest | undefined; total: number; self: string; requestUrl: string; title?: string },
) {
  const name = pacticipant.name;
  const { page, links } = pageParts(paging.page, paging.total, paging.self);
  return {
    _embedded: {
      versions: items.map(({ version, details }) => versionBody(urls, { pacticipant, version, details, environments })),
    },
    ...(page ? { page } : {}),
    _links: {
      self: { title: paging.title ?? `All application versions of ${name}`, href: paging.requestUrl },
      ...links,
      'pb:pacticipant': { title: name, href: urls.pacticipant(name) },
      'pb:versions': items.map(({ version }) => ({
        title: `Version ${version.number} (updated ${version.updatedAt.toISOString()})`,
        href: urls.version(name, version.number),
      })),
      pacticipant: { title: 'Deprecated: use pb:pacticipant', href: urls.pacticipant(name) },
      versions: items.map(({ version }) => ({
        title: 'Deprecated: use pb:versions',
        name: version.number,
        href: urls.version(name, version.number),
      })),
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
      version: versionLink(urls, pacticipantName, versionNumber),
      pacticipant: { title: 'Pacticipant', name: pacticipantName, href: urls.pacticipant(pacticipantName) },
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
