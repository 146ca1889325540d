// A pact's HTTP interactions in one shape whatever its specification version (V1 to V4): method, path,
// query and headers as lists of values (header names in lower case), bodies parsed, and the matching
// rules by JSONPath. Messages and other non-HTTP interactions are named, not compared: an OpenAPI
// document says nothing about them.
import type { UnknownObject } from '../../../common/json.ts';
export type { UnknownObject };

export interface Matcher {
  match: string;
  [option: string]: unknown;
}

/** JSONPath ("$.data.items[*].name") -> the matchers there. */
export type Rules = Map<string, Matcher[]>;

export interface Body {
  value: unknown;
  contentType: string | undefined;
}

export interface HttpInteraction {
  id: string | undefined;
  description: string;
  request: {
    method: string;
    path: string;
    query: Record<string, string[]>;
    headers: Record<string, string[]>;
    body: Body | undefined;
  };
  response: {
    status: number;
    headers: Record<string, string[]>;
    body: Body | undefined;
    bodyRules: Rules;
    headerRules: Rules;
  };
}

const isObject = (value: unknown): value is UnknownObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : String(value));

function headersOf(raw: unknown): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(isObject(raw) ? raw : {})) {
    const values = Array.isArray(value) ? value.map(text) : [text(value)];
    (headers[name.toLowerCase()] ??= []).push(...values);
  }
  return headers;
}

function queryOf(raw: unknown): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  if (typeof raw === 'string') {
    for (const [name, value] of new URLSearchParams(raw)) (query[name] ??= []).push(value);
    return query;
  }
  for (const [name, value] of Object.entries(isObject(raw) ? raw : {}))
    query[name] = Array.isArray(value) ? value.map(text) : [text(value)];
  return query;
}

const contentTypeOf = (headers: Record<string, string[]>) => headers['content-type']?.[0];

function bodyOf(raw: unknown, headers: Record<string, string[]>, v4: boolean): Body | undefined {
  if (raw === undefined) return undefined;
  if (v4 && isObject(raw) && 'content' in raw) {
    const contentType = typeof raw.contentType === 'string' ? raw.contentType : contentTypeOf(headers);
    let value = raw.content;
    if (raw.encoded && typeof value === 'string') {
      const decoded = Buffer.from(value, raw.encoded === 'base64' || raw.encoded === true ? 'base64' : 'utf8').toString(
        'utf8',
      );
      try {
        value = /json/i.test(contentType ?? '') ? JSON.parse(decoded) : decoded;
      } catch {
        value = decoded;
      }
    }
    return { value, contentType };
  }
  return { value: raw, contentType: contentTypeOf(headers) };
}

/** V3/V4 `{ body: { "$.a": { matchers: [...] } } }`; V2 `{ "$.body.a": { match } }`. */
function rulesOf(raw: unknown, category: 'body' | 'header'): Rules {
  const rules: Rules = new Map();
  if (!isObject(raw)) return rules;
  const v3 = raw[category];
  if (isObject(v3)) {
    for (const [path, rule] of Object.entries(v3)) {
      const matchers = isObject(rule) && Array.isArray(rule.matchers) ? rule.matchers : [rule];
      const key = category === 'header' ? path.toLowerCase() : path.startsWith('$') ? path : `$.${path}`;
      rules.set(
        key,
        matchers.filter(isObject).filter((m): m is Matcher => typeof m.match === 'string'),
      );
    }
    return rules;
  }
  const prefix = category === 'body' ? '$.body' : '$.headers.';
  for (const [path, rule] of Object.entries(raw)) {
    if (!path.startsWith(prefix) || !isObject(rule) || typeof rule.match !== 'string') continue;
    const rest = path.slice(prefix.length);
    rules.set(category === 'body' ? `$${rest}` : rest.toLowerCase(), [rule as Matcher]);
  }
  return rules;
}

function isHttp(interaction: UnknownObject): boolean {
  if (typeof interaction.type === 'string') return interaction.type === 'Synchronous/HTTP';
  return isObject(interaction.request) && isObject(interaction.response);
}

export function httpInteractionsOf(pact: UnknownObject): { interactions: HttpInteraction[]; skipped: string[] } {
  const metadata = isObject(pact.metadata) ? pact.metadata : {};
  const specification = text(
    (isObject(metadata.pactSpecification) ? metadata.pactSpecification.version : undefined) ??
      (isObject(metadata['pact-specification']) ? metadata['pact-specification'].version : undefined),
  );
  const v4 = specification.startsWith('4');
  const all = Array.isArray(pact.interactions) ? pact.interactions.filter(isObject) : [];
  const messages = Array.isArray(pact.messages) ? pact.messages.filter(isObject) : [];
  const interactions: HttpInteraction[] = [];
  const skipped = messages.map((message) => text(message.description));
  for (const interaction of all) {
    if (!isHttp(interaction)) {
      skipped.push(text(interaction.description));
      continue;
    }
    const request = interaction.request as UnknownObject;
    const response = interaction.response as UnknownObject;
    const requestHeaders = headersOf(request.headers);
    const responseHeaders = headersOf(response.headers);
    interactions.push({
      id:
        typeof interaction.key === 'string'
          ? interaction.key
          : typeof interaction._id === 'string'
            ? interaction._id
            : undefined,
      description: text(interaction.description),
      request: {
        method: text(request.method).toUpperCase() || 'GET',
        path: text(request.path) || '/',
        query: queryOf(request.query),
        headers: requestHeaders,
        body: bodyOf(request.body, requestHeaders, v4),
      },
      response: {
        status: typeof response.status === 'number' ? response.status : 200,
        headers: responseHeaders,
        body: bodyOf(response.body, responseHeaders, v4),
        bodyRules: rulesOf(response.matchingRules, 'body'),
        headerRules: rulesOf(response.matchingRules, 'header'),
      },
    });
  }
  return { interactions, skipped };
}
