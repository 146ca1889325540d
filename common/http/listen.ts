// Starting and stopping HTTP servers the same way everywhere (port 0 in tests).
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartupError } from '../process/startup-error.ts';

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Requests each server is still answering, for a shutdown that waits for them and nothing else. */
const inFlight = new WeakMap<Server, { count: number; drained?: () => void }>();

export interface ListenOptions {
  /**
   * Connections the kernel queues before they are accepted (Node's default: 511, capped by
   * net.core.somaxconn). A burst beyond it has its SYNs dropped, and clients retry only after 1 s, 3 s, 7 s.
   */
  backlog?: number;
}

export function listen(
  handler: RequestListener,
  port = 0,
  host = '127.0.0.1',
  options: ListenOptions = {},
): Promise<RunningServer> {
  const server = createServer(handler);
  // Keep-alive sockets longer than a typical proxy's, so a pooled connection is not cut mid-request.
  server.keepAliveTimeout = 65_000;
  const requests: { count: number; drained?: () => void } = { count: 0 };
  inFlight.set(server, requests);
  server.on('request', (_req, res) => {
    requests.count += 1;
    res.once('close', () => {
      requests.count -= 1;
      if (requests.count === 0) requests.drained?.();
    });
  });
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(portProblem(error, port, host) ?? error);
    server.once('error', failed);
    server.listen({ port, host, ...(options.backlog ? { backlog: options.backlog } : {}) }, () => {
      server.off('error', failed);
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({
        server,
        port: address.port,
        url: `http://${shownHost}:${address.port}`,
        close: () => closeServer(server),
      });
    });
  });
}

/** A port the server cannot have: in use, or reserved to root. `explainPort` says whose and what to set. */
export class PortUnavailableError extends StartupError {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly reason: 'in use' | 'reserved to root',
  ) {
    super(`port ${port} on ${host} is ${reason}`);
  }
}

function portProblem(error: NodeJS.ErrnoException, port: number, host: string): PortUnavailableError | undefined {
  if (error.code === 'EADDRINUSE') return new PortUnavailableError(port, host, 'in use');
  if (error.code === 'EACCES') return new PortUnavailableError(port, host, 'reserved to root');
  return undefined;
}

/**
 * For the commands that start a service: a PortUnavailableError as one line of advice naming the
 * service and the variable that moves it (`PORT` alone, `ROUTER_PORT` in the stack); other errors as
 * they are.
 */
export function explainPort(error: unknown, service: string, portVariable: string): unknown {
  if (!(error instanceof PortUnavailableError)) return error;
  const advice =
    error.reason === 'in use'
      ? `stop what listens there (an earlier npm start?) or set ${portVariable} to a free port`
      : `set ${portVariable} to a port above 1023`;
  return new StartupError(
    `${service} cannot listen on ${error.host}:${error.port}: the port is ${error.reason}: ${advice}`,
  );
}

/**
 * Stops accepting connections, lets requests in flight finish (for up to `graceMs`), then drops every
 * connection left. Dropping them matters: a socket that has not sent a request yet (a browser's
 * pre-connection) is not "idle" to Node and would otherwise hold `close()` open until headersTimeout.
 */
export function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
    const requests = inFlight.get(server);
    const dropAll = () => {
      clearTimeout(deadline);
      server.closeAllConnections();
    };
    const deadline = setTimeout(dropAll, graceMs);
    deadline.unref();
    if (!requests || requests.count === 0) dropAll();
    else requests.drained = dropAll;
  });
}
