// A pact's content: reading a published pact (specification V1 to V4, HTTP and message interactions),
// its content hash, and the `_id` every interaction gets.
//
// The hash covers only what affects verification results: the interactions and messages (each with
// its keys sorted, the lists sorted) and the specification version. Formatting, key order, interaction
// order, other metadata and our own `_id`s therefore do not change it, so re-publishing the same
// contract deduplicates to one pact version.
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import { ValidationError } from '../domain-errors.ts';

import type { UnknownObject } from '../../common/json.ts';
export type { UnknownObject };

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

const isObject = (value: unknown): value is UnknownObject =>
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

export function specificationVersionOf(pact: UnknownObject): string | undefined {
  const metadata = isObject(pact.metadata) ? pact.metadata : {};
  for (const candidate of [metadata.pactSpecification, metadata['pact-specification']]) {
    if (isObject(candidate) && typeof candidate.version === 'string') return candidate.version;
  }
  return typeof metadata.pactSpecificationVersion === 'string' ? metadata.pactSpecificationVersion : undefined;
}

/**
 * The content hash. For a pact, only what affects verification results counts; other contracts (the
 * Pact Broker takes any JSON at a pact's URL) are hashed whole.
 */
export function contentSha(pact: unknown): string {
  if (!isObject(pact) || (!Array.isArray(pact.interactions) && !Array.isArray(pact.messages)))
    return sha1(canonicalJson(pact));
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
export function withInteractionIds<T>(pact: T): T {
  if (!isObject(pact)) return pact;
  const addIds = (list: unknown) =>
    Array.isArray(list)
      ? list.map((item) =>
          isObject(item) ? { _id: interactionId(item), ...(withoutId(item) as UnknownObject) } : item,
        )
      : list;
  const result: UnknownObject = { ...pact };
  if (Array.isArray(pact.interactions)) result.interactions = addIds(pact.interactions);
  if (Array.isArray(pact.messages)) result.messages = addIds(pact.messages);
  return result as T;
}

const nameOf = (party: unknown) =>
  isObject(party) && typeof party.name === 'string' && party.name.trim() !== '' ? party.name : undefined;

/**
 * What is wrong with a pact. The Pact Broker stores any JSON object or list at a pact's URL (other
 * kinds of contract too), so only what is there is checked: names, when the caller does not supply
 * them, and that interactions and messages, when they are lists, hold objects.
 */
function problemsOf(pact: unknown, names: Partial<Names>): string[] {
  if (typeof pact !== 'object' || pact === null) return ['must be a JSON object'];
  const problems: string[] = [];
  const body = isObject(pact) ? pact : {};
  if (!nameOf(body.consumer) && names.consumer === undefined) problems.push('consumer.name is missing');
  if (!nameOf(body.provider) && names.provider === undefined) problems.push('provider.name is missing');
  for (const key of ['interactions', 'messages']) {
    const list = body[key];
    if (Array.isArray(list) && !list.every(isObject)) problems.push(`every item of ${key} must be a JSON object`);
  }
  return problems;
}

/** The consumer and provider a pact is published for (from the URL, or the publish request). */
export interface Names {
  consumer: string;
  provider: string;
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

/**
 * Reads a pact (already parsed JSON); `field` names it in validation errors. The names in the pact
 * are used; where it has none, the ones given (`names`).
 */
export function readPact(parsed: unknown, field = 'content', names: Partial<Names> = {}): PactContent {
  if (nestsDeeperThan(parsed, MAX_PACT_DEPTH)) {
    throw ValidationError.field(field, `The pact nests deeper than ${MAX_PACT_DEPTH} levels of objects and lists`);
  }
  const problems = problemsOf(parsed, names);
  if (problems.length > 0) throw new ValidationError({ [field]: problems.map((problem) => `The pact ${problem}`) });
  const pact = isObject(parsed) ? parsed : {};
  return {
    text: JSON.stringify(withInteractionIds(parsed)),
    consumerName: nameOf(pact.consumer) ?? names.consumer!,
    providerName: nameOf(pact.provider) ?? names.provider!,
    specificationVersion: specificationVersionOf(pact),
    sha: contentSha(parsed),
    interactionsCount: Array.isArray(pact.interactions) ? pact.interactions.length : 0,
    messagesCount: Array.isArray(pact.messages) ? pact.messages.length : 0,
  };
}

/** Reads pact text (from a base64 contract or a database row). */
export function readPactText(text: string, field = 'content', names: Partial<Names> = {}): PactContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw ValidationError.field(field, `The pact is not valid JSON: ${(error as Error).message}`);
  }
  return readPact(parsed, field, names);
}
