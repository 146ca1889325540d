// The router's one error middleware: every failure becomes the JSON envelope with a fitting status.
// A backend that cannot be reached is a 502, one that does not answer in time a 504; anything
// unexpected is a generic 500 with the request id (common/http/envelope-error-handler.ts).
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  envelopeErrorHandler,
  routeNotFoundMessage,
  type MappedError,
} from '../../common/http/envelope-error-handler.ts';
import { BackendUnavailableError } from '../backend-client/errors.ts';
import { NotFoundError } from './errors.ts';

function mapError(error: unknown): MappedError | undefined {
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof BackendUnavailableError) {
    return error.reason === 'timeout'
      ? { status: 504, code: 'backend_timeout', message: error.message }
      : { status: 502, code: 'backend_unavailable', message: error.message };
  }
  // A malformed URL (say `%E0%A4%A`) fails Express's decoding of path parameters.
  if (error instanceof URIError)
    return { status: 400, code: 'malformed_url', message: 'The URL is not correctly encoded' };
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return envelopeErrorHandler(logger, mapError);
}

/** The last route: anything unmatched is a 404 in the envelope. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(routeNotFoundMessage(req.method, req.path)));
}
