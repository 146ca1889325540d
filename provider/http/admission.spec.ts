import { expect } from 'chai';
import request from 'supertest';
import { TableLock } from '../../db/testing/table-lock.ts';
import { useBackend } from '../testing/backend-test-context.ts';

describe('backend: when it is serving as many requests as it may', () => {
  const backend = useBackend({ config: { maxConcurrentRequests: 1 } });
  let lock: TableLock;
  before(() => {
    lock = new TableLock(backend.databaseUrl);
  });
  after(() => lock.release());

  it('one more is a 503 with Retry-After at once, health still answers, and the slot is freed afterwards', async () => {
    await lock.lock('runs');
    const stuck = request(backend.server)
      .get('/api/game/runs')
      .then((res) => res);
    await lock.waiters(1);
    try {
      const refused = await request(backend.server).post('/api/game/session').expect(503);
      expect(refused.headers['retry-after']).to.equal('1');
      expect(refused.body).to.deep.equal({
        status: 'error',
        message: 'The backend is busy; try again shortly',
        code: 'server_busy',
        request_id: refused.headers['x-request-id'],
      });
      await request(backend.server).get('/health').expect(200);
    } finally {
      await lock.release();
    }
    expect((await stuck).status).to.equal(200);
    await request(backend.server).post('/api/game/session').expect(201);
    expect(await backend.prisma.gameSession.count()).to.equal(1);
  });
});
