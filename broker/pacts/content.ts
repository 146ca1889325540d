// A pact's content: reading a published pact (specification V1 to V4, HTTP and message interactions),
// its content hash, and the `_id` every interaction gets.
//
// The hash covers only what affects verification results: the interactions and messages (each with
// its keys sorted, the lists sorted) and the specification version. Formatting, key order, interaction
// order, other metadata and our own `_id`s therefore do not change it, so re-publishing the same
// contract deduplicates to one pact version.
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { ValidationError } from '../http/errors.ts';

export type JsonObject = Record<string, unknown>;

export interface PactContent {
  /** The pact as published, with `_id` added to each interaction and message, as JSON text. */
  text: string;
  consumerName: string;
  providerName: string;
  specificationVersion: string | undefined;
  sha: string;
  interactionsCount: number;
  messagesCount: number;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with every object's keys sorted: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

function withoutId(interaction: unknown): unknown {
  if (!isObject(interaction) || !('_id' in interaction)) return interaction;
  const { _id: _ignored, ...rest } = interaction;
  return rest;
}

export function interactionId(interaction: unknown): string {
  return sha1(canonicalJson(withoutId(interaction)));
}

export function specificationVersionOf(pact: JsonObject): string | undefined {
  const metadata = isObject(pact.metadata) ? pact.metadata : {};
  for (const candidate of [metadata.pactSpecification, metadata['pact-specification']]) {
    if (isObject(candidate) && typeof candidate.version === 'string') return candidate.version;
  }
  return typeof metadata.pactSpecificationVersion === 'string' ? metadata.pactSpecificationVersion : undefined;
}

export function contentSha(pact: JsonObject): string {
  const sorted = (list: unknown) =>
    Array.isArray(list) ? list.map((item) => canonicalJson(withoutId(item))).sort() : undefined;
  const verifiable = {
    interactions: sorted(pact.interactions),
    messages: sorted(pact.messages),
    pact_specification_version: specificationVersionOf(pact),
  };
  return sha1(canonicalJson(verifiable));
}

/** Interactions and messages with `_id` as their first key (any `_id` given is replaced). */
export function withInteractionIds(pact: JsonObject): JsonObject {
  const addIds = (list: unknown) =>
    Array.isArray(list)
      ? list.map((item) => (isObject(item) ? { _id: interactionId(item), ...(withoutId(item) as JsonObject) } : item))
      : list;
  const result: JsonObject = { ...pact };
  if (Array.isArray(pact.interactions)) result.interactions = addIds(pact.interactions);
  if (Array.isArray(pact.messages)) result.messages = addIds(pact.messages);
  return result;
}

function problemsOf(pact: unknown): string[] {
  if (!isObject(pact)) return ['must be a JSON object'];
  const problems: string[] = [];
  const nameOf = (party: unknown) =>
    isObject(party) && typeof party.name === 'string' && party.name.trim() !== '' ? party.name : undefined;
  if (!nameOf(pact.consumer)) problems.push('consumer.name is missing');
  if (!nameOf(pact.provider)) problems.push('provider.name is missing');
  const lists = ['interactions', 'messages'].filter((key) => pact[key] !== undefined);
  if (lists.length === 0) problems.push('has neither "interactions" nor "messages"');
  for (const key of lists) {
    const list = pact[key];
    if (!Array.isArray(list)) problems.push(`${key} must be a list`);
    else if (!list.every(isObject)) problems.push(`every item of ${key} must be a JSON object`);
  }
  return problems;
}

/** How deeply a pact's JSON may nest (the Pact Broker parses pacts with the same limit). */
export const MAX_PACT_DEPTH = 50;

/**
 * Whether JSON nests deeper than `max` levels (the outermost object or list is level 1). Walked with
 * an explicit stack, not recursion: a deeply nested body must be refused, not overflow the stack.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Reads a pact (already parsed JSON); `field` names it in validation errors. */
export function readPact(parsed: unknown, field = 'content'): PactContent {
  if (nestsDeeperThan(parsed, MAX_PACT_DEPTH)) {
    throw ValidationError.field(field, `The pact nests deeper than ${MAX_PACT_DEPTH} levels of objects and lists`);
  }
  const problems = problemsOf(parsed);
  if (problems.length > 0) throw new ValidationError({ [field]: problems.map((problem) => `The pact ${problem}`) });
  const pact = parsed as JsonObject & { consumer: { name: string }; provider: { name: string } };
  return {
    text: JSON.stringify(withInteractionIds(pact)),
    consumerName: pact.consumer.name,
    providerName: pact.provider.name,
    specificationVersion: specificationVersionOf(pact),
    sha: contentSha(pact),
    interactionsCount: Array.isArray(pact.interactions) ? pact.interactions.length : 0,
    messagesCount: Array.isArray(pact.messages) ? pact.messages.length : 0,
  };
}

/** Reads pact text (from a base64 contract or a database row). */
export function readPactText(text: string, field = 'content'): PactContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw ValidationError.field(field, `The pact is not valid JSON: ${(error as Error).message}`);
  }
  return readPact(parsed, field);
}
