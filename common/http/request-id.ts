// Every request carries an id: the caller's X-Request-Id when it is sensible, a new UUID otherwise.
// It is echoed in the response header, logged with each line, and forwarded by the router.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const known = (req as IncomingMessage & { id?: unknown }).id;
  if (typeof known === 'string') return known;
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
  (req as IncomingMessage & { id?: string }).id = id;
  return id;
}

/** Gives the request its id, in its headers (for a proxy to forward) and in the response's. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): void {
  const id = requestIdOf(req);
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
}

export function requestId(): RequestHandler {
  return (req, res, next) => {
    assignRequestId(req, res);
    next();
  };
}
