// Webhook delivery end to end: events from the real API, the pg-boss queue, the worker, and a real HTTP
// receiver on 127.0.0.1 (whitelisted for these tests, as an operator would whitelist a CI server).
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { buildPact } from '../testing/test-data.ts';
import { eventually, publishBody, WebhookReceiver } from './testing/receiver.ts';

describe('broker: webhook delivery', function () {
  this.timeout(60_000);
  const broker = useBroker({
    webhookWorker: true,
    config: {
      webhookSchemes: ['http', 'https'],
      webhookHosts: ['127.0.0.1'],
      webhookRetrySchedule: [1, 1],
    },
  });
  const receiver = new WebhookReceiver();

  before(() => receiver.start());
  beforeEach(() => receiver.reset());
  after(() => receiver.stop());

  const createWebhook = async (events: string[], overrides: Record<string, unknown> = {}) =>
    (
      await request(broker.server)
        .post('/webhooks')
        .send({
          description: 'verify on change',
          events: events.map((name) => ({ name })),
          request: { method: 'POST', url: `${receiver.url}/hook` },
          ...overrides,
        })
        .expect(201)
    ).body;

  const triggered = async () =>
    broker.prisma.triggeredWebhook.findMany({
      orderBy: { id: 'asc' },
      include: { executions: { orderBy: { id: 'asc' } } },
    });
  const allSettled = async (count: number) => {
    const rows = await triggered();
    return rows.length === count && rows.every((row) => row.status === 'success' || row.status === 'failure')
      ? rows
      : undefined;
  };

  it('delivers contract_content_changed with the ${pactbroker.*} values rendered into the URL, headers and body', async () => {
    const webhook = await createWebhook(['contract_content_changed'], {
      request: {
        method: 'POST',
        url: `${receiver.url}/hook?consumer=\${pactbroker.consumerName}&branch=\${pactbroker.consumerVersionBranch}`,
        headers: {
          'Content-Type': 'application/json',
          'X-Consumer-Version': '${pactbroker.consumerVersionNumber}',
          'X-Api-Key': 'ci-token-123',
        },
        body: {
          pactUrl: '${pactbroker.pactUrl}',
          provider: '${pactbroker.providerName}',
          event: '${pactbroker.eventName}',
          tags: '${pactbroker.consumerVersionTags}',
          unknown: '${pactbroker.nothing}',
        },
        username: 'ci-user',
        password: 'ci-password',
      },
    });
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1.0.0', 'feat/x y'))
      .expect(200);

    const [delivered] = await eventually('the delivery', async () =>
      receiver.received.length > 0 ? receiver.received : undefined,
    );
    // Values are form-escaped in URLs (a space is "+"), as the Pact Broker escapes them.
    expect(delivered!.url).to.equal('/hook?consumer=Foo&branch=feat%2Fx+y');
    expect(delivered!.headers['x-consumer-version']).to.equal('1.0.0');
    expect(delivered!.headers['x-api-key']).to.equal('ci-token-123');
    expect(delivered!.headers.authorization).to.equal(`Basic ${Buffer.from('ci-user:ci-password').toString('base64')}`);
    const body = JSON.parse(delivered!.body);
    expect(body).to.include({
      provider: 'Bar',
      event: 'contract_content_changed',
      tags: 'dev',
      unknown: '${pactbroker.nothing}',
    });
    // The pact URL works: it is the content's permalink.
    const pact = await request(broker.server).get(new URL(body.pactUrl).pathname).expect(200);
    expect(pact.body.consumer.name).to.equal('Foo');

    const [row] = await eventually('the recorded success', () => allSettled(1));
    expect(row).to.include({ status: 'success', attempts: 1, eventName: 'contract_content_changed' });
    const list = (await request(broker.server).get(`/webhooks/${webhook.uuid}/triggered-webhooks`).expect(200)).body;
    const logs = await request(broker.server)
      .get(new URL(list._embedded.triggeredWebhooks[0]._links['pb:logs'].href).pathname)
      .expect(200);
    expect(logs.headers['content-type']).to.match(/^text\/plain/);
    expect(logs.text)
      .to.include('<- HTTP 200')
      .and.include('Authorization: **********')
      .and.include('x-api-key: **********')
      .and.include('set-cookie: **********');
    for (const secret of [
      'ci-token-123',
      'ci-password',
      Buffer.from('ci-user:ci-password').toString('base64'),
      'receiver-secret',
    ])
      expect(logs.text).not.to.include(secret);
  });

  it('triggers contract_published for every publication but contract_content_changed only when the content changed', async () => {
    await createWebhook(['contract_published', 'contract_content_changed']);
    const pact = buildPact('Foo', 'Bar');
    await request(broker.server).post('/contracts/publish').send(publishBody(pact, '1')).expect(200);
    await request(broker.server).post('/contracts/publish').send(publishBody(pact, '2')).expect(200); // same content, new version
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '3'))
      .expect(200);
    const rows = await eventually('three publications delivered', () => allSettled(5));
    expect(
      rows.map(
        (row) => `${(row.parameters as Record<string, string>)['pactbroker.consumerVersionNumber']} ${row.eventName}`,
      ),
    ).to.have.members([
      '1 contract_published',
      '1 contract_content_changed',
      '2 contract_published',
      '3 contract_published',
      '3 contract_content_changed',
    ]);
    expect(receiver.received).to.have.length(5);
  });

  it('retries a failed delivery until the receiver accepts it, logging every attempt', async () => {
    await createWebhook(['contract_published']);
    receiver.answer(500, 503);
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1'))
      .expect(200);
    const [row] = await eventually('a delivery after two failures', () => allSettled(1));
    expect(row).to.include({ status: 'success', attempts: 3 });
    expect(row!.executions.map((execution) => [execution.success, execution.status])).to.deep.equal([
      [false, 500],
      [false, 503],
      [true, 200],
    ]);
    expect(row!.executions[0]!.logs).to.include('<- HTTP 500').and.include('Retrying the webhook in 1 seconds');
    expect(receiver.received).to.have.length(3);
  });

  it('gives up after the retry limit and records the webhook as failed', async () => {
    await createWebhook(['contract_published']);
    receiver.answer(500, 500, 500, 500);
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1'))
      .expect(200);
    const [row] = await eventually('the final failure', () => allSettled(1));
    expect(row).to.include({ status: 'failure', attempts: 3 }); // the first attempt and two retries
    expect(row!.executions.every((execution) => !execution.success)).to.equal(true);
    expect(row!.executions.at(-1)!.logs)
      .to.include('Webhook delivery failed after 3 attempts')
      .and.not.include('Retrying');
  });

  it('delivers provider_verification_succeeded and _failed with the provider version and the result URL', async () => {
    await createWebhook(['provider_verification_succeeded', 'provider_verification_failed'], {
      request: {
        method: 'POST',
        url: `${receiver.url}/status`,
        body: {
          state: '${pactbroker.githubVerificationStatus}',
          provider: '${pactbroker.providerVersionNumber}',
          branch: '${pactbroker.providerVersionBranch}',
          result: '${pactbroker.verificationResultUrl}',
        },
      },
    });
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1'))
      .expect(200);
    const pact = (await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/1').expect(200)).body;
    const publishResults = new URL(pact._links['pb:publish-verification-results'].href).pathname;
    await request(broker.server).put('/pacticipants/Bar/branches/main/versions/2.0.0').send({}).expect(201);
    await request(broker.server)
      .post(publishResults)
      .send({ success: true, providerApplicationVersion: '2.0.0' })
      .expect(201);
    await request(broker.server)
      .post(publishResults)
      .send({ success: false, providerApplicationVersion: '2.0.1' })
      .expect(201);

    await eventually('both deliveries', () => allSettled(2));
    const bodies = receiver.received.map((received) => JSON.parse(received.body));
    expect(bodies.map((body) => [body.state, body.provider, body.branch])).to.have.deep.members([
      ['success', '2.0.0', 'main'],
      ['failure', '2.0.1', ''],
    ]);
    const result = await request(broker.server).get(new URL(bodies[0].result).pathname).expect(200);
    expect(result.body.providerApplicationVersion).to.be.oneOf(['2.0.0', '2.0.1']);
  });

  it('triggers contract_requiring_verification_published once per provider version that has not verified the new content', async () => {
    await request(broker.server).post('/pacticipants').send({ name: 'Bar', mainBranch: 'main' }).expect(201);
    await broker
      .data()
      .environment('production')
      .provider('Bar')
      .version('1.0.0', { branch: 'main' })
      .deployedTo('production')
      .version('1.1.0', { branch: 'main' });
    await createWebhook(['contract_requiring_verification_published'], {
      request: {
        method: 'POST',
        url: `${receiver.url}/verify`,
        body: { version: '${pactbroker.providerVersionNumber}', branch: '${pactbroker.providerVersionBranch}' },
      },
    });
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1'))
      .expect(200);
    await eventually('both deliveries', () => allSettled(2));
    expect(receiver.received.map((received) => JSON.parse(received.body))).to.have.deep.members([
      { version: '1.0.0', branch: 'main' },
      { version: '1.1.0', branch: 'main' },
    ]);
  });

  it('does not trigger a disabled webhook, or one for other pacticipants', async () => {
    await broker.data().consumer('Other').provider('Bar');
    await createWebhook(['contract_published'], { enabled: false });
    await createWebhook(['contract_published'], { consumer: { name: 'Other' } });
    await request(broker.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1'))
      .expect(200);
    expect(await broker.prisma.triggeredWebhook.count()).to.equal(0);
  });
});
