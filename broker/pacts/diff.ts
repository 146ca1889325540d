// A readable diff between two pact contents (the 409 on changed content and the diff resources show
// it). Interactions (and messages) are paired by their key, description and provider state, the key
// PATCH merges on, so the work grows with the size of the pacts, not with the product of their
// interaction counts: each pair that differs is line-diffed on its own (the `diff` library, over the
// interaction pretty-printed with sorted keys), then added and removed ones are listed whole. What is
// not an interaction (consumer, provider, metadata) is line-diffed as one small document.
//
// Every step is bounded: a pair whose edit script is longer than MAX_EDIT_LENGTH lines is shown as a
// removal and an addition, and the diff stops at MAX_DIFF_LENGTH characters with a note saying how
// much was left out. It runs in a worker thread (pact-work.ts), never on the request's event loop.
import { structuredPatch } from 'diff';
import { stringify } from 'safe-stable-stringify';
import { canonicalJson, type UnknownObject } from './content.ts';

export const MAX_DIFF_LENGTH = 100_000;
/** Longest edit script computed for one interaction; longer changes are shown as replace-whole. */
const MAX_EDIT_LENGTH = 500;
const LISTS = ['interactions', 'messages'] as const;

const isObject = (value: unknown): value is UnknownObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Pretty JSON with sorted keys and without the broker's `_id`s. */
export function printable(value: unknown): string {
  return stringify(value, (key, item) => (key === '_id' ? undefined : item), 2) ?? '';
}

/** The key interactions are paired (and merged) by: description and provider state(s). */
export function interactionKey(interaction: UnknownObject): string {
  const state = interaction.providerState ?? interaction.provider_state ?? interaction.providerStates ?? null;
  return canonicalJson([interaction.description ?? null, state]);
}

function label(interaction: UnknownObject): string {
  const description = typeof interaction.description === 'string' ? interaction.description : '(no description)';
  const states = interaction.providerStates ?? interaction.providerState ?? interaction.provider_state;
  const names = (Array.isArray(states) ? states : states === undefined ? [] : [states]).map((state) =>
    isObject(state) && typeof state.name === 'string' ? state.name : String(state),
  );
  return `"${description}"${names.length > 0 ? ` given ${names.map((name) => `"${name}"`).join(' and ')}` : ''}`;
}

/** A list's items by key (a repeated key gets its occurrence number, so nothing is lost). */
function byKey(list: unknown): Map<string, UnknownObject> {
  const map = new Map<string, UnknownObject>();
  if (!Array.isArray(list)) return map;
  const seen = new Map<string, number>();
  for (const item of list) {
    if (!isObject(item)) continue;
    const key = interactionKey(item);
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    map.set(count === 0 ? key : `${key}#${count}`, item);
  }
  return map;
}

/** Collects output lines up to the cap, counting what did not fit. */
class Output {
  private readonly lines: string[] = [];
  private length = 0;
  omitted = 0;

  get full(): boolean {
    return this.length >= MAX_DIFF_LENGTH;
  }

  push(...lines: string[]): void {
    for (const line of lines) {
      if (this.full) return;
      this.lines.push(line);
      this.length += line.length + 1;
    }
  }

  text(): string {
    const note =
      this.omitted > 0 || this.full
        ? `\n... (diff truncated at ${MAX_DIFF_LENGTH} characters` +
          `${this.omitted > 0 ? `; ${this.omitted} more changed interactions not shown` : ''})\n`
        : '';
    return this.lines.join('\n') + (this.lines.length > 0 ? '\n' : '') + note;
  }
}

const prefixed = (prefix: string, text: string) => text.split('\n').map((line) => prefix + line);

/** Line-diffs two small texts as hunks, or undefined when their edit script is too long. */
function hunks(before: string, after: string): string[] | undefined {
  const patch = structuredPatch('', '', `${before}\n`, `${after}\n`, undefined, undefined, {
    context: 3,
    maxEditLength: MAX_EDIT_LENGTH,
  });
  if (!patch) return undefined;
  return patch.hunks.flatMap((hunk) => [
    `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    ...hunk.lines,
  ]);
}

function changed(output: Output, title: string, before: string, after: string): void {
  output.push(`@@@ ${title} @@@`);
  const lines = hunks(before, after);
  if (lines) output.push(...lines);
  else output.push(...prefixed('-', before), ...prefixed('+', after));
}

export function pactDiff(
  before: UnknownObject,
  after: UnknownObject,
  beforeLabel = 'published',
  afterLabel = 'new',
): string {
  const output = new Output();
  output.push(`--- ${beforeLabel}`, `+++ ${afterLabel}`);
  const rest = (pact: UnknownObject) => {
    const copy: UnknownObject = { ...pact };
    for (const list of LISTS) delete copy[list];
    return printable(copy);
  };
  const [restBefore, restAfter] = [rest(before), rest(after)];
  if (restBefore !== restAfter) changed(output, 'the pact (apart from its interactions)', restBefore, restAfter);

  for (const list of LISTS) {
    const [old, current] = [byKey(before[list]), byKey(after[list])];
    const singular = list === 'interactions' ? 'interaction' : 'message';
    for (const [key, item] of current) {
      const previous = old.get(key);
      if (previous !== undefined && canonicalJson(previous) === canonicalJson(item)) continue;
      if (output.full) {
        output.omitted += 1;
        continue;
      }
      if (previous === undefined) {
        output.push(`@@@ ${singular} ${label(item)}: added @@@`, ...prefixed('+', printable(item)));
      } else {
        changed(output, `${singular} ${label(item)}: changed`, printable(previous), printable(item));
      }
    }
    for (const [key, item] of old) {
      if (current.has(key)) continue;
      if (output.full) output.omitted += 1;
      else output.push(`@@@ ${singular} ${label(item)}: removed @@@`, ...prefixed('-', printable(item)));
    }
  }
  return output.text();
}
