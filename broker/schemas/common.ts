// Building blocks for request schemas: the text the broker stores (names, version numbers, branches,
// tags) and free-form JSON it keeps in JSONB. PostgreSQL cannot store NUL characters, and unpaired
// UTF-16 surrogates would not come back as they went in, so both are refused up front.
import { z } from 'zod';

export const MAX_NAME_LENGTH = 255;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  if (!text.isWellFormed()) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

const required = (what: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? `${what} is required` : `${what} must be a string`,
});

/** A name, version number, branch or tag: 1 to 255 characters, not only spaces. */
export function nameText(what = 'value', max = MAX_NAME_LENGTH) {
  return z
    .string(required(what))
    .max(max, `${what} must be at most ${max} characters`)
    .refine((text) => text.trim() !== '', `${what} cannot be blank`)
    .superRefine((text, ctx) => {
      const problem = textProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: `${what} ${problem}` });
    });
}

/** Free text (descriptions, URLs, display names). */
export function freeText(what = 'value', max = 10_000) {
  return z
    .string(required(what))
    .max(max, `${what} must be at most ${max} characters`)
    .superRefine((text, ctx) => {
      const problem = textProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: `${what} ${problem}` });
    });
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 64;

function jsonProblem(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `nests deeper than ${MAX_DEPTH} levels`;
  if (typeof value === 'string') return textProblem(value);
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'contains a number that is not finite';
  if (value === null || typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem =
        (textProblem(key) ? `has a key that ${textProblem(key)}` : undefined) ?? jsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  return 'is not JSON';
}

/** Any JSON value that PostgreSQL's JSONB stores faithfully. */
export function storableJson(what = 'value') {
  return z
    .custom<JsonValue>((value) => value !== undefined, `${what} is required`)
    .superRefine((value, ctx) => {
      const problem = jsonProblem(value, 0);
      if (problem) ctx.addIssue({ code: 'custom', message: `${what} ${problem}` });
    });
}

/** Whether a string (say, a path segment) is text the broker can store. */
export function storableText(text: string): boolean {
  return textProblem(text) === undefined;
}
