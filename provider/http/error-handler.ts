// The backend's one error middleware: maps every failure to the JSON envelope and a fitting status
// (common/http/envelope-error-handler.ts does the answering; unexpected errors are a generic 500).
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import {
  envelopeErrorHandler,
  routeNotFoundMessage,
  type MappedError,
} from '../../common/http/envelope-error-handler.ts';
import { bodyParserFailure } from '../../common/http/body-parser-errors.ts';
import { classifyDatabaseError, type DatabaseFailure } from '../../db/database-errors.ts';
import { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../domain-errors.ts';
import { OverloadedError } from './errors.ts';

/**
 * The database could not serve the request now: 503 with Retry-After (seconds), never a 500. A busy pool
 * frees up within moments; a database that timed out or is unreachable is given longer.
 */
const databaseTrouble: Partial<Record<DatabaseFailure, MappedError>> = {
  busy: {
    status: 503,
    code: 'database_busy',
    message: 'The database is busy; try again shortly',
    headers: { 'Retry-After': '1' },
  },
  timeout: {
    status: 503,
    code: 'database_timeout',
    message: 'The database did not answer in time; try again shortly',
    headers: { 'Retry-After': '5' },
  },
  unavailable: {
    status: 503,
    code: 'database_unavailable',
    message: 'The database is unavailable; try again shortly',
    headers: { 'Retry-After': '5' },
  },
};

function mapError(error: unknown): MappedError | undefined {
  if (error instanceof OverloadedError) {
    return {
      status: 503,
      code: 'server_busy',
      message: 'The backend is busy; try again shortly',
      headers: { 'Retry-After': '1' },
    };
  }
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof InvalidInputError)
    return { status: 400, code: 'invalid_input', message: error.message, details: error.details };
  if (error instanceof ConflictError)
    return { status: 409, code: 'conflict', message: error.message, details: error.details };
  if (error instanceof DomainError) return { status: 400, code: 'invalid_input', message: error.message };
  const bodyParser = bodyParserFailure(error);
  if (bodyParser) return bodyParser;
  // A malformed URL (say `%E0%A4%A`) fails Express's decoding of path parameters.
  if (error instanceof URIError)
    return { status: 400, code: 'malformed_url', message: 'The URL is not correctly encoded' };
  return databaseTrouble[classifyDatabaseError(error)];
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return envelopeErrorHandler(logger, mapError);
}

/** The last route: anything unmatched is a 404 in the envelope. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(routeNotFoundMessage(req.method, req.path)));
}
