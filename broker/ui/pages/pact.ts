// A pact, readable: who, which version, and each interaction's provider states, request and response
// (or message contents), for specification V1 to V4. The content is untrusted: the template escapes it.
import type { PactRow } from '../../pacts/pacts.service.ts';
import type { Urls } from '../../urls.ts';
import type { VersionDetails } from '../dashboard.service.ts';
import { ago, iso, json } from '../format.ts';

type Json = Record<string, unknown>;

interface Part {
  title: string;
  lines: string[];
  headers: [string, string][];
  body: string;
}

export interface InteractionView {
  kind: 'HTTP' | 'message';
  description: string;
  states: string[];
  request?: Part;
  response?: Part;
  message?: Part;
}

const object = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);

/** V4 bodies are { content, contentType, encoded }; earlier ones are the body itself. */
function bodyText(body: unknown, v4: boolean): string {
  if (body === undefined) return '';
  if (v4 && body !== null && typeof body === 'object' && 'content' in (body as Json)) {
    const { content, encoded } = body as Json;
    if (encoded) return `(${textOf(encoded)}-encoded) ${textOf(content)}`;
    return typeof content === 'string' ? content : json(content);
  }
  return typeof body === 'string' ? body : json(body);
}

function headersOf(headers: unknown): [string, string][] {
  return Object.entries(object(headers)).map(([name, value]) => [
    name,
    Array.isArray(value) ? value.map(textOf).join(', ') : textOf(value),
  ]);
}

function queryOf(query: unknown): string {
  if (typeof query === 'string') return query;
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(object(query)))
    for (const value of Array.isArray(values) ? values : [values]) params.append(name, textOf(value));
  return params.toString();
}

function statesOf(interaction: Json): string[] {
  if (typeof interaction.providerState === 'string') return [interaction.providerState];
  if (!Array.isArray(interaction.providerStates)) return [];
  return interaction.providerStates.map((state) => {
    const { name, params } = object(state);
    return params && Object.keys(object(params)).length > 0
      ? `${textOf(name)} ${JSON.stringify(params)}`
      : textOf(name);
  });
}

function httpInteraction(interaction: Json, v4: boolean): InteractionView {
  const request = object(interaction.request);
  const response = object(interaction.response);
  const query = queryOf(request.query);
  return {
    kind: 'HTTP',
    description: textOf(interaction.description),
    states: statesOf(interaction),
    request: {
      title: 'Request',
      lines: [`${textOf(request.method).toUpperCase()} ${textOf(request.path)}${query ? `?${query}` : ''}`],
      headers: headersOf(request.headers),
      body: bodyText(request.body, v4),
    },
    response: {
      title: 'Response',
      lines: [`${textOf(response.status) || '200'}`],
      headers: headersOf(response.headers),
      body: bodyText(response.body, v4),
    },
  };
}

function messageInteraction(message: Json, v4: boolean): InteractionView {
  const contents = v4 ? message.contents : message.contents;
  return {
    kind: 'message',
    description: textOf(message.description),
    states: statesOf(message),
    message: {
      title: 'Message',
      lines: [],
      headers: headersOf(message.metaData ?? message.metadata),
      body: bodyText(contents, v4),
    },
  };
}

export function interactionsOf(content: Json): InteractionView[] {
  const metadata = object(content.metadata);
  const version = textOf(
    object(metadata.pactSpecification).version ??
      object(metadata['pact-specification']).version ??
      metadata.pactSpecificationVersion,
  );
  const v4 = version.startsWith('4');
  const interactions = Array.isArray(content.interactions) ? content.interactions.map(object) : [];
  const messages = Array.isArray(content.messages) ? content.messages.map(object) : [];
  return [
    ...interactions.map((interaction) =>
      v4 && textOf(interaction.type).includes('Messages')
        ? messageInteraction(interaction, v4)
        : httpInteraction(interaction, v4),
    ),
    ...messages.map((message) => messageInteraction(message, v4)),
  ];
}

export function pactPage(urls: Urls, row: PactRow, details: VersionDetails, previousVersion: string | undefined) {
  const content = JSON.parse(row.content) as Json;
  const { providerName: p, consumerName: c, consumerVersionNumber: v } = row;
  return {
    title: `Pact between ${c} and ${p}`,
    nav: 'index',
    consumer: c,
    provider: p,
    version: v,
    branches: details.branches.map((branch) => branch.name),
    tags: details.tags.map((tag) => tag.name),
    sha: row.sha,
    publishedAgo: ago(row.createdAt),
    publishedAt: iso(row.createdAt),
    specification: textOf(object(object(content.metadata).pactSpecification).version) || 'unknown',
    interactions: interactionsOf(content),
    raw: json(content),
    links: {
      matrix: urls.integrationMatrix(p, c),
      latest: urls.latestPact(p, c),
      diffPrevious: previousVersion === undefined ? undefined : urls.diffPreviousDistinct(p, c, v),
      previousVersion,
      versions: urls.pactVersions(p, c),
      badge: urls.latestPactBadge(p, c),
      self: urls.pact(p, c, v),
    },
  };
}
