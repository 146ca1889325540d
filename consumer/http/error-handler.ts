// The router's one error middleware: every failure becomes the JSON envelope with a fitting status.
// A backend that cannot be reached is a 502, one that does not answer in time a 504; anything
// unexpected is a generic 500 with the request id, never a stack or an internal message.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { failure } from '../../common/http/envelope.ts';
import { requestIdOf } from '../../common/http/request-id.ts';
import { BackendUnavailableError } from '../backend-client/errors.ts';
import { NotFoundError } from './errors.ts';

interface Mapped {
  status: number;
  code: string;
  message: string;
}

function mapError(error: unknown): Mapped | undefined {
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof BackendUnavailableError) {
    return error.reason === 'timeout'
      ? { status: 504, code: 'backend_timeout', message: error.message }
      : { status: 502, code: 'backend_unavailable', message: error.message };
  }
  // A malformed URL (say `%E0%A4%A`) fails Express's decoding of path parameters.
  if (error instanceof URIError) return { status: 400, code: 'malformed_url', message: 'The URL is not correctly encoded' };
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    // Part of a proxied answer is already on its way: Express's final handler cuts the connection,
    // which is all a client can be told now.
    if (res.headersSent) return next(error);
    const requestId = requestIdOf(req);
    const mapped = mapError(error);
    if (!mapped) {
      logger.error({ err: error, requestId }, 'unhandled error');
      res.status(500).json(failure('Internal server error', 'internal_error', { request_id: requestId }));
      return;
    }
    if (mapped.status >= 500) logger.warn({ requestId, code: mapped.code }, mapped.message);
    res.status(mapped.status).json(failure(mapped.message, mapped.code, { request_id: requestId }));
  };
}

/** The last route: anything unmatched is a 404 in the envelope. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`Route ${req.method} ${req.path.slice(0, 200)} not found`));
}
