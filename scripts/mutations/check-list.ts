// Whether the mutation list still fits the sources: every edit's `find` occurs in its file exactly as
// often as the edit says. Checked before a run (and by mutations.spec.ts), so a refactored backend makes
// the list fail loudly rather than leave a mutation that changes nothing and "passes".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { occurrences } from './apply.ts';
import type { Mutation } from './mutations.ts';

export function mutationProblems(list: readonly Mutation[], root: string): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const mutation of list) {
    if (ids.has(mutation.id)) problems.push(`${mutation.id}: the id is used twice`);
    ids.add(mutation.id);
    if (mutation.edits.length === 0) problems.push(`${mutation.id}: no edits`);
    for (const edit of mutation.edits) {
      const path = join(root, edit.file);
      if (!existsSync(path)) {
        problems.push(`${mutation.id}: ${edit.file} does not exist`);
        continue;
      }
      const found = occurrences(readFileSync(path, 'utf8'), edit.find);
      const expected = edit.times ?? 1;
      if (found !== expected)
        problems.push(
          `${mutation.id}: ${edit.file} has ${JSON.stringify(edit.find.slice(0, 60))} ${found} times, not ${expected}`,
        );
      if (edit.find === edit.replace) problems.push(`${mutation.id}: an edit of ${edit.file} changes nothing`);
    }
  }
  return problems;
}
