import { expect } from 'chai';
import { DatabaseBusyError, DatabaseTimeoutError } from './database-pool.ts';
import { classifyDatabaseError } from './database-errors.ts';

/** The shape Prisma gives a failed statement: a P-code, with PostgreSQL's SQLSTATE in the adapter's cause. */
const prismaError = (code: string, sqlState: string) => ({
  code,
  meta: { driverAdapterError: { cause: { originalCode: sqlState, kind: 'postgres' } } },
});

describe('classifying database errors', () => {
  it("the pool's own limits: busy and timeout", () => {
    expect(classifyDatabaseError(new DatabaseBusyError('x'))).to.equal('busy');
    expect(classifyDatabaseError(new DatabaseTimeoutError('x'))).to.equal('timeout');
  });

  it("the pool's limits carried as the cause of the adapter's (or Prisma's) error are still busy and timeout", () => {
    const wrapped = (cause: Error) => Object.assign(new Error('driver adapter error'), { cause });
    expect(classifyDatabaseError(wrapped(new DatabaseBusyError('x')))).to.equal('busy');
    expect(classifyDatabaseError(wrapped(wrapped(new DatabaseTimeoutError('x'))))).to.equal('timeout');
  });

  it('write conflicts and deadlocks may be retried; text PostgreSQL cannot store is its own kind', () => {
    expect(classifyDatabaseError({ code: 'P2034' })).to.equal('retryable');
    expect(classifyDatabaseError(prismaError('P2010', '40P01'))).to.equal('retryable');
    expect(classifyDatabaseError(prismaError('P2010', '40001'))).to.equal('retryable');
    expect(classifyDatabaseError(prismaError('P2010', '22021'))).to.equal('invalid_text');
  });

  it("a pool timeout reported by Prisma (P2024) is busy; the server's connection limit is unavailable", () => {
    expect(classifyDatabaseError({ code: 'P2024' })).to.equal('busy');
    expect(classifyDatabaseError(prismaError('P2010', '53300'))).to.equal('unavailable');
  });

  it("the server's time limits (statement_timeout, lock_timeout) are timeouts", () => {
    expect(classifyDatabaseError(prismaError('P2010', '57014'))).to.equal('timeout');
    expect(classifyDatabaseError(prismaError('P2039', '55P03'))).to.equal('timeout');
  });

  it("Prisma's transaction limits: cannot start in time is busy, an expired one a timeout", () => {
    const start = Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), {
      code: 'P2028',
    });
    const expired = Object.assign(new Error('Transaction API error: Transaction already closed'), { code: 'P2028' });
    expect(classifyDatabaseError(start)).to.equal('busy');
    expect(classifyDatabaseError(expired)).to.equal('timeout');
  });

  it('constraint violations and unknown errors keep their meaning', () => {
    expect(classifyDatabaseError(prismaError('P2010', '23505'))).to.equal('unique_violation');
    expect(classifyDatabaseError(prismaError('P2010', '23514'))).to.equal('check_violation');
    expect(classifyDatabaseError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).to.equal('unavailable');
    expect(classifyDatabaseError(new Error('something else'))).to.equal('other');
  });
});
