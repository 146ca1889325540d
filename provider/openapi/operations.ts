// Building blocks for the OpenAPI operations each feature's router declares next to its routes: JSON
// answers described by the same zod schemas that type them, and the error answers every route shares.
import type { Response } from 'express';
import type { z } from 'zod';
import type { ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { errorEnvelopeSchema } from '../http/envelope-schemas.ts';

export type ApiPaths = ZodOpenApiPathsObject;

export function jsonResponse(description: string, schema: z.ZodType): ZodOpenApiResponseObject {
  return { description, content: { 'application/json': { schema } } };
}

/** Why the backend answers each error status (error-handler.ts maps the failures to them). */
const ERRORS = {
  400: 'Invalid input: a path, query or body that breaks a rule, a malformed JSON body or URL',
  404: 'Nothing by that id (or name) exists',
  409: 'The request conflicts with the current state',
  413: 'The request body is too large',
  415: 'An unsupported Content-Encoding or charset',
  500: 'An unexpected failure (the body carries the request id, never the cause)',
  503: 'The database is unavailable; try again shortly',
} as const;

export type ErrorStatus = keyof typeof ERRORS;

/**
 * The error answers a route can give, each in the error envelope. Every route can get a malformed body
 * (express.json reads bodies before routing), hence 400, 413 and 415 on all of them.
 */
export function errorResponses(...statuses: ErrorStatus[]): Record<string, ZodOpenApiResponseObject> {
  return Object.fromEntries(
    statuses.map((status) => [String(status), jsonResponse(ERRORS[status], errorEnvelopeSchema)]),
  );
}

/**
 * Sends `body` as JSON with `status`. `schema` is the one the OpenAPI document gives for this answer:
 * the compiler checks the body against it here, and the test suite checks every answer against the
 * document at run time (provider/openapi/response-check.ts).
 */
export function reply<S extends z.ZodType>(res: Response, status: number, schema: S, body: z.output<S>): void {
  void schema;
  res.status(status).json(body);
}
