// Reading settings from the environment, the same way for every service and command: one zod schema,
// validated once, one error that lists every problem. A variable set to an empty string counts as unset
// (CI systems often export empty ones; `PORT=` must not mean port 0).
import type { z } from 'zod';
import { StartupError } from '../process/startup-error.ts';

export interface ParseEnvOptions {
  /**
   * The error to throw (by default a StartupError: a service that cannot start says so in one line);
   * commands that map bad configuration to an exit code pass their own class.
   */
  error?: (message: string) => Error;
}

export function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}

/** The schema's output for `env`, or an error "Invalid <what> configuration: NAME: problem; ...". */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  what: string,
  options: ParseEnvOptions = {},
): z.output<S> {
  const parsed = schema.safeParse(withoutEmptyValues(env));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  const message = `Invalid ${what} configuration: ${problems}`;
  throw options.error ? options.error(message) : new StartupError(message);
}
