import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type pg from 'pg';
import { DatabaseFreeze } from './testing/database-freeze.ts';
import { isolatedTestDatabaseUrl } from './testing/test-databases.ts';
import { DatabaseBusyError, DatabasePool, DatabaseTimeoutError, DEFAULT_POOL_SETTINGS } from './database-pool.ts';

const settings = (overrides: Partial<typeof DEFAULT_POOL_SETTINGS>) => ({ ...DEFAULT_POOL_SETTINGS, ...overrides });

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('database pool', () => {
  let databaseUrl: string;
  before(async () => {
    databaseUrl = await isolatedTestDatabaseUrl('backend');
  });

  it('a request that waits longer than acquireTimeoutMs for a connection fails as busy', async () => {
    const pool = new DatabasePool(databaseUrl, settings({ poolSize: 1, acquireTimeoutMs: 100 }));
    try {
      const held = await pool.connect();
      const error = await rejection(pool.query('SELECT 1'));
      expect(error).to.be.instanceOf(DatabaseBusyError);
      expect(error.message).to.equal('no database connection became free in time');
      held.release();
      expect((await pool.query('SELECT 1 AS one')).rows).to.deep.equal([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('beyond maxWaiting waiters, one more is refused at once; with a connection free, none is', async () => {
    const pool = new DatabasePool(databaseUrl, settings({ poolSize: 1, maxWaiting: 1, acquireTimeoutMs: 5_000 }));
    try {
      const held = await pool.connect();
      const waiting = pool.query('SELECT 2 AS two'); // the one allowed to wait
      const error = await rejection(pool.query('SELECT 3'));
      expect(error).to.be.instanceOf(DatabaseBusyError);
      expect(error.message).to.equal('1 requests are already waiting for a database connection');
      held.release();
      expect((await waiting).rows).to.deep.equal([{ two: 2 }]);
      expect((await pool.query('SELECT 4 AS four')).rows).to.deep.equal([{ four: 4 }]);
    } finally {
      await pool.end();
    }
  });

  it('a statement the server refuses (here, a division by zero) leaves its connection in the pool', async () => {
    const pool = new DatabasePool(databaseUrl, settings({ poolSize: 1 }));
    try {
      const pids = async () => (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const before = await pids();
      const error = await rejection(pool.query('SELECT 1 / 0'));
      expect((error as { code?: string }).code).to.equal('22012');
      expect(await pids()).to.equal(before);
    } finally {
      await pool.end();
    }
  });

  it('a server that accepts the connection but never answers fails as a timeout after connectTimeoutMs', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const pool = new DatabasePool(`postgresql://u:p@127.0.0.1:${port}/db`, settings({ connectTimeoutMs: 200 }));
    try {
      const error = await rejection(pool.query('SELECT 1'));
      expect(error).to.be.instanceOf(DatabaseTimeoutError);
      expect(error.message).to.equal('opening a database connection took too long');
    } finally {
      await pool.end();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  describe('when the server stops answering', () => {
    let freeze: DatabaseFreeze;
    before(() => {
      freeze = new DatabaseFreeze(databaseUrl);
    });
    afterEach(() => freeze.thaw());

    it('a statement fails as a timeout, and a connection released without an error is not reused', async () => {
      const pool = new DatabasePool(databaseUrl, settings({ poolSize: 1, statementTimeoutMs: 100 }));
      try {
        const client = (await pool.connect()) as pg.PoolClient & { processID: number };
        const stalledProcess = client.processID;
        await freeze.freeze();
        const error = await rejection(client.query('SELECT 1'));
        expect(error).to.be.instanceOf(DatabaseTimeoutError);
        expect(error.message).to.equal('the database did not answer a statement in time');
        client.release(); // as Prisma releases a transaction's connection after a rollback
        freeze.thaw();
        const next = (await pool.connect()) as pg.PoolClient & { processID: number };
        expect(next.processID).to.not.equal(stalledProcess);
        expect((await next.query('SELECT 5 AS five')).rows).to.deep.equal([{ five: 5 }]);
        next.release();
      } finally {
        freeze.thaw();
        await pool.end();
      }
    });
  });
});
