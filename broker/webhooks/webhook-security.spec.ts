// The webhook target guard through the API and at delivery, executing a webhook on demand, and the
// retry schedule with backoff (read from the queue, not timed).
import { expect } from 'chai';
import request from 'supertest';
import { brokerConfig } from '../config.ts';
import { useBroker } from '../testing/broker-test-context.ts';
import { buildPact } from '../testing/test-data.ts';
import { QUEUE_SCHEMA, WEBHOOK_QUEUE } from './delivery-queue.ts';
import { eventually, publishBody, WebhookReceiver } from './testing/receiver.ts';

const hook = (url: string, extra: Record<string, unknown> = {}) => ({
  events: [{ name: 'contract_published' }],
  request: { method: 'POST', url, ...extra },
});

describe('broker: webhook targets (default policy: https, public hosts only)', function () {
  this.timeout(30_000);
  const broker = useBroker({ webhookWorker: true });
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  beforeEach(() => receiver.reset());
  after(() => receiver.stop());

  it('refuses to save a webhook to an internal address or over http (400 in the Pact Broker format, nothing written)', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/',
      'https://10.0.0.8/',
      `${receiver.url}/hook`,
    ]) {
      const res = await request(broker.server).post('/webhooks').send(hook(url)).expect(400);
      expect(res.body.errors['request.url'], url).to.have.length(1);
      expect(JSON.stringify(res.body)).not.to.match(/at .*\.ts:\d+/); // no stack trace
    }
    await request(broker.server).put('/webhooks/0123456789abcdef0123').send(hook('https://127.0.0.1/')).expect(400);
    expect(await broker.prisma.webhook.count()).to.equal(0);
  });

  it('does not deliver to a target the policy refuses, even when the definition got into the database', async () => {
    // As if saved under a looser whitelist that has since been tightened.
    await broker.prisma.webhook.create({
      data: {
        uuid: 'legacy-webhook-0001',
        events: ['contract_published'],
        request: { method: 'POST', url: `http://127.0.0.1:${new URL(receiver.url).port}/hook` },
      },
    });
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1'))
      .expect(200);
    const execution = await eventually(
      'the refused attempt',
      async () => (await broker.prisma.webhookExecution.findFirst()) ?? undefined,
    );
    expect(execution).to.include({ success: false, status: null });
    expect(execution.logs).to.include('refused: scheme must be https');
    expect(receiver.received).to.have.length(0);
  });

  it('refuses to execute a webhook whose target is no longer allowed', async () => {
    await broker.prisma.webhook.create({
      data: {
        uuid: 'legacy-webhook-0002',
        events: ['contract_published'],
        request: { method: 'POST', url: 'https://localhost/' },
      },
    });
    const res = await request(broker.server).post('/webhooks/legacy-webhook-0002/execute').expect(400);
    expect(res.body.errors['request.url'][0]).to.match(/not allowed/);
  });
});

describe('broker: executing a webhook on demand and the retry schedule', function () {
  this.timeout(30_000);
  const broker = useBroker({
    webhookWorker: true,
    config: {
      webhookSchemes: ['http', 'https'],
      webhookHosts: ['127.0.0.1'],
    },
  });
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  beforeEach(() => receiver.reset());
  after(() => receiver.stop());

  it("POST /webhooks/{uuid}/execute sends it now with the latest pact's values and shows the request and response, redacted", async () => {
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '7.0.0'))
      .expect(200);
    const created = (
      await request(broker.server)
        .post('/webhooks')
        .send(
          hook(`${receiver.url}/hook`, {
            body: { v: '${pactbroker.consumerVersionNumber}' },
            headers: { 'X-Token': 'abc-secret' },
          }),
        )
        .expect(201)
    ).body;
    const res = await request(broker.server).post(new URL(created._links['pb:execute'].href).pathname).expect(200);
    expect(res.body.success).to.equal(true);
    expect(res.body.request.headers['x-token']).to.equal('**********');
    expect(res.body.response.status).to.equal(200);
    expect(JSON.stringify(res.body)).not.to.include('abc-secret');
    expect(JSON.parse(receiver.received[0]!.body)).to.deep.equal({ v: '7.0.0' });
    expect(receiver.received[0]!.headers['x-token']).to.equal('abc-secret');
    // Executing is a test: nothing is recorded as triggered.
    expect(await broker.prisma.triggeredWebhook.count()).to.equal(0);
    await request(broker.server).post('/webhooks/no-such-webhook-0000/execute').expect(404);
  });

  it('POST /webhooks/execute tries an unsaved definition; a failing target reports success false', async () => {
    receiver.answer(502);
    const res = await request(broker.server)
      .post('/webhooks/execute')
      .send(hook(`${receiver.url}/hook`))
      .expect(200);
    expect(res.body).to.include({ success: false });
    expect(res.body.response.status).to.equal(502);
    expect(res.body.logs).to.include('Result: failed (HTTP 502)');
    expect(await broker.prisma.webhook.count()).to.equal(0);
  });

  it("schedules a failed delivery's next attempt after the retry schedule's first delay (the Pact Broker's 10 s)", async () => {
    expect(brokerConfig().webhookRetrySchedule).to.deep.equal([10, 60, 120, 300, 600, 1200]);
    receiver.answer(500);
    await request(broker.server)
      .post('/webhooks')
      .send(hook(`${receiver.url}/hook`))
      .expect(201);
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1'))
      .expect(200);
    await eventually(
      'the first failed attempt',
      async () => (await broker.prisma.webhookExecution.count()) === 1 || undefined,
    );
    const pool = broker.prisma;
    const [job] = await eventually('the second attempt waiting in the queue', async () => {
      const rows = await pool.$queryRawUnsafe<{ state: string; waits_seconds: number }[]>(
        `SELECT state::text AS state, EXTRACT(EPOCH FROM start_after - created_on)::float AS waits_seconds
         FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'attempt' = '2'`,
        WEBHOOK_QUEUE,
      );
      return rows[0] ? rows : undefined;
    });
    expect(job!.state).to.equal('created');
    expect(job!.waits_seconds).to.be.within(9, 11); // scheduled 10 s after it was queued: not run again yet
    const triggered = await broker.prisma.triggeredWebhook.findFirstOrThrow();
    expect(triggered).to.include({ status: 'retrying', attempts: 1 });
    const log = (await broker.prisma.webhookExecution.findFirstOrThrow()).logs;
    expect(log).to.include('Retrying the webhook in 10 seconds');
  });
});
