// The broker's one error middleware. Errors are answered in the Pact Broker's formats:
//   validation    400  {"errors": {"field": ["message"]}}   (or a list of messages)
//   other 4xx          {"error": "message"}
//   database      503  {"error": "message"} with Retry-After (seconds): no connection free in time, a
//                      statement or transaction over its time limit, the database unreachable
//   unexpected    500  {"error": {"message": "...reference...", "reference": "..."}}  (details only in the log)
// and as application/problem+json ({title, type, detail, status, errors?}) when the client asks for it.
import { randomBytes } from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { bodyParserFailure } from '../../common/http/body-parser-errors.ts';
import { classifyDatabaseError } from '../../db/database-errors.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../domain-errors.ts';
import { ForbiddenError, UnauthorizedError, UnsupportedMediaTypeError } from './errors.ts';
import { HAL_JSON, PROBLEM_JSON, baseUrlOf, sendJson } from './hal.ts';
import { QueryStringError } from '../rack-query.ts';

interface Mapped {
  status: number;
  title: string;
  message: string;
  /** The HAL-format body (problem+json is derived from status, title and message). */
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const simple = (status: number, title: string, message: string): Mapped => ({
  status,
  title,
  message,
  body: { error: message },
});

const unavailable = (message: string, retryAfterSeconds: string): Mapped => ({
  ...simple(503, 'Service unavailable', message),
  headers: { 'Retry-After': retryAfterSeconds },
});

function mapError(error: unknown): Mapped | undefined {
  if (error instanceof ValidationError)
    return { status: 400, title: 'Validation errors', message: error.message, body: { errors: error.errors } };
  if (error instanceof UnprocessableError && error.errors)
    return { status: 422, title: 'Unprocessable entity', message: error.message, body: { errors: error.errors } };
  if (error instanceof NotFoundError) return simple(404, 'Not found', error.message);
  if (error instanceof ConflictError)
    return { status: 409, title: 'Conflict', message: error.message, body: { error: error.message, ...error.body } };
  if (error instanceof UnprocessableError) return simple(422, 'Unprocessable', error.message);
  if (error instanceof UnauthorizedError) return simple(401, 'Unauthorized', error.message);
  if (error instanceof ForbiddenError) return simple(403, 'Forbidden', error.message);
  if (error instanceof UnsupportedMediaTypeError) return simple(415, 'Unsupported media type', error.message);
  if (error instanceof QueryStringError) return simple(400, 'Invalid query', error.message);
  const bodyParser = bodyParserFailure(error);
  if (bodyParser) {
    // A JSON syntax error says where it is (the Pact Broker's message does too).
    const detail =
      bodyParser.code === 'malformed_json' && error instanceof Error
        ? `${bodyParser.message}: ${error.message}`
        : bodyParser.message;
    return simple(bodyParser.status, 'Invalid request', detail);
  }
  // A malformed URL (say `%E0%A4%A`) fails Express's decoding of path parameters.
  if (error instanceof URIError) return simple(400, 'Invalid request', 'The URL is not correctly encoded');
  switch (classifyDatabaseError(error)) {
    // What was refused was rolled back (a statement PostgreSQL cancelled, a transaction that never
    // committed): the client can send it again. A busy pool frees up within moments; a database that timed
    // out or is unreachable is given longer.
    case 'busy':
      return unavailable('The database is busy; try again shortly', '1');
    case 'timeout':
      return unavailable('The database did not answer in time; try again shortly', '5');
    case 'unavailable':
      return unavailable('The database is unavailable; try again shortly', '5');
    case 'unique_violation':
    case 'retryable':
      return simple(409, 'Conflict', 'A concurrent request changed the same data; try again');
    case 'invalid_text':
      return simple(400, 'Invalid request', 'The request contains text the database cannot store (a NUL character?)');
    default:
      return undefined;
  }
}

function wantsProblemJson(req: Request): boolean {
  return (req.headers.accept ?? '').includes('application/problem+json');
}

function problemBody(req: Request, baseUrl: string, mapped: Mapped): Record<string, unknown> {
  const kind = mapped.title.toLowerCase().replaceAll(' ', '-');
  const problem: Record<string, unknown> = {
    title: mapped.title,
    type: `${baseUrl}/problems/${kind}`,
    detail: mapped.message,
    status: mapped.status,
    instance: req.path,
  };
  const errors = mapped.body.errors;
  if (errors && typeof errors === 'object') {
    const list = Array.isArray(errors)
      ? errors.map((detail) => ({ detail }))
      : Object.entries(errors as Record<string, string[]>).flatMap(([field, messages]) =>
          messages.map((detail) => ({ pointer: `/${field.replaceAll('.', '/')}`, detail })),
        );
    problem.errors = list;
  }
  return problem;
}

export function brokerErrorHandler(logger: Logger, configuredBaseUrl: string | undefined): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    let mapped = mapError(error);
    if (mapped?.status === 503) logger.warn({ err: error }, 'database unavailable');
    if (!mapped) {
      const reference = randomBytes(5).toString('hex');
      logger.error({ err: error, reference }, 'unhandled error');
      const message = `An error has occurred. The details have been logged with the reference ${reference}`;
      mapped = { status: 500, title: 'Server error', message, body: { error: { message, reference } } };
    }
    for (const [name, value] of Object.entries(mapped.headers ?? {})) res.setHeader(name, value);
    if (mapped.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Pact Broker", Bearer');
    if (wantsProblemJson(req))
      sendJson(res, mapped.status, problemBody(req, baseUrlOf(req, configuredBaseUrl), mapped), PROBLEM_JSON);
    else sendJson(res, mapped.status, mapped.body, HAL_JSON);
  };
}

/** The last route: anything unmatched is a 404. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`No route for ${req.method} ${req.path}`));
}
