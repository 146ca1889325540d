// Forwards /api and /api/* to the backend unchanged: method, path, query, end-to-end headers and the
// body stream (no body parser runs before it, so nothing needs re-serialising), and the backend's status,
// end-to-end headers and body back. Hop-by-hop headers are dropped in both directions (hop-by-hop.ts);
// X-Forwarded-* are set from what the router saw (forwarded-headers.ts). Failing to reach the backend, or
// a backend that does not answer within `timeoutMs`, is handed to `onFailure` as a
// BackendUnavailableError (the router answers 502 / 504 in its envelope).
//
// This is the router's hot path, so it runs outside Express (router.ts) and http-proxy-middleware is
// configured for it. `bench:router` measures it; docs/performance.md has the profile behind each choice.
import type { Agent, ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { createProxyMiddleware, type Plugin } from 'http-proxy-middleware';
import { REQUEST_ID_HEADER, requestIdOf } from '../../common/http/request-id.ts';
import { BackendUnavailableError, describeConnectionFailure } from '../backend-client/errors.ts';
import type { ForwardingHeaders } from './forwarded-headers.ts';
import { stripHopByHop } from './hop-by-hop.ts';

export interface BackendProxyOptions {
  backendUrl: string;
  /** No answer (an idle backend socket) for this long: 504. */
  timeoutMs: number;
  /** Keep-alive agent: proxied requests reuse connections instead of opening one each. */
  agent: Agent;
  /** Sets X-Forwarded-* on the request before it is forwarded. */
  forwarding: ForwardingHeaders;
  /**
   * Told once about each request that could not be forwarded or answered (a BackendUnavailableError when
   * the backend could not be reached or did not answer in time); it must answer `res`.
   */
  onFailure: (error: unknown, req: IncomingMessage, res: ServerResponse) => void;
}

export type BackendProxy = (req: IncomingMessage, res: ServerResponse) => void;

/** `/api`, `/api/` and below; not `/apis` or `/api-docs`. */
export const isApiPath = (pathname: string): boolean => pathname === '/api' || pathname.startsWith('/api/');

export function backendProxy({
  backendUrl,
  timeoutMs,
  agent,
  forwarding,
  onFailure,
}: BackendProxyOptions): BackendProxy {
  const timedOut = new WeakSet<IncomingMessage>();
  const failed = new WeakSet<IncomingMessage>();

  // Our one plugin, in place of http-proxy-middleware's defaults (`ejectPlugins` below). Those cost on
  // every request and do nothing for us: the logger plugin builds a URL object for each response even with
  // no logger configured, the debug plugin adds listeners whose only effect is `debug` output, and the
  // error-response plugin answers in plain text where the router answers in its envelope. The one fix of
  // theirs that matters here is kept: a client gone before the answer ends stops the backend's stream.
  const routerPlugin: Plugin = (proxyServer) => {
    proxyServer.on('proxyReq', (proxyReq: ClientRequest, req: IncomingMessage) => {
      // http-proxy aborts a request whose backend socket stays idle `proxyTimeout`; the abort surfaces
      // as a plain ECONNRESET, so the timeout is noted here to tell the two apart.
      proxyReq.once('timeout', () => timedOut.add(req));
    });
    proxyServer.on('proxyRes', (proxyRes: IncomingMessage, _req: IncomingMessage, res: ServerResponse) => {
      // Emitted before http-proxy copies the headers: the backend's hop-by-hop fields stay on its hop.
      // Connection then says what Node decided for the caller's own connection (http-proxy would otherwise
      // fill it in from the caller's request header, fields it names and all).
      stripHopByHop(proxyRes.headers);
      proxyRes.headers.connection = res.shouldKeepAlive ? 'keep-alive' : 'close';
      res.once('close', () => {
        if (!res.writableEnded) proxyRes.destroy();
      });
    });
    proxyServer.on('error', (error: NodeJS.ErrnoException, req: IncomingMessage, res: unknown) => {
      fail(
        timedOut.has(req)
          ? new BackendUnavailableError('timeout', `no answer within ${timeoutMs} ms`, { cause: error })
          : new BackendUnavailableError('unreachable', describeConnectionFailure(error), { cause: error }),
        req,
        res as ServerResponse,
      );
    });
  };
  const fail = (error: unknown, req: IncomingMessage, res: ServerResponse) => {
    if (failed.has(req)) return; // once per request, even if both sides of the exchange fail
    failed.add(req);
    onFailure(error, req, res);
  };

  const proxy = createProxyMiddleware({
    target: backendUrl,
    changeOrigin: true, // Host names the backend, as a direct caller's would
    agent,
    proxyTimeout: timeoutMs,
    ejectPlugins: true,
    plugins: [routerPlugin],
    // X-Forwarded-* are set by `forwarding`: http-proxy's `xfwd` appends to whatever the caller sent.
    xfwd: false,
  });

  return (req, res) => {
    // The caller's hop-by-hop fields (and those its Connection header names) end at the router; a caller's
    // `Connection: close` must not close a pooled connection to the backend. Done on the request itself,
    // before http-proxy copies its headers, so nothing the caller named is forwarded whatever the request.
    stripHopByHop(req.headers);
    req.headers[REQUEST_ID_HEADER] = requestIdOf(req); // the router's id, even if the caller's was hop-by-hop
    forwarding(req);
    // http-proxy-middleware calls `next` only when it could not start forwarding (it has no path filter).
    void proxy(req, res, (error?: unknown) => fail(error ?? new Error('the request was not forwarded'), req, res));
  };
}
