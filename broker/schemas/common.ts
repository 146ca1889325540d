// Building blocks for request schemas: the text the broker stores (names, version numbers, branches,
// tags) and free-form JSON it keeps in JSONB, checked as the backend checks its own
// (common/storable-json.ts: no NUL characters or unpaired surrogates, bounded nesting).
import { z } from 'zod';
import type { JsonValue } from '../../common/json.ts';
import { jsonProblem, textProblem } from '../../common/storable-json.ts';

export const MAX_NAME_LENGTH = 255;

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

/** Any JSON value that PostgreSQL's JSONB stores faithfully. */
export function storableJson(what = 'value') {
  return z
    .custom<JsonValue>((value) => value !== undefined, `${what} is required`)
    .superRefine((value, ctx) => {
      const problem = jsonProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `${what} ${problem}` });
    });
}

/** Whether a string (say, a path segment) is text the broker can store. */
export function storableText(text: string): boolean {
  return textProblem(text) === undefined;
}
