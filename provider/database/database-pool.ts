// The backend's pool of PostgreSQL connections (node-postgres, handed to Prisma's driver adapter), with
// every wait bounded so that a request never hangs on the database and an overloaded or stalled database
// is a clear error, answered 503 with Retry-After (http/error-handler.ts):
//
//   waiting for a connection   at most `acquireTimeoutMs` (also bounds opening a new connection), and at
//                              most `maxWaiting` requests wait at all: beyond that one is refused at once
//                              (DatabaseBusyError), rather than queueing only to time out;
//   each statement             at most `statementTimeoutMs` on the server (PostgreSQL cancels it: nothing
//                              of it is written), and at most STALL_GRACE_MS more on the client, for a
//                              server that stops answering altogether (DatabaseTimeoutError).
//
// A connection whose statement the client gave up on is never reused: its answer may still arrive.
// pg-pool already destroys a connection released with an error (pool.query does that); connections
// checked out for a transaction are released by Prisma without one, so release is wrapped here.
import pg from 'pg';

export interface DatabasePoolSettings {
  /** Connections kept open at most. */
  poolSize: number;
  /** Requests that may wait for a connection at once; one more is refused immediately. */
  maxWaiting: number;
  /** Longest wait for a connection (a free one, or a new one to open). */
  acquireTimeoutMs: number;
  /** Longest a statement may run on the server. */
  statementTimeoutMs: number;
}

export const DEFAULT_POOL_SETTINGS: DatabasePoolSettings = {
  poolSize: 10,
  maxWaiting: 128,
  acquireTimeoutMs: 2000,
  statementTimeoutMs: 3000,
};

/** How much longer than the server's own statement timeout the client waits before giving up on it. */
export const STALL_GRACE_MS = 500;

/** No connection could be had in time, or too many requests were already waiting for one. */
export class DatabaseBusyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The database did not answer a statement, or a new connection, in time. */
export class DatabaseTimeoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** node-postgres's own wording (pg 8 / pg-pool 3), matched in one place. */
const PG_ACQUIRE_TIMEOUT = 'timeout exceeded when trying to connect';
const PG_CONNECT_TIMEOUT = 'Connection terminated due to connection timeout';
const PG_READ_TIMEOUT = 'Query read timeout';

function typedConnectError(error: Error): Error {
  if (error.message === PG_ACQUIRE_TIMEOUT)
    return new DatabaseBusyError('no database connection became free in time', { cause: error });
  if (error.message === PG_CONNECT_TIMEOUT)
    return new DatabaseTimeoutError('opening a database connection took too long', { cause: error });
  return error;
}

/** A connection that notes when the client gave up waiting for one of its statements. */
class DeadlineClient extends pg.Client {
  /** A statement's answer may still arrive on this connection: it must not be reused. */
  stalled = false;

  private typed(error: unknown): unknown {
    if (!(error instanceof Error) || error.message !== PG_READ_TIMEOUT) return error;
    this.stalled = true;
    return new DatabaseTimeoutError('the database did not answer a statement in time', { cause: error });
  }

  // One signature for node-postgres's many overloads: the callback form (pool.query uses it) and the
  // promise form (Prisma's transactions use it) both get their read timeouts typed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => last(error && this.typed(error), result);
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw this.typed(error);
      });
    }
    return result;
  }
}

export class DatabasePool extends pg.Pool {
  private readonly maxWaiting: number;
  private readonly maxConnections: number;

  constructor(connectionString: string, settings: DatabasePoolSettings) {
    super({
      connectionString,
      Client: DeadlineClient as unknown as new () => pg.ClientBase,
      max: settings.poolSize,
      connectionTimeoutMillis: settings.acquireTimeoutMs,
      // Sent as session settings when a connection opens: PostgreSQL ends a statement running longer,
      // and a transaction left idle (its client stuck) before it could hold locks for long.
      statement_timeout: settings.statementTimeoutMs,
      idle_in_transaction_session_timeout: settings.statementTimeoutMs * 2,
      // The client's own limit, for a server that has stopped answering (frozen, partitioned): the
      // server's cancellation should come first whenever it is alive.
      query_timeout: settings.statementTimeoutMs + STALL_GRACE_MS,
    });
    this.maxWaiting = settings.maxWaiting;
    this.maxConnections = settings.poolSize;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    // Would wait (no idle connection, none may be opened) behind `maxWaiting` others already: refused.
    const mustWait = this.idleCount === 0 && this.totalCount >= this.maxConnections;
    const refused =
      mustWait && this.waitingCount >= this.maxWaiting
        ? new DatabaseBusyError(`${this.waitingCount} requests are already waiting for a database connection`)
        : undefined;
    if (callback) {
      if (refused) return process.nextTick(callback, refused, undefined, () => undefined);
      return super.connect((error, client, done) => callback(error && typedConnectError(error), client, done));
    }
    if (refused) return Promise.reject(refused);
    return super.connect().then(
      (client) => {
        const release = client.release;
        client.release = (error?: Error | boolean) =>
          release(
            error || ((client as unknown as DeadlineClient).stalled ? new Error('stalled connection') : undefined),
          );
        return client;
      },
      (error: Error) => {
        throw typedConnectError(error);
      },
    );
  }
}
