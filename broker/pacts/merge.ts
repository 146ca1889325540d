// Merging a pact into the one already published for the same consumer version (PATCH, or
// `onConflict: "merge"` when publishing): interactions are matched on description and provider
// state; a match with a different request is a conflict, any other match is replaced, the rest added.
import { canonicalJson, type JsonObject } from './content.ts';

export type MergeResult = { merged: JsonObject } | { conflicts: string[] };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function keyOf(interaction: JsonObject): string {
  const state = interaction.providerState ?? interaction.provider_state ?? interaction.providerStates ?? null;
  return canonicalJson([interaction.description ?? null, state]);
}

function requestOf(interaction: JsonObject): string {
  const request = isObject(interaction.request) ? interaction.request : {};
  return canonicalJson(['method', 'path', 'query', 'body', 'headers'].map((key) => request[key] ?? null));
}

function mergeList(existing: unknown, additional: unknown, conflicts: string[]): unknown[] | undefined {
  if (!Array.isArray(additional)) return Array.isArray(existing) ? existing : undefined;
  const result: unknown[] = Array.isArray(existing) ? [...existing] : [];
  for (const item of additional) {
    if (!isObject(item)) continue;
    const index = result.findIndex((candidate) => isObject(candidate) && keyOf(candidate) === keyOf(item));
    if (index === -1) {
      result.push(item);
      continue;
    }
    const current = result[index] as JsonObject;
    if ('request' in item && requestOf(current) !== requestOf(item)) {
      conflicts.push(
        `An interaction with description "${String(item.description)}" and the same provider state already exists with a different request`,
      );
    } else {
      result[index] = item;
    }
  }
  return result;
}

export function mergePacts(existing: JsonObject, additional: JsonObject): MergeResult {
  const conflicts: string[] = [];
  const merged: JsonObject = { ...existing };
  const interactions = mergeList(existing.interactions, additional.interactions, conflicts);
  const messages = mergeList(existing.messages, additional.messages, conflicts);
  if (interactions) merged.interactions = interactions;
  if (messages) merged.messages = messages;
  return conflicts.length > 0 ? { conflicts } : { merged };
}
