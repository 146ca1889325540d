// Applying a mutation's edits to a scratch copy, and taking them back.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Edit, Mutation } from './mutations.ts';
import { insideScratch } from './scratch-copy.ts';

/** How often `find` occurs in `text` (non-overlapping). */
export function occurrences(text: string, find: string): number {
  if (find === '') throw new Error('an edit must find something');
  return text.split(find).length - 1;
}

/** The text with the edit made; throws when `find` does not occur as often as the edit says. */
export function edited(text: string, edit: Edit): string {
  const expected = edit.times ?? 1;
  const found = occurrences(text, edit.find);
  if (found !== expected) {
    throw new Error(
      `${edit.file}: ${JSON.stringify(edit.find.slice(0, 80))} occurs ${found} times, the mutation expects ${expected}`,
    );
  }
  return text.split(edit.find).join(edit.replace);
}

/** Makes the mutation's edits in the copy at `root`; the function returned restores every file. */
export function applyMutation(root: string, mutation: Mutation): () => void {
  const originals = new Map<string, string>();
  try {
    for (const edit of mutation.edits) {
      const path = insideScratch(root, edit.file);
      const text = readFileSync(path, 'utf8');
      if (!originals.has(path)) originals.set(path, text);
      const changed = edited(text, edit);
      if (changed === text) throw new Error(`${mutation.id}: an edit of ${edit.file} changes nothing`);
      writeFileSync(path, changed);
    }
  } catch (error) {
    for (const [path, text] of originals) writeFileSync(path, text);
    throw error;
  }
  return () => {
    for (const [path, text] of originals) writeFileSync(path, text);
  };
}
