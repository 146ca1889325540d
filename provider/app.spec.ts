import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from './testing/backend-test-context.ts';

describe('backend: every response', () => {
  const backend = useBackend({
    random: () => {
      throw new Error('secret internal detail');
    },
  });

  it('an unknown route is a 404 envelope', async () => {
    const res = await request(backend.server).get('/api/invalid/endpoint').expect(404);
    expect(res.body).to.include({ status: 'error', code: 'not_found' });
    expect(res.body.message).to.contain('/api/invalid/endpoint');
  });

  it('a known path with an unsupported method is a 404 envelope too', async () => {
    const res = await request(backend.server).delete('/api/game/session').expect(404);
    expect(res.body.status).to.equal('error');
  });

  it("carries a request id: the caller's when given, a new one otherwise, also in error bodies", async () => {
    const given = await request(backend.server).get('/health').set('x-request-id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).to.equal('trace-123');
    const generated = await request(backend.server).get('/nope').expect(404);
    expect(generated.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(generated.body.request_id).to.equal(generated.headers['x-request-id']);
  });

  it('replaces an unusable request id (too long, odd characters) with a new one', async () => {
    const res = await request(backend.server).get('/health').set('x-request-id', 'x'.repeat(500)).expect(200);
    expect(res.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it("an unexpected failure is a 500 envelope with the request id and without the error's text or stack", async () => {
    const res = await request(backend.server)
      .post('/api/game/gacha/roll')
      .send({ player_id: 'p', type: 'standard' })
      .expect(500);
    expect(res.body).to.deep.equal({
      status: 'error',
      message: 'Internal server error',
      code: 'internal_error',
      request_id: res.headers['x-request-id'],
    });
    expect(res.text).to.not.contain('secret internal detail');
    expect(await backend.prisma.gachaRoll.count()).to.equal(0);
  });

  it('answers JSON with the envelope for success too', async () => {
    const res = await request(backend.server)
      .post('/api/game/session')
      .expect('content-type', /application\/json/)
      .expect(201);
    expect(res.body).to.have.keys(['status', 'data']);
  });
});
