// HAL bodies for pacts: the pact content as published, with `createdAt` and `_links` added, and the
// lists of pacts (per provider, per integration, latest of every integration).
import type { PactRow } from '../pacts/pacts.repository.ts';
import type { Urls } from '../urls.ts';

export function pactTitle(row: Pick<PactRow, 'consumerName' | 'consumerVersionNumber' | 'providerName'>): string {
  return `Pact between ${row.consumerName} (${row.consumerVersionNumber}) and ${row.providerName}`;
}

/** The pact resource: stored content plus links. `metadata` is the verifier's URL metadata, kept for publishing results. */
export function pactBody(urls: Urls, row: PactRow, metadata?: string) {
  const content = JSON.parse(row.content) as Record<string, unknown>;
  const { providerName: p, consumerName: c, consumerVersionNumber: v, sha } = row;
  return {
    ...content,
    createdAt: row.createdAt.toISOString(),
    _links: {
      self: {
        title: 'Pact',
        name: pactTitle(row),
        href: metadata ? urls.pactBySha(p, c, sha, metadata) : urls.pact(p, c, v),
      },
      'pb:consumer': { title: 'Consumer', name: c, href: urls.pacticipant(c) },
      'pb:consumer-version': { title: 'Consumer version', name: v, href: urls.version(c, v) },
      'pb:consumer-versions': [{ title: 'Consumer version', name: v, href: urls.version(c, v) }],
      'pb:provider': { title: 'Provider', name: p, href: urls.pacticipant(p) },
      'pb:pact-version': { title: 'This content, by SHA', name: sha, href: urls.pactBySha(p, c, sha) },
      'pb:latest-pact-version': { title: 'The newest pact of this integration', href: urls.latestPact(p, c) },
      'pb:all-pact-versions': { title: 'Every version of this pact', href: urls.pactVersions(p, c) },
      'pb:latest-untagged-pact-version': {
        title: 'The newest pact of an untagged consumer version',
        href: urls.latestUntaggedPact(p, c),
      },
      'pb:latest-tagged-pact-version': {
        title: 'The newest pact of a consumer version with a tag',
        href: `${urls.latestPact(p, c)}/{tag}`,
        templated: true,
      },
      'pb:previous-distinct': {
        title: 'The previous pact with different content',
        href: `${urls.pact(p, c, v)}/previous-distinct`,
      },
      'pb:diff-previous-distinct': {
        title: 'What changed since the previous different content',
        href: `${urls.pact(p, c, v)}/diff/previous-distinct`,
      },
      'pb:diff': {
        title: 'What differs from another content version',
        href: `${urls.pactBySha(p, c, sha)}/diff/pact-version/{pactVersion}`,
        templated: true,
      },
      // As the Pact Broker's pact resource: the webhook collection of the pair (`/pacts/.../webhooks` lists the same ones).
      'pb:pact-webhooks': {
        title: `Webhooks for the pact between ${c} and ${p}`,
        href: `${urls.webhooks()}/provider/${encodeURIComponent(p)}/consumer/${encodeURIComponent(c)}`,
      },
      'pb:consumer-webhooks': {
        title: 'Webhooks for this consumer',
        href: `${urls.webhooks()}/consumer/${encodeURIComponent(c)}`,
      },
      'pb:tag-prod-version': { title: 'Tag this consumer version prod (PUT)', href: urls.tag(c, v, 'prod') },
      'pb:tag-version': { title: 'Tag this consumer version (PUT)', href: `${urls.tags(c, v)}/{tag}`, templated: true },
      'pb:publish-verification-results': {
        title: 'Where verifiers publish their results (POST)',
        href: urls.verificationResults(p, c, sha, metadata),
      },
      'pb:latest-verification-results': { href: `${urls.verificationResults(p, c, sha)}/latest` },
      'pb:matrix-for-consumer-version': {
        title: 'Matrix rows for this consumer version',
        href: urls.matrixFor(c, v, p),
      },
      'pb:triggered-webhooks': {
        title: 'Webhooks this publication triggered',
        href: `${urls.pact(p, c, v)}/triggered-webhooks`,
      },
      curies: [{ name: 'pb', href: `${urls.base}/doc/{rel}?context=pact`, templated: true }],
    },
  };
}

/** A pact in a list: who, which consumer version, and where. */
export function pactSummary(urls: Urls, row: PactRow) {
  return {
    _embedded: {
      consumer: {
        name: row.consumerName,
        _embedded: { version: { number: row.consumerVersionNumber } },
        _links: { self: { href: urls.pacticipant(row.consumerName) } },
      },
      provider: { name: row.providerName, _links: { self: { href: urls.pacticipant(row.providerName) } } },
    },
    createdAt: row.createdAt.toISOString(),
    _links: {
      self: [
        { href: urls.latestPact(row.providerName, row.consumerName) },
        { href: urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber) },
      ],
    },
  };
}

export function latestPactsBody(urls: Urls, rows: PactRow[]) {
  return { pacts: rows.map((row) => pactSummary(urls, row)), _links: { self: { href: urls.latestPacts() } } };
}

/** A provider's pacts (latest per consumer, or all with a tag/branch): the `pb:pacts` and older `pacts` links. */
export function providerPactsBody(urls: Urls, providerName: string, rows: PactRow[], self: string, title: string) {
  const links = rows.map((row) => ({
    href: urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber),
    title: pactTitle(row),
    name: row.consumerName,
  }));
  return {
    _links: {
      self: { href: self, title },
      provider: { href: urls.pacticipant(providerName), title: providerName },
      'pb:provider': { href: urls.pacticipant(providerName), name: providerName },
      'pb:pacts': links,
      pacts: links,
    },
  };
}

/** All versions of the pact between two pacticipants (or those with a tag: pass that list's own `self`). */
export function pactVersionsBody(
  urls: Urls,
  providerName: string,
  consumerName: string,
  rows: PactRow[],
  self: { href: string; title?: string } = { href: urls.pactVersions(providerName, consumerName) },
) {
  return {
    _embedded: {
      pacts: rows.map((row) => ({
        createdAt: row.createdAt.toISOString(),
        _embedded: {
          consumerVersion: {
            number: row.consumerVersionNumber,
            _links: { self: { href: urls.version(consumerName, row.consumerVersionNumber) } },
          },
        },
        _links: {
          self: { href: urls.pact(providerName, consumerName, row.consumerVersionNumber), name: pactTitle(row) },
        },
      })),
    },
    _links: {
      self,
      'pb:consumer': { href: urls.pacticipant(consumerName), title: 'Consumer', name: consumerName },
      'pb:provider': { href: urls.pacticipant(providerName), title: 'Provider', name: providerName },
      'pb:pact-versions': rows.map((row) => ({
        href: urls.pact(providerName, consumerName, row.consumerVersionNumber),
        title: pactTitle(row),
        name: row.consumerVersionNumber,
      })),
    },
  };
}
