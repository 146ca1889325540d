// The contract's coverage guard: does the pact constrain everything the router reads? It holds the
// client's declared answers (backend-client/endpoints.ts: per endpoint, the statuses it is prepared
// for and the zod schema of each body) against a pact file's interactions, and names
//   - each endpoint and status no interaction answers,
//   - each field the client reads that no interaction of that endpoint and status constrains,
//   - each field the client compares with known values (an enum, a literal, a boolean, or a string
//     marked `compared`) that every interaction matches only by type, and each value of an enum or
//     boolean that no interaction pins,
//   - each interaction for an endpoint the client does not declare.
// A field is constrained when an interaction's expected body has it (the verifier then requires it);
// it is pinned when, in addition, no matching rule relaxes it (the verifier compares it for equality).
//
// Hand-written because no library compares a pact with a schema. The schemas are read through zod's
// own JSON Schema export; matching rules are resolved like the Pact verifier does (the most specific
// rule path that matches, parents applying to their children), which is what decides type or value.
import { z } from 'zod';
import type { Endpoint } from '../backend-client/endpoints.ts';

// --- the pact side ---

interface RuleSet {
  combine?: string;
  matchers: { match: string }[];
}

export interface PactInteraction {
  description: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
  bodyRules: Record<string, RuleSet>;
}

const pactSchema = z.looseObject({
  interactions: z.array(
    z.looseObject({
      type: z.string().optional(),
      description: z.string(),
      request: z.looseObject({ method: z.string(), path: z.string() }),
      response: z.looseObject({
        status: z.number(),
        body: z.looseObject({ content: z.unknown(), encoded: z.unknown().optional() }).optional(),
        matchingRules: z
          .looseObject({
            body: z
              .record(z.string(), z.looseObject({ matchers: z.array(z.looseObject({ match: z.string() })) }))
              .optional(),
          })
          .optional(),
      }),
    }),
  ),
});

/** The HTTP interactions of a V4 pact file's JSON. */
export function pactInteractions(pactJson: unknown): PactInteraction[] {
  const pact = pactSchema.parse(pactJson);
  return pact.interactions
    .filter((interaction) => interaction.type === undefined || interaction.type === 'Synchronous/HTTP')
    .map(({ description, request, response }) => ({
      description,
      method: request.method.toUpperCase(),
      path: request.path,
      status: response.status,
      body: response.body && !response.body.encoded ? response.body.content : undefined,
      bodyRules: (response.matchingRules?.body ?? {}) as Record<string, RuleSet>,
    }));
}

type Step = string | number;
type RuleToken = { key: string } | { index: number } | { any: 'key' | 'index' };

/** `$.data.runs[*].run_id`, `$['data']['a key']`, `$.data.*` as tokens (the root `$` left out). */
export function parseRulePath(path: string): RuleToken[] {
  const tokens: RuleToken[] = [];
  const pattern = /\.(\*|[^.[\]]+)|\[(\*|\d+)\]|\['((?:[^'\\]|\\.)*)'\]/gy;
  if (!path.startsWith('$')) throw new Error(`not a matching rule path: ${path}`);
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) throw new Error(`not a matching rule path: ${path}`);
    const [, dotted, bracket, quoted] = match;
    if (dotted === '*') tokens.push({ any: 'key' });
    else if (dotted !== undefined) tokens.push({ key: dotted });
    else if (bracket === '*') tokens.push({ any: 'index' });
    else if (bracket !== undefined) tokens.push({ index: Number(bracket) });
    else tokens.push({ key: quoted!.replace(/\\(.)/g, '$1') });
  }
  return tokens;
}

/** How well a rule path fits a concrete path: 0 when it does not apply, more when more specific. */
function ruleWeight(tokens: readonly RuleToken[], steps: readonly Step[]): number {
  if (tokens.length > steps.length) return 0;
  let weight = 1;
  for (const [i, token] of tokens.entries()) {
    const step = steps[i]!;
    if ('key' in token) {
      if (token.key !== step) return 0;
      weight *= 2;
    } else if ('index' in token) {
      if (token.index !== step) return 0;
      weight *= 2;
    } else if (token.any === 'index' && typeof step !== 'number') {
      return 0;
    }
  }
  // A longer path is more specific than a shorter one of the same weight (a rule on `$.a.*` beats `$.a`).
  return weight * 100 + tokens.length;
}

/** The matchers the verifier applies at this path (none: compared for equality). */
export function rulesAt(rules: Record<string, RuleSet>, steps: readonly Step[]): string[] {
  let best: { weight: number; matchers: string[] } | undefined;
  for (const [path, set] of Object.entries(rules)) {
    const weight = ruleWeight(parseRulePath(path), steps);
    if (weight > 0 && (!best || weight > best.weight)) {
      best = { weight, matchers: set.matchers.map((matcher) => matcher.match) };
    }
  }
  return best?.matchers ?? [];
}

