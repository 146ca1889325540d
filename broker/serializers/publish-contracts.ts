// The `POST /contracts/publish` response: notices for people, the deprecated `logs` older clients
// still read, and links to the version, its tags and each published pact.
import type { Notice, PublishContractsResult } from '../pacts/publish-contracts.service.ts';
import { pactTitle } from './pacts.ts';
import type { Urls } from '../urls.ts';

const LOG_LEVELS: Record<Notice['type'], string> = {
  debug: 'debug',
  info: 'info',
  success: 'info',
  prompt: 'info',
  warning: 'warn',
  error: 'error',
  danger: 'error',
};

export function logsOf(notices: Notice[]) {
  return notices.map((notice) => ({
    level: LOG_LEVELS[notice.type],
    message: notice.text,
    deprecationWarning: 'Replaced by notices',
  }));
}

/** What a publication answers about the version it published: shared by pacts and provider contracts. */
export interface PublishedVersion {
  name: string;
  version: { number: string; buildUrl: string | null };
  branch: string | undefined;
  tags: string[];
}

/**
 * The embedded pacticipant and version and the links to the version, its branch and its tags. The branch
 * link's relation differs: `pb:pacticipant-version-branch` for pacts, `pb:branch-version` for PactFlow's
 * provider contracts.
 */
export function publishedVersionParts(urls: Urls, published: PublishedVersion, branchRelation: string) {
  const { name, branch } = published;
  const number = published.version.number;
  return {
    _embedded: {
      pacticipant: { name, _links: { self: { href: urls.pacticipant(name) } } },
      version: {
        number,
        ...(published.version.buildUrl ? { buildUrl: published.version.buildUrl } : {}),
        ...(branch !== undefined ? { branch } : {}),
        _links: { self: { title: 'Version', name: number, href: urls.version(name, number) } },
      },
    },
    links: {
      'pb:pacticipant': { title: 'Pacticipant', name, href: urls.pacticipant(name) },
      'pb:pacticipant-version': { title: 'Pacticipant version', name: number, href: urls.version(name, number) },
      ...(branch !== undefined
        ? {
            [branchRelation]: { title: 'Branch version', name: branch, href: urls.branchVersion(name, branch, number) },
          }
        : {}),
      'pb:pacticipant-version-tags': published.tags.map((tag) => ({
        title: 'Tag',
        name: tag,
        href: urls.tag(name, number, tag),
      })),
    },
  };
}

export function publishContractsBody(urls: Urls, result: PublishContractsResult) {
  const parts = publishedVersionParts(
    urls,
    { name: result.pacticipant.name, version: result.version, branch: result.branch, tags: result.tags },
    'pb:pacticipant-version-branch',
  );
  return {
    notices: result.notices,
    logs: logsOf(result.notices),
    _embedded: parts._embedded,
    _links: {
      ...parts.links,
      'pb:contracts': result.contracts.map(({ row }) => ({
        title: 'Pact',
        name: pactTitle(row),
        href: urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber),
      })),
    },
  };
}
