// Merging a pact into the one already published for the same consumer version (PATCH, or
// `onConflict: "merge"` when publishing): interactions are matched on description and provider
// state; a match with a different request is a conflict, any other match is replaced, the rest added.
// Matching goes through a map by key, so merging grows with the pacts' size (not their product).
import { canonicalJson, type UnknownObject } from './content.ts';
import { interactionKey } from './diff.ts';

export type MergeResult = { merged: UnknownObject } | { conflicts: string[] };

const isObject = (value: unknown): value is UnknownObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function requestOf(interaction: UnknownObject): string {
  const request = isObject(interaction.request) ? interaction.request : {};
  return canonicalJson(['method', 'path', 'query', 'body', 'headers'].map((key) => request[key] ?? null));
}

function mergeList(existing: unknown, additional: unknown, conflicts: string[]): unknown[] | undefined {
  if (!Array.isArray(additional)) return Array.isArray(existing) ? existing : undefined;
  const result: unknown[] = Array.isArray(existing) ? [...existing] : [];
  // The first item with each key, as the list is merged (later duplicates of a key are left alone).
  const indexByKey = new Map<string, number>();
  result.forEach((item, index) => {
    if (isObject(item) && !indexByKey.has(interactionKey(item))) indexByKey.set(interactionKey(item), index);
  });
  for (const item of additional) {
    if (!isObject(item)) continue;
    const key = interactionKey(item);
    const index = indexByKey.get(key);
    if (index === undefined) {
      indexByKey.set(key, result.length);
      result.push(item);
      continue;
    }
    const current = result[index] as UnknownObject;
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

export function mergePacts(existing: UnknownObject, additional: UnknownObject): MergeResult {
  const conflicts: string[] = [];
  const merged: UnknownObject = { ...existing };
  const interactions = mergeList(existing.interactions, additional.interactions, conflicts);
  const messages = mergeList(existing.messages, additional.messages, conflicts);
  if (interactions) merged.interactions = interactions;
  if (messages) merged.messages = messages;
  return conflicts.length > 0 ? { conflicts } : { merged };
}
