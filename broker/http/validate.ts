// Parsing request input with zod into the Pact Broker's validation error shape: a map from the
// dotted field path ("request.url", "contracts.0.content") to its messages.
import { z } from 'zod';
import { ValidationError } from '../domain-errors.ts';

/**
 * `lists` are fields whose items' problems are reported under the list's own key, each message
 * ending "(at index N)", as the Pact Broker reports them (`contracts`, `tags`...).
 */
export function validationErrorsOf(
  issues: readonly z.core.$ZodIssue[],
  root = 'body',
  lists: string[] = [],
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues.slice(0, 20)) {
    const [list, index, ...rest] = issue.path.map(String);
    if (list !== undefined && lists.includes(list) && index !== undefined && /^\d+$/.test(index)) {
      // Our messages usually name their field already ("consumerName is required").
      const named = rest.length === 0 || issue.message.startsWith(rest.at(-1)!);
      (errors[list] ??= []).push(`${named ? '' : `${rest.join('.')} `}${issue.message} (at index ${index})`);
      continue;
    }
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : root;
    // zod's own words for a body of the wrong shape ("expected object, received array") say less than this.
    const message =
      issue.path.length === 0 && issue.code === 'invalid_type' ? `the ${root} must be a JSON object` : issue.message;
    (errors[key] ??= []).push(message);
  }
  return errors;
}

/** Parses `value`, or throws a ValidationError (400) naming each bad field (see validationErrorsOf). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root = 'body',
  lists: string[] = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(validationErrorsOf(result.error.issues, root, lists));
}
