// The backend's pool of PostgreSQL connections (node-postgres, handed to Prisma's driver adapter), with
// every wait bounded so that a request never hangs on the database and an overloaded or stalled database
// is a clear error, answered 503 with Retry-After (http/error-handler.ts):
//
//   waiting for a connection   at most `acquireTimeoutMs` in the queue, and at most `maxWaiting` requests
//                              wait at all: beyond that one is refused at once (DatabaseBusyError), rather
//                              than queueing only to time out;
//   opening a connection       at most `connectTimeoutMs` (TCP, authentication, the server's start-up of a
//                              session): a server that does not complete it is a DatabaseTimeoutError;
//   each statement             at most `statementTimeoutMs` on the server (PostgreSQL cancels it: nothing
//                              of it is written), and at most STALL_GRACE_MS more on the client, for a
//                              server that stops answering altogether (DatabaseTimeoutError).
//
// A connection whose statement the client gave up on is never reused (its answer may still arrive);
// one whose statement the server refused is (see releaseReason).
import pg from 'pg';

export interface DatabasePoolSettings {
  /** Connections kept open at most. */
  poolSize: number;
  /** Requests that may wait for a connection at once; one more is refused immediately. */
  maxWaiting: number;
  /** Longest wait in the queue for a free connection. */
  acquireTimeoutMs: number;
  /** Longest a new connection may take to open. */
  connectTimeoutMs: number;
  /** Longest a statement may run on the server. */
  statementTimeoutMs: number;
}

export const DEFAULT_POOL_SETTINGS: DatabasePoolSettings = {
  poolSize: 10,
  maxWaiting: 128,
  acquireTimeoutMs: 2000,
  connectTimeoutMs: 5000,
  statementTimeoutMs: 3000,
};

/**
 * How much longer than the server's own statement timeout the client waits before giving up on it. Either
 * way the request gets its 503; a live server's own cancellation, answered within this grace, lets the
 * connection be reused.
 */
export const STALL_GRACE_MS = 250;

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
const PG_CONNECT_TIMEOUTS = new Set(['Connection terminated due to connection timeout', 'timeout expired']);
const PG_READ_TIMEOUT = 'Query read timeout';

function typedConnectError(error: Error): Error {
  // (pg-pool's own queue timeout; connect() below normally answers first.)
  if (error.message === PG_ACQUIRE_TIMEOUT)
    return new DatabaseBusyError('no database connection became free in time', { cause: error });
  if (PG_CONNECT_TIMEOUTS.has(error.message))
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

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

export class DatabasePool extends pg.Pool {
  private readonly maxWaiting: number;
  private readonly maxConnections: number;
  private readonly acquireTimeoutMs: number;

  constructor(connectionString: string, settings: DatabasePoolSettings) {
    super({
      connectionString,
      Client: DeadlineClient,
      max: settings.poolSize,
      // pg-pool uses this one setting both to open a connection and to wait in its queue; it is the
      // connect timeout here, and the (shorter) wait in the queue is bounded by connect() below, so that
      // a slow but healthy server does not fail a waiter that a freed connection could serve.
      connectionTimeoutMillis: settings.connectTimeoutMs,
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
    this.acquireTimeoutMs = settings.acquireTimeoutMs;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (callback) return this.acquire(callback);
    return new Promise((resolve, reject) =>
      this.acquire((error, client) => (error || !client ? reject(error) : resolve(client))),
    );
  }

  /**
   * What to release a connection with. pg-pool destroys a connection released with any error, and its own
   * query() releases with the query's error: a constraint violation or a cancelled statement would cost a
   * new connection each (a fork and authentication on the server). An error the server answered with
   * leaves the connection usable, so it goes back to the pool; a stalled or broken one does not, including
   * a transaction's, which Prisma releases without an error even after one of its statements stalled.
   */
  private releaseReason(client: DeadlineClient, error: Error | boolean | undefined): Error | boolean | undefined {
    if (client.stalled) return new Error('stalled connection');
    if (error instanceof pg.DatabaseError && error.severity === 'ERROR') return undefined;
    return error;
  }

  private acquire(given: ConnectCallback): void {
    const callback: ConnectCallback = (error, client, done) => {
      if (!client) return given(error, client, done);
      const release = client.release;
      client.release = (err?: Error | boolean) => release(this.releaseReason(client as unknown as DeadlineClient, err));
      given(error, client, client.release as (release?: unknown) => void);
    };
    // No idle connection, and none may be opened: this request must wait for one to be released.
    const mustWait = this.idleCount === 0 && this.totalCount >= this.maxConnections;
    if (!mustWait) {
      return super.connect((error, client, done) => callback(error && typedConnectError(error), client, done));
    }
    if (this.waitingCount >= this.maxWaiting) {
      const refused = new DatabaseBusyError(
        `${this.waitingCount} requests are already waiting for a database connection`,
      );
      return process.nextTick(callback, refused, undefined, () => undefined);
    }
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      callback(new DatabaseBusyError('no database connection became free in time'), undefined, () => undefined);
    }, this.acquireTimeoutMs);
    super.connect((error, client, done) => {
      if (answered) {
        if (client) done(); // it came too late for this request: straight back to the pool
        return;
      }
      answered = true;
      clearTimeout(timer);
      callback(error && typedConnectError(error), client, done);
    });
  }
}
