// What a failed database call was, for the backend and the broker alike, whether it came from a Prisma
// model call (known request error with a P-code), from raw SQL through the driver adapter (PostgreSQL
// SQLSTATE in the cause), or from the pool's own limits (database-pool.ts). Each service's error
// middleware decides what its clients get for each kind.
import { DatabaseBusyError, DatabaseTimeoutError } from './database-pool.ts';

export type DatabaseFailure =
  | 'unique_violation'
  | 'foreign_key_violation'
  | 'check_violation'
  | 'out_of_range'
  /** A write conflict, serialization failure or deadlock: the transaction was rolled back and may be retried. */
  | 'retryable'
  /** Text PostgreSQL cannot store (a NUL character, an unsupported Unicode escape in JSONB). */
  | 'invalid_text'
  /** No connection in time: the pool is exhausted or its queue full. */
  | 'busy'
  /** A statement (or opening a connection, or a transaction) took longer than allowed. */
  | 'timeout'
  | 'unavailable'
  | 'other';

const byPrismaCode: Record<string, DatabaseFailure> = {
  P2002: 'unique_violation',
  P2003: 'foreign_key_violation',
  P2020: 'out_of_range',
  P2034: 'retryable', // write conflict or deadlock in a transaction
  P1001: 'unavailable', // can't reach database server
  P1002: 'unavailable', // timed out
  P1017: 'unavailable', // server closed the connection
  P2024: 'busy', // timed out waiting for a pool connection
};

/** Driver adapter error kinds that mean the database cannot be talked to right now. */
const unavailableKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
]);

const bySqlState: Record<string, DatabaseFailure> = {
  '23505': 'unique_violation',
  '23503': 'foreign_key_violation',
  '23514': 'check_violation',
  '22003': 'out_of_range',
  '40001': 'retryable', // serialization failure
  '40P01': 'retryable', // deadlock detected
  '22021': 'invalid_text', // invalid byte sequence (a NUL character that slipped through)
  '22P05': 'invalid_text', // unsupported Unicode escape in JSONB
  '57P01': 'unavailable', // admin shutdown
  '57P02': 'unavailable', // crash shutdown
  '57P03': 'unavailable', // cannot connect now (starting up)
  '55000': 'unavailable', // e.g. database not accepting connections
  '53300': 'unavailable', // too many connections on the server
  '57014': 'timeout', // query_canceled: statement_timeout (or a cancel request)
  '55P03': 'timeout', // lock_not_available: lock_timeout
  '25P03': 'timeout', // idle_in_transaction_session_timeout ended the session
};

function find(
  error: unknown,
  pick: (record: Record<string, unknown>) => string | undefined,
  depth = 0,
): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const record = error as Record<string, unknown>;
  const found = pick(record);
  if (found) return found;
  for (const key of ['cause', 'meta', 'driverAdapterError']) {
    const inner = find(record[key], pick, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

const sqlStateOf = (error: unknown) =>
  find(error, (record) => {
    for (const code of [record.originalCode, record.code]) {
      // Prisma's own codes (P2010 "raw query failed") have the same shape as a SQLSTATE: skip them.
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^P\d{4}$/.test(code)) return code;
    }
    return undefined;
  });

const adapterKindOf = (error: unknown) =>
  find(error, (record) => (typeof record.kind === 'string' ? record.kind : undefined));

/** One of the pool's own errors, thrown as is or carried as the cause of the adapter's or Prisma's error. */
function poolLimitOf(error: unknown, depth = 0): DatabaseFailure | undefined {
  if (error instanceof DatabaseBusyError) return 'busy';
  if (error instanceof DatabaseTimeoutError) return 'timeout';
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  return poolLimitOf((error as { cause?: unknown }).cause, depth + 1);
}

export function classifyDatabaseError(error: unknown): DatabaseFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const poolLimit = poolLimitOf(error);
  if (poolLimit) return poolLimit;
  // Prisma's transaction limits (maxWait, timeout): one that cannot start in time is busy, one that ran
  // out of time (or whose connection was given up on, which closes it) a timeout.
  if (code === 'P2028')
    return /unable to start a transaction/i.test(String((error as Error).message)) ? 'busy' : 'timeout';
  if (typeof code === 'string' && code in byPrismaCode) return byPrismaCode[code] ?? 'other';
  const sqlState = sqlStateOf(error);
  if (sqlState && bySqlState[sqlState]) return bySqlState[sqlState];
  if (sqlState?.startsWith('08')) return 'unavailable'; // connection exception class
  const kind = adapterKindOf(error);
  if (kind && unavailableKinds.has(kind)) return 'unavailable';
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ECONNRESET') return 'unavailable';
  return 'other';
}
