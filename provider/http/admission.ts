// Admission control: at most `maxConcurrent` requests are served at once; one more is answered 503 with
// Retry-After straight away, before its body is read or any query is prepared. Bounding the pool's queue
// alone is not enough under a burst: every admitted request costs CPU (parsing, validation, building its
// queries) before it ever waits for a connection, so a thousand at once queue for the event loop and the
// last are answered many seconds late (past the router's own timeout). Refusing the excess early keeps
// every answer, 2xx or 503, prompt. A counter is all it takes, hence no library.
import type { Request, RequestHandler } from 'express';
import { OverloadedError } from './errors.ts';

export function admission(maxConcurrent: number, exempt: (req: Request) => boolean): RequestHandler {
  let inFlight = 0;
  const done = () => {
    inFlight -= 1;
  };
  return (req, res, next) => {
    if (exempt(req)) return next();
    if (inFlight >= maxConcurrent) return next(new OverloadedError(`${inFlight} requests are being served already`));
    inFlight += 1;
    res.once('close', done);
    next();
  };
}
