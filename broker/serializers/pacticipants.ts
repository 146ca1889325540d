// HAL bodies for pacticipants and labels, in the Pact Broker's shapes (with its deprecated duplicates,
// which older clients still read: the top-level `pacticipants` list, `latest-version`, `versions`).
import type { PageRequest } from '../paging.ts';
import { pageParts } from '../http/pagination.ts';
import type { Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import type { PacticipantWithLatest } from '../pacticipants/pacticipants.service.ts';
import { displayNameFor } from './display-name.ts';
import type { Urls } from '../urls.ts';

export function labelBody(urls: Urls, pacticipant: string, label: { name: string; createdAt: Date }, withLinks = true) {
  return {
    name: label.name,
    createdAt: label.createdAt.toISOString(),
    updatedAt: label.createdAt.toISOString(),
    ...(withLinks
      ? {
          _links: {
            self: { title: 'Label', name: label.name, href: urls.label(pacticipant, label.name) },
            pacticipant: { title: 'Pacticipant', name: pacticipant, href: urls.pacticipant(pacticipant) },
          },
        }
      : {}),
  };
}

export function pacticipantBody(
  urls: Urls,
  { pacticipant, latestVersionNumber, labels, deployed }: PacticipantWithLatest,
) {
  const name = pacticipant.name;
  const self = urls.pacticipant(name);
  const latest =
    latestVersionNumber === undefined
      ? undefined
      : {
          number: latestVersionNumber,
          _links: {
            self: { title: 'Version', name: latestVersionNumber, href: urls.version(name, latestVersionNumber) },
          },
        };
  return {
    name,
    displayName: displayNameFor(name, pacticipant.displayName),
    mainBranch: pacticipant.mainBranch ?? undefined,
    repositoryUrl: pacticipant.repositoryUrl ?? undefined,
    repositoryName: pacticipant.repositoryName ?? undefined,
    repositoryNamespace: pacticipant.repositoryNamespace ?? undefined,
    createdAt: pacticipant.createdAt.toISOString(),
    updatedAt: pacticipant.updatedAt.toISOString(),
    _embedded: {
      ...(latest
        ? {
            latestVersion: latest,
            'latest-version': {
              ...latest,
              title: 'Deprecated: use latestVersion',
              name: 'Deprecated: use latestVersion',
            },
          }
        : {}),
      labels: labels.map((label) => ({
        name: label,
        _links: { self: { title: 'Label', name: label, href: urls.label(name, label) } },
      })),
    },
    _links: {
      self: { href: self },
      'pb:versions': { href: urls.versions(name) },
      'pb:branches': { href: urls.branches(name) },
      ...(deployed
        ? {
            'pb:deployed-environments': deployed.map((d) => {
              const environment = displayNameFor(d.environment.name, d.environment.displayName);
              return {
                title: `Version deployed to ${environment}`,
                name: environment,
                href: urls.deployedVersion(d.uuid),
                currently_deployed: true,
              };
            }),
          }
        : {}),
      'pb:version': {
        title: 'Get, create or delete a version of this pacticipant',
        href: `${urls.versions(name)}/{version}`,
        templated: true,
      },
      'pb:version-tag': {
        title: `Get, create or delete a tag of a version of ${name}`,
        href: `${urls.versions(name)}/{version}/tags/{tag}`,
        templated: true,
      },
      'pb:branch-version': {
        title: `Get, or put a version on, a branch of ${name}`,
        href: `${urls.branches(name)}/{branch}/versions/{version}`,
        templated: true,
      },
      'pb:label': {
        title: `Get, create or delete a label of ${name}`,
        href: `${urls.labels(name)}/{label}`,
        templated: true,
      },
      'pb:latest-version': { href: urls.latestVersion(name) },
      'pb:latest-tagged-version': { href: `${urls.latestVersion(name)}/{tag}`, templated: true },
      versions: { title: 'Deprecated: use pb:versions', href: urls.versions(name) },
      'latest-version': { href: urls.latestVersion(name) },
      'pb:can-i-deploy-badge': {
        title: `can-i-deploy badge for ${name}`,
        href: `${self}/latest-version/{tag}/can-i-deploy/to/{environmentTag}/badge`,
        templated: true,
      },
      'pb:can-i-deploy-branch-to-environment-badge': {
        title: `can-i-deploy badge for ${name}, from a branch to an environment`,
        href: `${self}/branches/{branch}/latest-version/can-i-deploy/to-environment/{environment}/badge`,
        templated: true,
      },
      curies: [{ name: 'pb', href: `${urls.base}/doc/{rel}?context=pacticipant`, templated: true }],
    },
  };
}

export function pacticipantsBody(
  urls: Urls,
  items: PacticipantWithLatest[],
  paging: { page: PageRequest | undefined; total: number; self: string },
) {
  const embedded = items.map((item) => pacticipantBody(urls, item));
  const { page, links } = pageParts(paging.page, paging.total, paging.self);
  return {
    // Deprecated in the Pact Broker but read by clients (the Rust CLI's list-pacticipants): kept.
    pacticipants: embedded.map((item) => ({ ...item, title: 'Deprecated: use the embedded pacticipants' })),
    _embedded: { pacticipants: embedded },
    ...(page ? { page } : {}),
    _links: {
      self: { href: paging.self },
      'pb:pacticipants-with-label': {
        title: 'Pacticipants with a label',
        href: `${urls.pacticipants()}/label/{label}`,
        templated: true,
      },
      'pb:pacticipants': items.map(({ pacticipant }) => ({
        title: 'Pacticipant',
        name: pacticipant.name,
        href: urls.pacticipant(pacticipant.name),
      })),
      pacticipants: items.map(({ pacticipant }) => ({
        title: pacticipant.name,
        name: 'Deprecated: use pb:pacticipants',
        href: urls.pacticipant(pacticipant.name),
      })),
      ...links,
    },
  };
}

export function labelsBody(
  urls: Urls,
  names: string[],
  paging: { page: PageRequest | undefined; total: number; self: string },
) {
  const { page, links } = pageParts(paging.page, paging.total, paging.self);
  return {
    _embedded: { labels: names.map((name) => ({ name })) },
    ...(page ? { page } : {}),
    _links: { self: { title: 'Labels', href: paging.self }, ...links },
  };
}

export function pacticipantLink(urls: Urls, pacticipant: Pick<Pacticipant, 'name'>, title = 'Pacticipant') {
  return { title, name: pacticipant.name, href: urls.pacticipant(pacticipant.name) };
}
