// Request validation with zod: schemas that both check the input and give the handler its types.
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { InvalidInputError } from '../domain-errors.ts';

type Schemas = {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
};

type Parsed<S extends Schemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

/** Describes zod issues in one sentence a client can act on, e.g. "player_id: is required". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function parsePart(part: 'params' | 'query' | 'body', schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const prefix = part === 'body' ? 'Invalid request body' : part === 'query' ? 'Invalid query' : 'Invalid path';
  throw new InvalidInputError(`${prefix}: ${describeIssues(result.error.issues)}`, {
    issues: result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
  });
}

/** Wraps a handler: its input is parsed (params, then query, then body) before it runs. */
export function validated<S extends Schemas>(
  schemas: S,
  handler: (input: Parsed<S>, req: Request, res: Response) => Promise<void> | void,
): RequestHandler {
  return async (req, res) => {
    const input: Record<string, unknown> = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (schema) input[part] = parsePart(part, schema, req[part]);
    }
    await handler(input as Parsed<S>, req, res);
  };
}
