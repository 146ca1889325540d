// The broker under database trouble: a pool with no free connection, a statement that runs too long, a
// server that stops answering. Each is a 503 in the Pact Broker's error format with Retry-After, within
// the configured limits, never a 500 and never a request left hanging; a refused publication leaves
// nothing behind (its transaction rolls back).
import { expect } from 'chai';
import request from 'supertest';
import { DatabaseFreeze } from '../../db/testing/database-freeze.ts';
import { TableLock } from '../../db/testing/table-lock.ts';
import { isolatedTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { whileHeld } from '../../db/testing/while-held.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { useBroker } from '../testing/broker-test-context.ts';
import { buildPact } from '../testing/test-data.ts';
import { publishBody } from '../webhooks/testing/receiver.ts';

const BUSY = 'The database is busy; try again shortly';
const TIMEOUT = 'The database did not answer in time; try again shortly';

function expect503(res: request.Response, message: string, retryAfter: string): void {
  expect(res.status, res.text).to.equal(503);
  expect(res.headers['retry-after']).to.equal(retryAfter);
  expect(res.headers['content-type']).to.match(/^application\/hal\+json/);
  expect(res.body).to.deep.equal({ error: message });
  expect(res.text).to.not.match(/prisma|postgres|stack|at \w+ \(/i);
}

const publish = (version: string, consumer = 'Foo') => publishBody(buildPact(consumer, 'Bar'), version);

/** Rows a publication writes, all tables together: a refused one must leave none. */
async function publishedRows(prisma: PrismaClient): Promise<Record<string, number>> {
  return {
    pacticipants: await prisma.pacticipant.count(),
    versions: await prisma.version.count(),
    tags: await prisma.tag.count(),
    pactVersions: await prisma.pactVersion.count(),
    pactPublications: await prisma.pactPublication.count(),
  };
}

describe('broker: when no database connection is free', () => {
  // One connection, and a request that waits 50 ms for it at most.
  const broker = useBroker({ pool: { poolSize: 1, acquireTimeoutMs: 50, statementTimeoutMs: 10_000 } });
  let lock: TableLock;
  beforeEach(() => {
    lock = new TableLock(broker.databaseUrl);
  });
  afterEach(() => lock.release());

  /** The pool's one connection is taken by a pacticipant's read stuck behind a lock on their table. */
  async function occupyTheConnection(): Promise<{ stuck: Promise<request.Response> }> {
    await request(broker.server).get('/pacticipants/Foo').expect(404); // the connection is open (one query)
    await lock.lock('pacticipants');
    const stuck = request(broker.server)
      .get('/pacticipants/Foo')
      .then((res) => res);
    await lock.waiters(1);
    return { stuck }; // wrapped: an async function would otherwise wait for it
  }

  it('a publication that cannot get one in time is a 503 with Retry-After, not a 500, and writes nothing', async () => {
    const { stuck } = await occupyTheConnection();
    const res = await whileHeld(
      () => request(broker.server).post('/contracts/publish').send(publish('1')),
      () => lock.release(),
    );
    expect503(res, BUSY, '1');
    expect((await stuck).status).to.equal(404);
    expect(Object.values(await publishedRows(broker.prisma))).to.deep.equal([0, 0, 0, 0, 0]);
  });

  it('a client asking for problem+json gets the 503 in that format, with Retry-After', async () => {
    const { stuck } = await occupyTheConnection();
    const res = await whileHeld(
      () => request(broker.server).get('/pacticipants/Bar').set('Accept', 'application/problem+json'),
      () => lock.release(),
    );
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('1');
    expect(res.body).to.include({ status: 503, title: 'Service unavailable', detail: BUSY });
    await stuck;
  });

  it('a burst of 20 concurrent publications on one connection gets only 200s and 503s; a 503 wrote nothing', async () => {
    const versions = Array.from({ length: 20 }, (_, i) => String(i + 1));
    const responses = await Promise.all(
      versions.map((version) => request(broker.server).post('/contracts/publish').send(publish(version))),
    );
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).to.deep.equal([]);
    for (const res of responses.filter((r) => r.status === 503)) expect503(res, BUSY, '1');

    const stored = (await broker.prisma.version.findMany({ include: { publications: true } })).map((version) => ({
      number: version.number,
      pacts: version.publications.length,
    }));
    const published = versions.filter((_, i) => statuses[i] === 200);
    expect(stored.map((version) => version.number).sort()).to.deep.equal([...published].sort());
    expect(stored.every((version) => version.pacts === 1)).to.equal(true);
  });
});

describe('broker: when too many requests already wait for a connection', () => {
  // One connection, and no request may wait for it: the queue is full at once.
  const broker = useBroker({
    pool: { poolSize: 1, maxWaiting: 0, acquireTimeoutMs: 5_000, statementTimeoutMs: 10_000 },
  });
  let lock: TableLock;
  before(() => {
    lock = new TableLock(broker.databaseUrl);
  });
  after(() => lock.release());

  it('the next request is refused at once with a 503, rather than queueing until it times out', async () => {
    await request(broker.server).get('/pacticipants/Foo').expect(404); // the connection is open (one query)
    await lock.lock('pacticipants');
    const stuck = request(broker.server)
      .get('/pacticipants/Foo')
      .then((res) => res);
    await lock.waiters(1);
    // The lock goes after 1 s, long before the 5 s a waiting request would give up: a 503 now can only
    // be the refusal (a request that waited would get the freed connection and a 404).
    const res = await whileHeld(
      () => request(broker.server).get('/pacticipants/Bar'),
      () => lock.release(),
      1_000,
    );
    expect503(res, BUSY, '1');
    expect((await stuck).status).to.equal(404);
  });
});

describe('broker: when a statement takes longer than allowed', () => {
  // The process's isolated database: freezing its server processes leaves the other tests' alone.
  const broker = useBroker({
    databaseUrl: () => isolatedTestDatabaseUrl('broker'),
    pool: { poolSize: 2, statementTimeoutMs: 100 },
  });
  let freeze: DatabaseFreeze;
  let lock: TableLock;
  before(() => {
    freeze = new DatabaseFreeze(broker.databaseUrl);
    lock = new TableLock(broker.databaseUrl);
  });
  after(async () => {
    freeze.thaw();
    await lock.release();
  });

  it('PostgreSQL cancels it: a 503 with Retry-After, and what the publication wrote before is rolled back', async () => {
    // The publication's last table: the pacticipants, version and pact content are written before it.
    await lock.lock('pact_publications');
    const res = await whileHeld(
      () => request(broker.server).post('/contracts/publish').send(publish('1')),
      () => lock.release(),
    );
    expect503(res, TIMEOUT, '5');
    expect(Object.values(await publishedRows(broker.prisma))).to.deep.equal([0, 0, 0, 0, 0]);
    await request(broker.server).post('/contracts/publish').send(publish('1')).expect(200); // the next is served
  });

  it(
    'when PostgreSQL stops answering (its processes frozen), a publication gets a 503 with Retry-After once its ' +
      'time is up, is never half-written, and the broker recovers',
    async () => {
      // Both pool connections open and idle, so the request is sent on a frozen one.
      await Promise.all([1, 2].map(() => request(broker.server).get('/pacticipants').expect(200)));
      expect(await freeze.freeze()).to.be.greaterThan(0);
      const res = await whileHeld(
        () => request(broker.server).post('/contracts/publish').send(publish('1', 'Frozen')),
        () => freeze.thaw(),
      );
      expect503(res, TIMEOUT, '5');

      // Thawed, the server may still carry out what reached it before it froze: all of it or none.
      const halfWritten = await broker.prisma.version.count({ where: { publications: { none: {} } } });
      expect(halfWritten).to.equal(0);
      await request(broker.server).post('/contracts/publish').send(publish('2', 'Frozen')).expect(200);
      expect(await broker.prisma.pactPublication.count()).to.be.within(1, 2);
    },
  );
});
