// HAL bodies for pacticipants.
import type { Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import type { PacticipantWithLatest } from '../pacticipants/pacticipants.service.ts';
import { displayNameFor } from './display-name.ts';
import type { Urls } from './urls.ts';

export function pacticipantBody(urls: Urls, { pacticipant, latestVersionNumber, labels }: PacticipantWithLatest) {
  const self = urls.pacticipant(pacticipant.name);
  const latest =
    latestVersionNumber === undefined
      ? undefined
      : {
          number: latestVersionNumber,
          _links: { self: { href: urls.version(pacticipant.name, latestVersionNumber) } },
        };
  return {
    name: pacticipant.name,
    displayName: displayNameFor(pacticipant.name, pacticipant.displayName),
    mainBranch: pacticipant.mainBranch ?? undefined,
    repositoryUrl: pacticipant.repositoryUrl ?? undefined,
    repositoryName: pacticipant.repositoryName ?? undefined,
    repositoryNamespace: pacticipant.repositoryNamespace ?? undefined,
    createdAt: pacticipant.createdAt.toISOString(),
    updatedAt: pacticipant.updatedAt.toISOString(),
    _embedded: {
      ...(latest ? { 'latest-version': latest } : {}),
      labels: labels.map((name) => ({ name, _links: { self: { href: urls.label(pacticipant.name, name) } } })),
    },
    _links: {
      self: { href: self },
      'pb:versions': { href: urls.versions(pacticipant.name) },
      'pb:version': { href: `${urls.versions(pacticipant.name)}/{version}`, templated: true },
      'pb:version-tag': { href: `${urls.versions(pacticipant.name)}/{version}/tags/{tag}`, templated: true },
      'pb:branches': { href: urls.branches(pacticipant.name) },
      'pb:branch-version': { href: `${urls.branches(pacticipant.name)}/{branch}/versions/{version}`, templated: true },
      'pb:latest-version': { href: urls.latestVersion(pacticipant.name) },
      'pb:latest-tagged-version': { href: `${urls.latestVersion(pacticipant.name)}/{tag}`, templated: true },
      'pb:label': { href: `${urls.labels(pacticipant.name)}/{label}`, templated: true },
      'pb:can-i-deploy-badge': {
        href: `${self}/latest-version/{tag}/can-i-deploy/to/{environmentTag}/badge`,
        templated: true,
      },
      versions: { href: urls.versions(pacticipant.name) },
      'latest-version': { href: urls.latestVersion(pacticipant.name) },
    },
  };
}

export function pacticipantsBody(urls: Urls, items: PacticipantWithLatest[]) {
  const embedded = items.map((item) => pacticipantBody(urls, item));
  return {
    pacticipants: embedded,
    _embedded: { pacticipants: embedded },
    _links: {
      self: { href: urls.pacticipants() },
      'pb:pacticipants': items.map(({ pacticipant }) => ({
        href: urls.pacticipant(pacticipant.name),
        title: pacticipant.name,
      })),
      pacticipants: items.map(({ pacticipant }) => ({
        href: urls.pacticipant(pacticipant.name),
        title: pacticipant.name,
      })),
    },
  };
}

export function pacticipantLink(urls: Urls, pacticipant: Pick<Pacticipant, 'name'>, title = 'Pacticipant') {
  return { title, name: pacticipant.name, href: urls.pacticipant(pacticipant.name) };
}
