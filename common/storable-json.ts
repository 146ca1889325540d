// The one check of free-form JSON that a service keeps in PostgreSQL's JSONB, for the backend and the
// broker alike. JSON.parse accepts values JSONB cannot store or would not give back the same: NUL
// characters and unpaired UTF-16 surrogates (in strings or keys), numbers that are not finite (1e400),
// and absurd nesting. Walked with an explicit stack, not recursion: a body nested 100,000 levels deep
// is refused, it does not overflow the stack.

/** How many levels of objects and lists a stored JSON value may nest (the outermost one is level 1). */
export const MAX_JSON_DEPTH = 64;

/** What makes a string unstorable, or undefined when it is fine. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/** What makes `value` unstorable as JSONB (the first problem found), or undefined when it is fine. */
export function jsonProblem(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return problem;
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) return 'contains a number that is not finite';
    } else if (item !== null && typeof item !== 'boolean') {
      if (typeof item !== 'object') return 'contains a value that is not JSON';
      if (depth + 1 > MAX_JSON_DEPTH) return `nests deeper than ${MAX_JSON_DEPTH} levels`;
      if (Array.isArray(item)) {
        for (const child of item) stack.push([child, depth + 1]);
      } else {
        for (const [key, child] of Object.entries(item)) {
          const problem = textProblem(key);
          if (problem) return `has a key that ${problem}`;
          stack.push([child, depth + 1]);
        }
      }
    }
  }
  return undefined;
}
