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

export function publishContractsBody(urls: Urls, result: PublishContractsResult) {
  const name = result.pacticipant.name;
  const number = result.version.number;
  return {
    notices: result.notices,
    logs: logsOf(result.notices),
    _embedded: {
      pacticipant: { name, _links: { self: { href: urls.pacticipant(name) } } },
      version: {
        number,
        ...(result.version.buildUrl ? { buildUrl: result.version.buildUrl } : {}),
        ...(result.branch !== undefined ? { branch: result.branch } : {}),
        _links: { self: { title: 'Version', name: number, href: urls.version(name, number) } },
      },
    },
    _links: {
      'pb:pacticipant': { title: 'Pacticipant', name, href: urls.pacticipant(name) },
      'pb:pacticipant-version': { title: 'Pacticipant version', name: number, href: urls.version(name, number) },
      ...(result.branch !== undefined
        ? {
            'pb:pacticipant-version-branch': {
              title: 'Branch version',
              name: result.branch,
              href: urls.branchVersion(name, result.branch, number),
            },
          }
        : {}),
      'pb:pacticipant-version-tags': result.tags.map((tag) => ({
        title: 'Tag',
        name: tag,
        href: urls.tag(name, number, tag),
      })),
      'pb:contracts': result.contracts.map(({ row }) => ({
        title: 'Pact',
        name: pactTitle(row),
        href: urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber),
      })),
    },
  };
}
