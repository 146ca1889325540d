// The part of JSONPath that Pact's matching rules use ($, .name, ['name'], [0], [*], .*), and finding
// the rule for a place in a body: the most specific rule whose path names exactly that place. Written
// here because the JSONPath libraries evaluate paths against documents, while this compares a rule's
// path with a concrete one.
import type { Matcher, Rules } from './pact-interactions.ts';

export type Segment = string | number;
type Token = { key: string } | { index: number } | { any: true };

export function parseRulePath(path: string): Token[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const tokens: Token[] = [];
  const pattern = /\.(\*|[^.[\]]+)|\[(\*|\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const at = pattern.lastIndex;
    const found = pattern.exec(path);
    if (!found || found.index !== at) return undefined;
    const part = found[1] ?? found[2]!;
    if (part === '*') tokens.push({ any: true });
    else if (found[2] !== undefined && /^\d+$/.test(part)) tokens.push({ index: Number(part) });
    else if (found[2] !== undefined) tokens.push({ key: part.slice(1, -1).replace(/\\(.)/g, '$1') });
    else tokens.push({ key: part });
  }
  return tokens;
}

/** How well a rule's path names this place: undefined when it does not; more named segments score higher. */
function score(tokens: Token[], place: Segment[]): number | undefined {
  if (tokens.length !== place.length) return undefined;
  let named = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const segment = place[i]!;
    if ('any' in token) continue;
    if ('key' in token ? token.key !== segment : token.index !== segment) return undefined;
    named += 1;
  }
  return named;
}

export function ruleAt(rules: Rules, place: Segment[]): Matcher[] | undefined {
  let best: { matchers: Matcher[]; score: number } | undefined;
  for (const [path, matchers] of rules) {
    const tokens = parseRulePath(path);
    const found = tokens && score(tokens, place);
    if (found !== undefined && (!best || found > best.score)) best = { matchers, score: found };
  }
  return best?.matchers;
}

/** `$.data.items[0].name`, for people. */
export function showPath(place: Segment[]): string {
  return place.reduce<string>(
    (shown, segment) =>
      typeof segment === 'number'
        ? `${shown}[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `${shown}.${segment}`
          : `${shown}['${segment}']`,
    '$',
  );
}
