// The shape of the one error middleware of a service that answers in the JSON envelope (backend,
// router): the service's `mapError` names the status, code and message of the failures it knows; anything
// else is logged with its stack and answered with a generic 500 and the request id, never with the
// error's own text or stack.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { failure } from './envelope.ts';
import { requestIdOf } from './request-id.ts';

export interface MappedError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  /** Response headers to send with it (say, Retry-After on a 503). */
  headers?: Readonly<Record<string, string>>;
}

export type ErrorMapper = (error: unknown) => MappedError | undefined;

export function envelopeErrorHandler(logger: Logger, mapError: ErrorMapper): ErrorRequestHandler {
  return (error, req, res, next) => {
    // Part of an answer is already on its way (say, a proxied one): Express's final handler cuts the
    // connection, which is all a client can be told now.
    if (res.headersSent) return next(error);
    const requestId = requestIdOf(req);
    const mapped = mapError(error);
    if (!mapped) {
      logger.error({ err: error, requestId }, 'unhandled error');
      res.status(500).json(failure('Internal server error', 'internal_error', { request_id: requestId }));
      return;
    }
    if (mapped.status >= 500) logger.warn({ err: error, requestId, code: mapped.code }, mapped.message);
    if (mapped.headers) res.set(mapped.headers);
    const extras =
      mapped.details === undefined ? { request_id: requestId } : { request_id: requestId, details: mapped.details };
    res.status(mapped.status).json(failure(mapped.message, mapped.code, extras));
  };
}

/** "Route GET /x not found", with the path cut short: a client's very long path is not echoed whole. */
export function routeNotFoundMessage(method: string, path: string): string {
  return `Route ${method} ${path.slice(0, 200)} not found`;
}
