// What a failed database call was, whether it came from a Prisma model call (known request error with
// a P-code), from raw SQL through the driver adapter (PostgreSQL SQLSTATE in the cause), or from the
// pool's own limits (database/database-pool.ts).
import { DatabaseBusyError, DatabaseTimeoutError } from './database/database-pool.ts';

export type DatabaseFailure =
  | 'unique_violation'
  | 'foreign_key_violation'
  | 'check_violation'
  | 'out_of_range'
  /** No connection in time: the pool is exhausted or its queue full. */
  | 'busy'
  /** A statement (or opening a connection) took longer than allowed. */
  | 'timeout'
  | 'unavailable'
  | 'other';

const byPrismaCode: Record<string, DatabaseFailure> = {
  P2002: 'unique_violation',
  P2003: 'foreign_key_violation',
  P2020: 'out_of_range',
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
  '57P01': 'unavailable', // admin shutdown
  '57P02': 'unavailable', // crash shutdown
  '57P03': 'unavailable', // cannot connect now (starting up)
  '55000': 'unavailable', // e.g. database not accepting connections
  '57014': 'timeout', // query_canceled: statement_timeout (or a cancel request)
  '55P03': 'timeout', // lock_not_available: lock_timeout
  '25P03': 'timeout', // idle_in_transaction_session_timeout ended the session
};

function findAdapterKind(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const record = error as Record<string, unknown>;
  if (typeof record.kind === 'string') return record.kind;
  for (const key of ['cause', 'meta', 'driverAdapterError']) {
    const found = findAdapterKind(record[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

function findSqlState(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const record = error as Record<string, unknown>;
  for (const code of [record.originalCode, record.code]) {
    // Prisma's own codes (P2010 "raw query failed") have the same shape as a SQLSTATE: skip them.
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^P\d{4}$/.test(code)) return code;
  }
  for (const key of ['cause', 'meta', 'driverAdapterError']) {
    const found = findSqlState(record[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function classifyDatabaseError(error: unknown): DatabaseFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof DatabaseBusyError) return 'busy';
  if (error instanceof DatabaseTimeoutError) return 'timeout';
  // Prisma's own transaction limits (maxWait, timeout), should a transaction come back into use.
  if (code === 'P2028')
    return /unable to start a transaction/i.test(String((error as Error).message)) ? 'busy' : 'timeout';
  if (typeof code === 'string' && code in byPrismaCode) return byPrismaCode[code] ?? 'other';
  const sqlState = findSqlState(error);
  if (sqlState && bySqlState[sqlState]) return bySqlState[sqlState];
  if (sqlState?.startsWith('08')) return 'unavailable'; // connection exception class
  const kind = findAdapterKind(error);
  if (kind && unavailableKinds.has(kind)) return 'unavailable';
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ECONNRESET') return 'unavailable';
  return 'other';
}
