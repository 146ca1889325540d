import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

const webhook = (overrides: Record<string, unknown> = {}) => ({
  description: 'notify CI',
  events: [{ name: 'contract_requiring_verification_published' }],
  request: {
    method: 'POST',
    url: 'https://ci.example/hook',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer s3cret' },
    body: { pact: '${pactbroker.pactUrl}' },
    username: 'u',
    password: 'p',
  },
  ...overrides,
});

describe('broker: webhook definitions', () => {
  const broker = useBroker();

  it('creates a webhook (201) and never shows its password or credential headers', async () => {
    const res = await request(broker.server).post('/webhooks').send(webhook()).expect(201);
    expect(res.body.request).to.deep.include({
      method: 'POST',
      url: 'https://ci.example/hook',
      body: { pact: '${pactbroker.pactUrl}' },
      username: 'u',
      password: '**********',
    });
    // Header names are kept in lower case, as the Pact Broker keeps them.
    expect(res.body.request.headers).to.deep.equal({ 'content-type': 'application/json', authorization: '**********' });
    const stored = await broker.prisma.webhook.findFirstOrThrow();
    expect(stored.request).to.deep.include({ password: 'p' }); // kept for delivery
    const read = (await request(broker.server).get(new URL(res.body._links.self.href).pathname).expect(200)).body;
    expect(read.request.password).to.equal('**********');
  });

  it('ties a webhook to a consumer and provider from the path; unknown pacticipants there are 404, in the body 400', async () => {
    await broker.data().consumer('Condor').provider('Pricing Service');
    const res = await request(broker.server)
      .post('/webhooks/provider/Pricing%20Service/consumer/Condor')
      .send(webhook())
      .expect(201);
    expect(res.body).to.deep.include({ consumer: { name: 'Condor' }, provider: { name: 'Pricing Service' } });
    await request(broker.server)
      .post('/webhooks/provider/Pricing%20Service/consumer/Nobody')
      .send(webhook())
      .expect(404);
    const bad = await request(broker.server)
      .post('/webhooks')
      .send(webhook({ consumer: { name: 'Nobody' } }))
      .expect(400);
    expect(bad.body.errors['consumer.name']).to.have.length(1);
    const listed = (
      await request(broker.server).get('/webhooks/provider/Pricing%20Service/consumer/Condor').expect(200)
    ).body;
    expect(listed._embedded.webhooks).to.have.length(1);
  });

  it('PUT with a uuid creates (201) then updates (200); DELETE removes it', async () => {
    const path = '/webhooks/696c5f93-1b7f-44bc-8d03-59440fcaa9a0';
    await request(broker.server).put(path).send(webhook()).expect(201);
    const updated = await request(broker.server)
      .put(path)
      .send(webhook({ description: 'renamed', enabled: false }))
      .expect(200);
    expect(updated.body).to.include({ description: 'renamed', enabled: false });
    await request(broker.server).delete(path).expect(204);
    await request(broker.server).get(path).expect(404);
    await request(broker.server).put('/webhooks/short').send(webhook()).expect(400);
  });

  it('refuses a request without a URL, or to a method or scheme not allowed', async () => {
    const noUrl = await request(broker.server)
      .post('/webhooks')
      .send(webhook({ request: { method: 'POST' } }))
      .expect(400);
    expect(noUrl.body.errors['request.url']).to.have.length(1);
    await request(broker.server)
      .post('/webhooks')
      .send(webhook({ request: { method: 'DELETE', url: 'https://ci/' } }))
      .expect(400);
    await request(broker.server)
      .post('/webhooks')
      .send(webhook({ request: { method: 'POST', url: 'file:///etc/passwd' } }))
      .expect(400);
    expect(await broker.prisma.webhook.count()).to.equal(0);
  });
});