const isPinned = (matchers: readonly string[]) => matchers.every((match) => match === 'equality');

// --- the client side ---

type Wildcard = '*';
interface ReadField {
  path: (string | Wildcard)[];
  /** Compared with known values: the pact must pin it in at least one interaction. */
  compared: boolean;
  /** Every value the client tells apart (an enum's, a literal's, a boolean's): each must be pinned somewhere. */
  values?: readonly unknown[];
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  contract?: string;
  anyOf?: JsonSchema[];
  additionalProperties?: unknown;
}

/** The fields the client reads from a body: every property, array item and leaf of its schema. */
export function fieldsOf(schema: z.ZodType): ReadField[] {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as JsonSchema;
  const fields: ReadField[] = [];
  const visit = (node: JsonSchema, path: (string | Wildcard)[]) => {
    const isUnknown = Object.keys(node).length === 0;
    if (isUnknown) return; // opaque: handed on as it is, never read into
    if (path.length > 0) {
      const values =
        node.const !== undefined
          ? [node.const]
          : node.enum
            ? node.enum
            : node.type === 'boolean'
              ? [true, false]
              : undefined;
      fields.push({ path, compared: values !== undefined || node.contract === 'exact', ...(values ? { values } : {}) });
    }
    if (node.type === 'object' && node.properties) {
      for (const [key, child] of Object.entries(node.properties)) visit(child, [...path, key]);
    }
    if (node.type === 'array' && node.items) visit(node.items, [...path, '*']);
  };
  visit(json, []);
  return fields;
}

/** Every concrete place in a body where the field's path leads, with the value there. */
function occurrences(
  body: unknown,
  path: readonly (string | Wildcard)[],
  at: Step[] = [],
): { steps: Step[]; value: unknown }[] {
  if (path.length === 0) return [{ steps: at, value: body }];
  const [head, ...rest] = path;
  if (head === '*') {
    if (!Array.isArray(body)) return [];
    return body.flatMap((item, index) => occurrences(item, rest, [...at, index]));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.hasOwn(body, head!)) return [];
  return occurrences((body as Record<string, unknown>)[head!], rest, [...at, head!]);
}

// --- the comparison ---

function pathPattern(path: string): RegExp {
  const escaped = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.join('/')}$`);
}

const shown = (path: readonly (string | Wildcard)[]) =>
  path
    .map((step) => (step === '*' ? '[]' : `.${step}`))
    .join('')
    .replace(/^\./, '');

/** What the guard finds wrong: one sentence per problem, none when the pact covers the client. */
export function coverageProblems(
  interactions: readonly PactInteraction[],
  endpoints: Readonly<Record<string, Endpoint>>,
): string[] {
  const problems: string[] = [];
  const matchers = Object.entries(endpoints).map(([name, endpoint]) => ({
    name,
    endpoint,
    pattern: pathPattern(endpoint.path),
  }));
  const endpointOf = (interaction: PactInteraction) =>
    matchers.find(({ endpoint, pattern }) => endpoint.method === interaction.method && pattern.test(interaction.path));

  for (const interaction of interactions) {
    if (!endpointOf(interaction)) {
      problems.push(
        `interaction "${interaction.description}" (${interaction.method} ${interaction.path}) is for no endpoint the client declares`,
      );
    }
  }

  for (const { name, endpoint } of matchers) {
    for (const [statusText, { when, body }] of Object.entries(endpoint.responses)) {
      const status = Number(statusText);
      const label = `${name} ${status} (${when})`;
      const answering = interactions.filter(
        (interaction) => interaction.status === status && endpointOf(interaction)?.name === name,
      );
      if (answering.length === 0) {
        problems.push(`${label}: no interaction answers it`);
        continue;
      }
      for (const field of fieldsOf(body)) {
        const found = answering.flatMap((interaction) =>
          occurrences(interaction.body, field.path).map(({ steps, value }) => ({
            value,
            pinned: isPinned(rulesAt(interaction.bodyRules, steps)),
          })),
        );
        if (found.length === 0) {
          problems.push(`${label}: ${shown(field.path)} is read by the client, but no interaction constrains it`);
          continue;
        }
        if (!field.compared) continue;
        const pinned = found.filter((occurrence) => occurrence.pinned);
        if (pinned.length === 0) {
          problems.push(
            `${label}: ${shown(field.path)} is compared with known values by the client, but the pact matches only its type`,
          );
          continue;
        }
        for (const value of field.values ?? []) {
          if (!pinned.some((occurrence) => occurrence.value === value)) {
            problems.push(
              `${label}: ${shown(field.path)} = ${JSON.stringify(value)} is a value the client tells apart, but no interaction answers it exactly`,
            );
          }
        }
      }
    }
  }
  return problems;
}
