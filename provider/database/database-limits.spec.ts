// The backend under database trouble: a pool with no free connection, a statement that runs too long, a
// server that stops answering. Each is a 503 envelope with Retry-After within the configured limits,
// never a 500 and never a request left hanging, and nothing is left half-written.
import { expect } from 'chai';
import request from 'supertest';
import { DatabaseFreeze } from '../../db/testing/database-freeze.ts';
import { TableLock } from '../../db/testing/table-lock.ts';
import { whileHeld } from '../../db/testing/while-held.ts';
import { isolatedTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { useRouter } from '../../consumer/testing/router-test-context.ts';
import { useBackend } from '../testing/backend-test-context.ts';

function expect503(res: request.Response, code: string, retryAfter: string): void {
  expect(res.status, res.text).to.equal(503);
  expect(res.headers['retry-after']).to.equal(retryAfter);
  expect(res.body).to.include({ status: 'error', code, request_id: res.headers['x-request-id'] });
  expect(res.text).to.not.match(/prisma|postgres|stack|at \w+ \(/i);
}

describe('backend: when no database connection is free', () => {
  // One connection, and a request that waits 50 ms for it at most.
  const backend = useBackend({ pool: { poolSize: 1, acquireTimeoutMs: 50, statementTimeoutMs: 10_000 } });
  const router = useRouter(() => backend.url);
  let lock: TableLock;
  beforeEach(() => {
    lock = new TableLock(backend.databaseUrl);
  });
  afterEach(() => lock.release());

  /** The pool's one connection is taken by a runs listing stuck behind a lock on `runs`. */
  async function occupyTheConnection(): Promise<{ stuck: Promise<request.Response> }> {
    await request(backend.server).get('/api/game/players/owned').expect(200); // the connection is open
    await lock.lock('runs');
    const stuck = request(backend.server)
      .get('/api/game/runs')
      .then((res) => res);
    await lock.waiters(1);
    return { stuck }; // wrapped: an async function would otherwise wait for it
  }

  it('a request that cannot get one in time is a 503 with Retry-After, not a 500; the first then completes', async () => {
    const { stuck } = await occupyTheConnection();
    const res = await whileHeld(
      () => request(backend.server).get('/api/game/players/owned'),
      () => lock.release(),
    );
    expect503(res, 'database_busy', '1');
    expect((await stuck).status).to.equal(200);
  });

  it('through the router, the same 503 and its Retry-After reach the caller', async () => {
    const { stuck } = await occupyTheConnection();
    const res = await whileHeld(
      () => request(router.server).post('/api/game/session'),
      () => lock.release(),
    );
    expect503(res, 'database_busy', '1');
    expect((await stuck).status).to.equal(200);
    expect(await backend.prisma.gameSession.count()).to.equal(0);
  });

  it('a burst of 20 concurrent requests on one connection gets only 200s and 503s with Retry-After', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => request(backend.server).get('/api/game/runs?page_size=5')),
    );
    const statuses = new Set(responses.map((res) => res.status));
    expect([...statuses].filter((status) => status !== 200 && status !== 503)).to.deep.equal([]);
    for (const res of responses.filter((r) => r.status === 503)) expect503(res, 'database_busy', '1');
  });
});

describe('backend: when too many requests already wait for a connection', () => {
  // One connection, and no request may wait for it: the queue is full at once.
  const backend = useBackend({
    pool: { poolSize: 1, maxWaiting: 0, acquireTimeoutMs: 5_000, statementTimeoutMs: 10_000 },
  });
  let lock: TableLock;
  before(() => {
    lock = new TableLock(backend.databaseUrl);
  });
  after(() => lock.release());

  it('the next request is refused at once with a 503, rather than queueing until it times out', async () => {
    await request(backend.server).get('/api/game/players/owned').expect(200); // the connection is open
    await lock.lock('runs');
    const stuck = request(backend.server)
      .get('/api/game/runs')
      .then((res) => res);
    await lock.waiters(1);
    // The lock goes after 1 s, long before the 5 s a waiting request would give up: a 503 now can only
    // be the refusal (a request that waited would get the freed connection and a 200).
    const res = await whileHeld(
      () => request(backend.server).get('/api/game/players/owned'),
      () => lock.release(),
      1_000,
    );
    expect503(res, 'database_busy', '1');
    expect(res.body.message).to.equal('The database is busy; try again shortly');
    expect((await stuck).status).to.equal(200);
  });
});

describe('backend: when a statement takes longer than allowed', () => {
  // The process's isolated database: freezing its server processes leaves the other tests' alone.
  const backend = useBackend({
    databaseUrl: () => isolatedTestDatabaseUrl('backend'),
    pool: { poolSize: 2, statementTimeoutMs: 100 },
  });
  let freeze: DatabaseFreeze;
  let lock: TableLock;
  before(() => {
    freeze = new DatabaseFreeze(backend.databaseUrl);
    lock = new TableLock(backend.databaseUrl);
  });
  after(async () => {
    freeze.thaw();
    await lock.release();
  });

  it('PostgreSQL cancels it: a 503 with Retry-After, and nothing is written', async () => {
    await lock.lock('game_sessions');
    const res = await whileHeld(
      () => request(backend.server).post('/api/game/session'),
      () => lock.release(),
    );
    expect503(res, 'database_timeout', '5');
    expect(await backend.prisma.gameSession.count()).to.equal(0);
    await request(backend.server).post('/api/game/session').expect(201); // and the next one is served
  });

  it(
    'when PostgreSQL stops answering (its processes frozen), a write gets a 503 with Retry-After once its time is up, ' +
      'the roll is never half-written, and the backend recovers',
    async () => {
      // Both pool connections open and idle, so the request is sent on a frozen one.
      await Promise.all([1, 2].map(() => request(backend.server).get('/api/game/gacha/items?limit=1').expect(200)));
      expect(await freeze.freeze()).to.be.greaterThan(0);
      const res = await whileHeld(
        () =>
          request(backend.server)
            .post('/api/game/gacha/roll')
            .send({ player_id: 'frozen_1', type: 'standard', count: 10 }),
        () => freeze.thaw(),
      );
      expect503(res, 'database_timeout', '5');

      // Thawed, the server may still carry out what reached it before it froze: all of the roll or none.
      const halfWritten = await backend.prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM gacha_rolls r
      WHERE (SELECT count(*) FROM gacha_roll_items i WHERE i.roll_id = r.id) <> 10`;
      expect(halfWritten[0]!.count).to.equal(0);
      const next = await request(backend.server)
        .post('/api/game/gacha/roll')
        .send({ player_id: 'frozen_2', type: 'standard', count: 10 })
        .expect(201);
      expect(next.body.data.items).to.have.length(10);
    },
  );
});
