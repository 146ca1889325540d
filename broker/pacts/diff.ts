// A readable diff between two pact contents (the 409 on changed content shows it), computed with the
// `diff` library over each pact pretty-printed with sorted keys and without the broker's `_id`s.
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'safe-stable-stringify';
import type { JsonObject } from './content.ts';

const MAX_DIFF_LENGTH = 20_000;

function printable(pact: JsonObject): string {
  return stringify(pact, (key, value) => (key === '_id' ? undefined : value), 2) ?? '';
}

export function pactDiff(before: JsonObject, after: JsonObject, beforeLabel = 'published', afterLabel = 'new'): string {
  const patch = createTwoFilesPatch(beforeLabel, afterLabel, printable(before), printable(after), '', '', {
    context: 3,
  });
  const body = patch.replace(/^=+\n/, ''); // drop the "====" separator line
  return body.length > MAX_DIFF_LENGTH ? `${body.slice(0, MAX_DIFF_LENGTH)}\n... (diff truncated)` : body;
}
