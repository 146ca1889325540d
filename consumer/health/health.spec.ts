import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../../provider/testing/backend-test-context.ts';
import { useRouter } from '../testing/router-test-context.ts';

describe('router: health, with the real backend up', () => {
  const backend = useBackend();
  const router = useRouter(() => backend.url);

  it('GET /health names the router and says it is healthy', async () => {
    const res = await request(router.server).get('/health').expect(200);
    expect(res.body.status).to.equal('success');
    expect(res.body.data).to.include({ service: 'autofighter-router', status: 'healthy' });
    expect(res.body.data.uptime_seconds).to.be.a('number');
  });

  it('GET /health/detailed reports the backend healthy, with its latency and no error', async () => {
    const res = await request(router.server).get('/health/detailed').expect(200);
    expect(res.body.data).to.include({ service: 'autofighter-router', status: 'healthy' });
    const backendState = res.body.data.services.backend;
    expect(backendState).to.include({ healthy: true, status: 'healthy', last_error: null });
    expect(backendState.latency_ms).to.be.a('number').and.at.least(0);
    expect(new Date(backendState.checked_at).toISOString()).to.equal(backendState.checked_at);
  });

  it('GET /health/services/backend answers for the backend alone', async () => {
    const res = await request(router.server).get('/health/services/backend').expect(200);
    expect(res.body.status).to.equal('success');
    expect(res.body.data).to.include({ service: 'backend', healthy: true });
  });

  it('an unknown service is a 404 envelope naming the known ones', async () => {
    const res = await request(router.server).get('/health/services/frontend').expect(404);
    expect(res.body).to.deep.equal({
      status: 'error',
      message: 'Unknown service "frontend"; known services: backend',
      code: 'not_found',
      request_id: res.headers['x-request-id'],
    });
  });
});
