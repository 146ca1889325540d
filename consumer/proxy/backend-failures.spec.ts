import { expect } from 'chai';
import request from 'supertest';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { DatabaseOutage } from '../../db/testing/database-outage.ts';
import { isolatedTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { useBackend } from '../../provider/testing/backend-test-context.ts';
import { useRouter } from '../testing/router-test-context.ts';
import { closedPort, startStandIn, type StandIn } from '../testing/stand-in-backend.ts';

describe('router: when the backend is down and comes back', () => {
  const backend = useBackend();
  let port: number;
  let restarted: RunningServer | undefined;
  before(async () => {
    port = await closedPort();
  });
  const router = useRouter(() => `http://127.0.0.1:${port}`);
  after(async () => {
    await restarted?.close();
  });

  it('answers 502 in the envelope while nothing listens, reports the backend unhealthy, and recovers by itself', async () => {
    const down = await request(router.server).post('/api/game/session').expect(502);
    expect(down.body).to.deep.equal({
      status: 'error',
      message: 'The backend is unavailable: it refused the connection (ECONNREFUSED)',
      code: 'backend_unavailable',
      request_id: down.headers['x-request-id'],
    });

    const detailed = await request(router.server).get('/health/detailed').expect(200);
    expect(detailed.body.data.status).to.equal('degraded');
    expect(detailed.body.data.services.backend).to.include({ healthy: false, status: 'unreachable' });
    expect(detailed.body.data.services.backend.last_error.message).to.contain('refused the connection');
    const service = await request(router.server).get('/health/services/backend').expect(200);
    expect(service.body.data).to.include({ service: 'backend', healthy: false });
    // The router itself is fine: its own liveness does not depend on the backend.
    const own = await request(router.server).get('/health').expect(200);
    expect(own.body.data).to.include({ service: 'autofighter-router', status: 'healthy' });

    // The same backend app comes back on the same port; the router is not restarted.
    restarted = await listen(backend.app, port);
    const up = await request(router.server).post('/api/game/session').expect(201);
    expect(await backend.prisma.gameSession.findUnique({ where: { id: up.body.data.session_id } })).to.not.equal(null);
    const healthy = await request(router.server).get('/health/services/backend').expect(200);
    expect(healthy.body.data).to.include({ healthy: true, status: 'healthy' });
    expect(healthy.body.data.latency_ms).to.be.a('number');
    // The outage stays on record as the last error seen.
    expect(healthy.body.data.last_error.message).to.contain('refused the connection');
  });

  it('while down again, 20 concurrent requests each get their 502; none is left hanging', async () => {
    await restarted?.close();
    restarted = undefined;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request(router.server).get(`/api/game/runs?page=${i + 1}`)),
    );
    expect(responses.map((res) => res.status)).to.deep.equal(Array(20).fill(502));
    expect(responses.every((res) => res.body.code === 'backend_unavailable')).to.equal(true);
  });
});

describe('router: when the backend does not answer', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await startStandIn('silent');
  });
  const router = useRouter(() => standIn.url, { timeouts: { proxyMs: 300, healthMs: 300 } });
  after(async () => {
    await standIn.close();
  });

  it('answers 504 in the envelope once its timeout has passed', async () => {
    const res = await request(router.server).post('/api/game/session').send({ any: 'body' }).expect(504);
    expect(res.body).to.deep.equal({
      status: 'error',
      message: 'The backend is unavailable: no answer within 300 ms',
      code: 'backend_timeout',
      request_id: res.headers['x-request-id'],
    });
  });

  it('concurrent requests each get their 504', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => request(router.server).get('/api/')));
    expect(responses.map((res) => res.status)).to.deep.equal(Array(10).fill(504));
  });

  it('its health check gives up and reports the backend unhealthy', async () => {
    const res = await request(router.server).get('/health/services/backend').expect(200);
    expect(res.body.data).to.include({ service: 'backend', healthy: false, status: 'unreachable' });
    expect(res.body.data.last_error.message).to.equal('The backend is unavailable: no answer in time');
  });
});

describe('router: when the backend breaks the connection', () => {
  const standIns: Record<'reset' | 'garbage', StandIn | undefined> = { reset: undefined, garbage: undefined };
  before(async () => {
    standIns.reset = await startStandIn('reset');
    standIns.garbage = await startStandIn('garbage');
  });
  const cutting = useRouter(() => standIns.reset!.url);
  const garbling = useRouter(() => standIns.garbage!.url);
  after(async () => {
    await standIns.reset?.close();
    await standIns.garbage?.close();
  });

  it('a connection cut without an answer is a 502 envelope', async () => {
    const res = await request(cutting.server).get('/api/game/players/owned').expect(502);
    expect(res.body).to.include({ status: 'error', code: 'backend_unavailable' });
    expect(res.body.message).to.equal(
      'The backend is unavailable: it closed the connection without answering (ECONNRESET)',
    );
  });

  it('an answer that is not HTTP is a 502 envelope', async () => {
    const res = await request(garbling.server).get('/api/game/players/owned').expect(502);
    expect(res.body).to.include({ status: 'error', code: 'backend_unavailable' });
    expect(res.body.message).to.match(/^The backend is unavailable: it sent a malformed HTTP answer \(HPE_\w+\)$/);
  });
});

describe("router: when the backend's database goes away and returns", () => {
  // The process's isolated database, so cutting it off does not disturb other tests.
  const backend = useBackend({ databaseUrl: () => isolatedTestDatabaseUrl('backend') });
  const router = useRouter(() => backend.url, { timeouts: { healthMs: 5000 } });
  let outage: DatabaseOutage;

  before(() => {
    outage = new DatabaseOutage(backend.databaseUrl);
  });
  after(() => outage.end());

  it('the backend reachable but degraded is reported unhealthy, then healthy again', async () => {
    const before = await request(router.server).get('/health/detailed').expect(200);
    expect(before.body.data.services.backend).to.include({ healthy: true, status: 'healthy' });

    await outage.cutOff();
    const degraded = await request(router.server).get('/health/detailed').expect(200);
    expect(degraded.body.data.status).to.equal('degraded');
    expect(degraded.body.data.services.backend).to.include({ healthy: false, status: 'degraded' });
    expect(degraded.body.data.services.backend.last_error.message).to.contain('the backend reports itself degraded');
    // The backend's own 503 passes through the router unchanged.
    const write = await request(router.server).post('/api/game/session').expect(503);
    expect(write.body).to.include({ status: 'error', code: 'database_unavailable' });

    await outage.restore();
    const after = await request(router.server).get('/health/detailed').expect(200);
    expect(after.body.data.services.backend).to.include({ healthy: true, status: 'healthy' });
  });
});
