// Forwards /api and /api/* to the backend unchanged: method, path, query, headers and the body stream
// (no body parser runs before it, so nothing needs re-serialising), and the backend's status, headers
// and body back. Failing to reach the backend, or a backend that does not answer within `timeoutMs`,
// is passed to the router's error middleware as a BackendUnavailableError (502 / 504).
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { BackendUnavailableError, describeConnectionFailure } from '../backend-client/errors.ts';

export interface BackendProxyOptions {
  backendUrl: string;
  /** No answer (an idle backend socket) for this long: 504. */
  timeoutMs: number;
  /** Keep-alive agent: proxied requests reuse connections instead of opening one each. */
  agent: Agent;
  /** Told about every failure to reach the backend (the health report shows the last). */
  onFailure?: (error: BackendUnavailableError) => void;
}

/** RFC 9110 §7.6.1; Transfer-Encoding is left to Node, which frames the streamed body itself. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection'];

/** `/api`, `/api/` and below; not `/apis` or `/api-docs`. */
export const isApiPath = (pathname: string): boolean => pathname === '/api' || pathname.startsWith('/api/');

export function backendProxy({ backendUrl, timeoutMs, agent, onFailure }: BackendProxyOptions): RequestHandler {
  // http-proxy reports its failures through an event with no `next`: remember each request's, so the
  // failure reaches the one error middleware like any other error.
  const nextOf = new WeakMap<IncomingMessage, NextFunction>();
  const timedOut = new WeakSet<IncomingMessage>();

  const proxy = createProxyMiddleware<Request, Response>({
    target: backendUrl,
    pathFilter: isApiPath,
    changeOrigin: true, // Host names the backend, as a direct caller's would
    xfwd: true, // X-Forwarded-For/-Host/-Proto tell the backend who asked
    agent,
    // http-proxy aborts a request whose backend socket stays idle this long; its abort then surfaces
    // as a plain ECONNRESET, so the timeout is noted here to tell the two apart.
    proxyTimeout: timeoutMs,
    on: {
      proxyReq: (proxyReq: ClientRequest, req) => {
        proxyReq.once('timeout', () => timedOut.add(req));
        // Hop-by-hop headers describe the caller's connection to the router, not the router's pooled
        // one to the backend: a caller's `Connection: close` must not close a pooled connection.
        for (const header of HOP_BY_HOP) proxyReq.removeHeader(header);
      },
      error: (error: NodeJS.ErrnoException, req) => {
        const failure = timedOut.has(req)
          ? new BackendUnavailableError('timeout', `no answer within ${timeoutMs} ms`, { cause: error })
          : new BackendUnavailableError('unreachable', describeConnectionFailure(error), { cause: error });
        onFailure?.(failure);
        const next = nextOf.get(req);
        nextOf.delete(req); // once per request, even if both sides of the exchange fail
        next?.(failure);
      },
    },
  });

  return (req, res, next) => {
    nextOf.set(req, next);
    return proxy(req, res, next);
  };
}
