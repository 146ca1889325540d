// What a failed database call means for the broker, whether it came from a Prisma model call (P-codes)
// or from raw SQL through the driver adapter (the PostgreSQL SQLSTATE somewhere in the cause chain).

export type DatabaseFailure = 'unique_violation' | 'retryable' | 'unavailable' | 'invalid_text' | 'other';

const byPrismaCode: Record<string, DatabaseFailure> = {
  P2002: 'unique_violation',
  P2034: 'retryable', // write conflict or deadlock in a transaction
  P1001: 'unavailable',
  P1002: 'unavailable',
  P1017: 'unavailable',
  P2024: 'unavailable', // timed out waiting for a pool connection
};

const bySqlState: Record<string, DatabaseFailure> = {
  '23505': 'unique_violation',
  '40001': 'retryable', // serialization failure
  '40P01': 'retryable', // deadlock detected
  '22021': 'invalid_text', // invalid byte sequence (a NUL character that slipped through)
  '22P05': 'invalid_text', // unsupported Unicode escape in JSONB
  '57P01': 'unavailable',
  '57P02': 'unavailable',
  '57P03': 'unavailable',
};

const unavailableKinds = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
]);

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
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^P\d{4}$/.test(code)) return code;
    }
    return undefined;
  });

export function classifyDatabaseError(error: unknown): DatabaseFailure {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && byPrismaCode[code]) return byPrismaCode[code];
  const state = sqlStateOf(error);
  if (state && bySqlState[state]) return bySqlState[state];
  if (state?.startsWith('08')) return 'unavailable';
  const kind = find(error, (record) => (typeof record.kind === 'string' ? record.kind : undefined));
  if (kind && unavailableKinds.has(kind)) return 'unavailable';
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ECONNRESET') return 'unavailable';
  return 'other';
}
