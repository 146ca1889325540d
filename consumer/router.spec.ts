import { expect } from 'chai';
import request from 'supertest';
import { closedPort } from './testing/stand-in-backend.ts';
import { useRouter } from './testing/router-test-context.ts';

// The router's own answers (no backend needed: it points at a port where nothing listens).
describe('router: its own routes and bad input', () => {
  let port: number;
  before(async () => {
    port = await closedPort();
  });
  const router = useRouter(() => `http://127.0.0.1:${port}`);

  it('an unknown route outside /api is a 404 envelope with the request id', async () => {
    const res = await request(router.server).post('/games/1').set('X-Request-Id', 'mine-1').expect(404);
    expect(res.body).to.deep.equal({
      status: 'error',
      message: 'Route POST /games/1 not found',
      code: 'not_found',
      request_id: 'mine-1',
    });
  });

  it('a badly encoded URL is a 400 envelope, not a 500', async () => {
    const res = await request(router.server).get('/health/services/%E0%A4%A').expect(400);
    expect(res.body).to.include({ status: 'error', code: 'malformed_url' });
  });

  it('a very long unknown path is echoed only in part', async () => {
    const res = await request(router.server)
      .get(`/${'x'.repeat(5000)}`)
      .expect(404);
    expect(res.body.message.length).to.be.lessThan(300);
  });

  it('error answers carry no stack traces or internals', async () => {
    const res = await request(router.server).get('/api/game/session').expect(502);
    expect(res.text).to.not.match(/at \w+ \(|node:|\/work\/|127\.0\.0\.1/);
  });
});
