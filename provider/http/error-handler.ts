// The backend's one error middleware: maps every failure to the JSON envelope and a fitting status.
// Unexpected errors are logged with their stack and answered with a generic 500 and the request id,
// never with the stack or the database's message.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { failure } from '../../common/http/envelope.ts';
import { requestIdOf } from '../../common/http/request-id.ts';
import { classifyDatabaseError } from '../database-errors.ts';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from './errors.ts';

interface Mapped {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

/** Errors raised by express.json (body-parser) carry a `type` and a status. */
const bodyParserErrors: Record<string, Omit<Mapped, 'details'>> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json', message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'body_too_large', message: 'The request body is too large' },
  'entity.verify.failed': { status: 400, code: 'invalid_body', message: 'The request body was rejected' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'The request was aborted' },
  'request.size.invalid': { status: 400, code: 'invalid_body', message: 'The request body length does not match Content-Length' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'Unsupported Content-Encoding' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'Unsupported charset; send UTF-8 JSON' },
  'parameters.too.many': { status: 413, code: 'too_many_parameters', message: 'Too many parameters' },
};

function mapError(error: unknown): Mapped | undefined {
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof InvalidInputError) return { status: 400, code: 'invalid_input', message: error.message, details: error.details };
  if (error instanceof ConflictError) return { status: 409, code: 'conflict', message: error.message, details: error.details };
  if (error instanceof DomainError) return { status: 400, code: 'invalid_input', message: error.message };
  const type = (error as { type?: unknown }).type;
  if (typeof type === 'string' && type in bodyParserErrors) return bodyParserErrors[type];
  // A malformed URL (say `%E0%A4%A`) fails Express's decoding of path parameters.
  if (error instanceof URIError) return { status: 400, code: 'malformed_url', message: 'The URL is not correctly encoded' };
  if (classifyDatabaseError(error) === 'unavailable') {
    return { status: 503, code: 'database_unavailable', message: 'The database is unavailable; try again shortly' };
  }
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const requestId = requestIdOf(req);
    const mapped = mapError(error);
    if (mapped?.status === 503) logger.warn({ err: error, requestId }, 'database unavailable');
    if (!mapped) {
      logger.error({ err: error, requestId }, 'unhandled error');
      res.status(500).json(failure('Internal server error', 'internal_error', { request_id: requestId }));
      return;
    }
    const extras = mapped.details === undefined ? { request_id: requestId } : { request_id: requestId, details: mapped.details };
    res.status(mapped.status).json(failure(mapped.message, mapped.code, extras));
  };
}

/** The last route: anything unmatched is a 404 in the envelope. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`Route ${req.method} ${req.path} not found`));
}
