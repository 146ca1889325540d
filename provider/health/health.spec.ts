import { expect } from 'chai';
import request from 'supertest';
import { DatabaseOutage } from '../../db/testing/database-outage.ts';
import { isolatedTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { useBackend } from '../testing/backend-test-context.ts';

describe('backend: service endpoints', () => {
  const backend = useBackend();

  it('GET / names the service', async () => {
    const res = await request(backend.server).get('/').expect(200);
    expect(res.body.status).to.equal('success');
    expect(res.body.data.service).to.equal('autofighter-backend');
  });

  it('GET /health is healthy with the database connected', async () => {
    const res = await request(backend.server).get('/health').expect(200);
    expect(res.body.status).to.equal('success');
    expect(res.body.data.status).to.equal('healthy');
    expect(res.body.data.checks.database.connected).to.equal(true);
  });

  it('GET /api/ answers the compatibility document', async () => {
    const res = await request(backend.server).get('/api/').expect(200);
    expect(res.body).to.deep.equal({ flavor: 'default', status: 'ok', database_connected: true });
  });
});

describe('backend: when the database goes away and returns', () => {
  // The process's isolated database, so cutting it off does not disturb other tests.
  const backend = useBackend({
    databaseUrl: () => isolatedTestDatabaseUrl('backend'),
    config: { healthDbTimeoutMs: 2000 },
  });
  let outage: DatabaseOutage;

  before(() => {
    outage = new DatabaseOutage(backend.databaseUrl);
  });
  after(() => outage.end());

  it('health turns degraded (still 200, not a 500), then healthy again without a restart', async () => {
    await request(backend.server).get('/health').expect(200);
    await outage.cutOff();

    const down = await request(backend.server).get('/health').expect(200);
    expect(down.body.data.status).to.equal('degraded');
    expect(down.body.data.checks.database.connected).to.equal(false);
    expect(down.body.data.checks.database.error)
      .to.be.a('string')
      .and.not.match(/postgres(ql)?:\/\//);
    const api = await request(backend.server).get('/api/').expect(200);
    expect(api.body.database_connected).to.equal(false);

    await outage.restore();
    const up = await request(backend.server).get('/health').expect(200);
    expect(up.body.data.status).to.equal('healthy');
    await request(backend.server).post('/api/game/session').expect(201);
  });

  it('a request that needs the database while it is down gets a 503 envelope without internals', async () => {
    await outage.cutOff();
    try {
      const res = await request(backend.server).post('/api/game/session').expect(503);
      expect(res.body).to.include({ status: 'error', code: 'database_unavailable' });
      expect(res.headers['retry-after']).to.equal('5');
      expect(res.text).to.not.match(/prisma|postgres|stack|at \w+ \(/i);
    } finally {
      await outage.restore();
    }
  });
});
