// Parsing request input with zod into the Pact Broker's validation error shape: a map from the
// dotted field path ("request.url", "contracts.0.content") to its messages.
import { z } from 'zod';
import { ValidationError } from './errors.ts';

export function validationErrorsOf(issues: readonly z.core.$ZodIssue[], root = 'body'): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues.slice(0, 20)) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : root;
    // zod's own words for a body of the wrong shape ("expected object, received array") say less than this.
    const message =
      issue.path.length === 0 && issue.code === 'invalid_type' ? `the ${root} must be a JSON object` : issue.message;
    (errors[key] ??= []).push(message);
  }
  return errors;
}

/** Parses `value`, or throws a ValidationError (400) naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(validationErrorsOf(result.error.issues, root));
}
