// Ported from the Pact Broker's end-to-end webhook specs (spec/integration/webhooks/*_spec.rb), its
// execution result and triggered webhook representations (spec/lib/pact_broker/api/decorators/
// {webhook_execution_result,triggered_webhook,triggered_webhooks,triggered_webhook_logs}_decorator_spec.rb)
// and its host whitelist matching (spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb).
import { expect } from 'chai';
import request from 'supertest';
import { listen } from '../../../../common/http/listen.ts';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { buildPact } from '../../../testing/test-data.ts';
import { WebhookReceiver } from '../../../webhooks/testing/receiver.ts';
import { pactOf, publish, publishResult, settled } from './webhook-client.ts';

const HAL = 'application/hal+json;charset=utf-8';

describe('reference: webhooks end to end (spec/integration/webhooks)', function () {
  this.timeout(60_000);
  const broker = useBroker({
    webhookWorker: true,
    config: { webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'], webhookRetrySchedule: [] },
  });
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  beforeEach(() => receiver.reset());
  after(() => receiver.stop());

  const globalWebhook = (events: string[], body: Record<string, string>) =>
    request(broker.server)
      .post('/webhooks')
      .send({
        events: events.map((name) => ({ name })),
        request: { method: 'POST', url: `${receiver.url}/hook`, body },
      })
      .expect(201);
  const delivered = async (count = 1) => {
    await settled(broker, count);
    return receiver.received.map((each) => JSON.parse(each.body) as Record<string, string>);
  };
  const publishFooOne = () =>
    publish(broker, {
      consumer: 'Foo',
      version: '1',
      provider: 'Bar',
      branch: 'main',
      tags: ['a', 'b'],
      buildUrl: 'http://ci/builds/1234',
    });

  describe('a contract publication (contract_publication_spec.rb)', () => {
    const body = {
      consumer_version_number: '${pactbroker.consumerVersionNumber}',
      consumer_version_branch: '${pactbroker.consumerVersionBranch}',
      build_url: '${pactbroker.buildUrl}',
      consumer_version_tags: '${pactbroker.consumerVersionTags}',
    };

    // ref: spec/integration/webhooks/contract_publication_spec.rb: "it { is_expected.to be_a_hal_json_success_response }"
    it('the publication answers 200 in HAL JSON', async () => {
      await globalWebhook(['contract_published'], body);
      const res = await publishFooOne();
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/integration/webhooks/contract_publication_spec.rb: "passes through the correct parameters to the webhook"
    it("delivers the publication's version, branch, tags and build URL", async () => {
      await globalWebhook(['contract_published'], body);
      await publishFooOne();
      expect(await delivered()).to.deep.equal([
        {
          consumer_version_number: '1',
          consumer_version_branch: 'main',
          consumer_version_tags: 'a, b',
          build_url: 'http://ci/builds/1234',
        },
      ]);
    });
  });

  describe('contract_requiring_verification_published (contract_requiring_verification_published_spec.rb)', () => {
    const body = {
      provider_version_number: '${pactbroker.providerVersionNumber}',
      provider_version_descriptions: '${pactbroker.providerVersionDescriptions}',
    };
    beforeEach(async () => {
      await broker.data().environment('test').provider('Bar', { mainBranch: 'main' }).version('1', { branch: 'main' });
    });

    // ref: spec/integration/webhooks/contract_requiring_verification_published_spec.rb: "it { is_expected.to be_a_hal_json_success_response }"
    it('the publication answers 200 in HAL JSON', async () => {
      await globalWebhook(['contract_requiring_verification_published'], body);
      expect((await publishFooOne()).headers['content-type']).to.equal(HAL);
    });

    // ref: spec/integration/webhooks/contract_requiring_verification_published_spec.rb: "passes through the correct parameters to the webhook"
    it('delivers the provider version that should verify, and why', async () => {
      await globalWebhook(['contract_requiring_verification_published'], body);
      await publishFooOne();
      expect(await delivered()).to.deep.equal([
        { provider_version_number: '1', provider_version_descriptions: 'latest from main branch' },
      ]);
    });

    it('is triggered by a publication of unchanged content too, while a provider version still has to verify it', async () => {
      const content = buildPact('Foo', 'Bar');
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar', pact: content });
      await globalWebhook(['contract_requiring_verification_published'], body);
      await publish(broker, { consumer: 'Foo', version: '2', provider: 'Bar', pact: content });
      expect(await delivered()).to.have.length(1);
    });
  });

  describe('a legacy pact publication (pact_publication_spec.rb)', () => {
    async function verifiedBy(branches: [string, string]) {
      const content = buildPact('Foo', 'Bar');
      await broker.data().provider('Bar', { mainBranch: 'main' });
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar', pact: content });
      const pact = await pactOf(broker, 'Bar', 'Foo', '1');
      for (const [version, branch] of [
        ['1', branches[0]],
        ['2', branches[1]],
      ]) {
        await request(broker.server)
          .put(`/pacticipants/Bar/branches/${encodeURIComponent(branch!)}/versions/${version}`)
          .send({})
          .expect(201);
        await publishResult(broker, pact._links['pb:publish-verification-results']!.href, {
          success: true,
          providerApplicationVersion: version!,
        });
      }
      await globalWebhook(['contract_published'], { provider_version: '${pactbroker.providerVersionNumber}' });
      await request(broker.server).put('/pacts/provider/Bar/consumer/Foo/version/2').send(content).expect(201);
    }

    // ref: spec/integration/webhooks/pact_publication_spec.rb: "uses that in the webhook"
    it("uses the latest verification by the provider's main branch", async () => {
      await verifiedBy(['main', 'feat/x']);
      expect(await delivered()).to.deep.equal([{ provider_version: '1' }]);
    });

    // ref: spec/integration/webhooks/pact_publication_spec.rb: "uses the latest verification in the webhook"
    it('without one from the main branch, uses the latest verification', async () => {
      await verifiedBy(['feat/y', 'feat/x']);
      expect(await delivered()).to.deep.equal([{ provider_version: '2' }]);
    });
  });

  describe('a verification publication (verification_publication_spec.rb)', () => {
    async function verified() {
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      await globalWebhook(['provider_verification_published'], { build_url: '${pactbroker.buildUrl}' });
      const pact = await pactOf(broker, 'Bar', 'Foo', '1');
      return publishResult(broker, pact._links['pb:publish-verification-results']!.href, {
        success: true,
        providerApplicationVersion: '4.5.6',
        buildUrl: 'http://ci/builds/1234',
      });
    }

    // ref: spec/integration/webhooks/verification_publication_spec.rb: "it { is_expected.to be_a_hal_json_created_response }"
    it('the verification answers 201 in HAL JSON', async () => {
      const res = await verified();
      expect(res.status).to.equal(201);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/integration/webhooks/verification_publication_spec.rb: "passes through the correct parameters to the webhook"
    it("delivers the verification's build URL", async () => {
      await verified();
      expect(await delivered()).to.deep.equal([{ build_url: 'http://ci/builds/1234' }]);
    });
  });

  describe('a triggered webhook (triggered_webhook(s)_decorator_spec.rb, triggered_webhook_logs_decorator_spec.rb)', () => {
    async function oneTriggered() {
      const created = (await globalWebhook(['contract_published'], { a: '1' })).body;
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      const [row] = await settled(broker, 1);
      return { uuid: row!.uuid, webhookUuid: created.uuid as string };
    }

    // ref: spec/lib/pact_broker/api/decorators/triggered_webhook_decorator_spec.rb: "includes a link to the logs"
    it('links to its logs', async () => {
      const { uuid } = await oneTriggered();
      const body = (await request(broker.server).get(`/triggered-webhooks/${uuid}`).expect(200)).body;
      expect(body._links['pb:logs'].href).to.equal(`${broker.url}/triggered-webhooks/${uuid}/logs`);
    });

    // ref: spec/lib/pact_broker/api/decorators/triggered_webhook_decorator_spec.rb: "includes a link to the webhook"
    it('links to its webhook', async () => {
      const { uuid, webhookUuid } = await oneTriggered();
      const body = (await request(broker.server).get(`/triggered-webhooks/${uuid}`).expect(200)).body;
      expect(body._links['pb:webhook'].href).to.equal(`${broker.url}/webhooks/${webhookUuid}`);
    });

    // ref: spec/lib/pact_broker/api/decorators/triggered_webhook_decorator_spec.rb: "includes the triggered webhooks properties"
    it('includes its status, trigger, attempts and event', async () => {
      const { uuid } = await oneTriggered();
      const body = (await request(broker.server).get(`/triggered-webhooks/${uuid}`).expect(200)).body;
      expect(body).to.include({
        status: 'success',
        triggerType: 'resource_creation',
        attemptsMade: 1,
        attemptsRemaining: 0,
        eventName: 'contract_published',
        name: 'POST 127.0.0.1',
      });
    });

    // ref: spec/lib/pact_broker/api/decorators/triggered_webhooks_decorator_spec.rb: "includes a self relation"
    it('a list of them links to itself with a title', async () => {
      const { webhookUuid } = await oneTriggered();
      const body = (await request(broker.server).get(`/webhooks/${webhookUuid}/triggered-webhooks`).expect(200)).body;
      expect(body._links.self)
        .to.include({ href: `${broker.url}/webhooks/${webhookUuid}/triggered-webhooks` })
        .and.have.property('title');
    });

    // ref: spec/lib/pact_broker/api/decorators/triggered_webhooks_decorator_spec.rb: "includes an embedded list of triggered webhooks"
    it('a list of them embeds them', async () => {
      const { webhookUuid } = await oneTriggered();
      const body = (await request(broker.server).get(`/webhooks/${webhookUuid}/triggered-webhooks`).expect(200)).body;
      expect(body._embedded.triggeredWebhooks).to.be.an('array').with.length(1);
    });

    // ref: spec/lib/pact_broker/api/decorators/triggered_webhook_logs_decorator_spec.rb: "Approvals.verify(subject, :name => \"triggered_webhook_logs_decorator\", format: :json)"
    it('its logs in HAL JSON: the event, the pacticipants, each attempt, and links', async () => {
      const { uuid, webhookUuid } = await oneTriggered();
      const body = (
        await request(broker.server)
          .get(`/triggered-webhooks/${uuid}/logs`)
          .set('Accept', 'application/hal+json')
          .expect(200)
      ).body;
      expect(body).to.include({ eventName: 'contract_published', consumerName: 'Foo', providerName: 'Bar' });
      expect(body.executions).to.have.length(1);
      expect(body.executions[0]).to.include({ success: true }).and.have.keys('success', 'logs', 'createdAt');
      expect(body._embedded.triggeredWebhook).to.deep.equal({ uuid });
      expect(body._links.self.title).to.equal('Triggered webhook logs');
      expect(body._links['pb:webhook']).to.deep.equal({
        title: 'Webhook',
        href: `${broker.url}/webhooks/${webhookUuid}`,
      });
    });
  });

  describe('an execution result (webhook_execution_result_decorator_spec.rb)', () => {
    const execute = (path: string, body: Record<string, unknown>) =>
      request(broker.server).post(path).send(body).expect(200);
    const definition = (overrides: Record<string, unknown> = {}) => ({
      events: [{ name: 'contract_published' }],
      request: {
        method: 'POST',
        url: `${receiver.url}/hook?foo=bar`,
        headers: { Foo: 'bar, wiffle' },
        body: { foo: 'bar' },
        ...overrides,
      },
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes a link to execute the webhook again"
    it('links to executing it again', async () => {
      const res = await execute('/webhooks/execute', definition());
      expect(res.body._links['try-again'].href).to.equal(`${broker.url}/webhooks/execute`);
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes a success flag"
    it('says whether it succeeded', async () => {
      expect((await execute('/webhooks/execute', definition())).body.success).to.equal(true);
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the logs"
    it('includes the logs', async () => {
      expect((await execute('/webhooks/execute', definition())).body.logs)
        .to.be.a('string')
        .and.include('-> POST');
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "include a link to the webhook"
    it('of a saved webhook, links to it', async () => {
      await request(broker.server).put('/webhooks/some-uuid-0123456789').send(definition()).expect(201);
      const res = await request(broker.server).post('/webhooks/some-uuid-0123456789/execute').expect(200);
      expect(res.body._links.webhook.href).to.equal(`${broker.url}/webhooks/some-uuid-0123456789`);
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "does not includes a link to the webhook"
    it('of an unsaved webhook, has no link to a webhook', async () => {
      expect((await execute('/webhooks/execute', definition())).body._links).not.to.have.property('webhook');
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the message"
    it("includes the error's message when the request failed", async () => {
      const closed = new WebhookReceiver();
      await closed.start();
      const url = `${closed.url}/hook`;
      await closed.stop();
      const res = await execute('/webhooks/execute', definition({ url }));
      expect(res.body.error.message).to.match(/ECONNREFUSED/);
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the request URL"
    it('includes the request URL', async () => {
      expect((await execute('/webhooks/execute', definition())).body.request.url).to.equal(
        `${receiver.url}/hook?foo=bar`,
      );
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the request headers"
    it('includes the request headers', async () => {
      expect((await execute('/webhooks/execute', definition())).body.request.headers.foo).to.equal('bar, wiffle');
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the request body as JSON"
    it('includes a JSON request body as JSON', async () => {
      expect((await execute('/webhooks/execute', definition())).body.request.body).to.deep.include({ foo: 'bar' });
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the request body as a String"
    it('includes another request body as text', async () => {
      expect((await execute('/webhooks/execute', definition({ body: '<xml></xml>' }))).body.request.body).to.equal(
        '<xml></xml>',
      );
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the response code"
    it('includes the response status', async () => {
      expect((await execute('/webhooks/execute', definition())).body.response.status).to.equal(200);
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the response headers"
    it('includes the response headers (credentials redacted)', async () => {
      const headers = (await execute('/webhooks/execute', definition())).body.response.headers;
      expect(headers).to.include({ 'content-type': 'text/plain', 'set-cookie': '**********' });
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes the response body"
    it('includes the response body', async () => {
      expect((await execute('/webhooks/execute', definition())).body.response.body).to.equal('thanks');
    });

    // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "returns the response as JSON"
    it('includes a JSON response body as JSON', async () => {
      const json = await listen((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"some":"json"}');
      });
      try {
        const res = await execute(
          '/webhooks/execute',
          definition({ url: `${json.url.replace('localhost', '127.0.0.1')}/hook` }),
        );
        expect(res.body.response.body).to.deep.equal({ some: 'json' });
      } finally {
        await json.close();
      }
    });
  });
});

describe('reference: an execution result with the response hidden (webhook_execution_result_decorator_spec.rb)', () => {
  const broker = useBroker({
    config: { webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'], webhookShowResponse: false },
  });
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  after(() => receiver.stop());
  const execute = () =>
    request(broker.server)
      .post('/webhooks/execute')
      .send({ events: [{ name: 'contract_published' }], request: { method: 'POST', url: `${receiver.url}/hook` } })
      .expect(200);

  // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "does not include the response"
  it('has no response', async () => {
    expect((await execute()).body).not.to.have.property('response');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_execution_result_decorator_spec.rb: "includes a message about why the response is hidden"
  it('says why the response is hidden', async () => {
    expect((await execute()).body.message).to.match(/security/);
  });
});

describe('reference: host whitelist matching (check_host_whitelist_spec.rb)', () => {
  const broker = useBroker({
    config: { webhookHosts: ['10.0.0.0/8', '*.foo.bar', 'localhost', '10.0.1.0'], webhookAllowPublicHosts: false },
  });
  beforeEach(() => broker.data().consumer('Foo').provider('Bar'));
  const allowed = async (host: string) => {
    const res = await request(broker.server)
      .post('/webhooks')
      .send({ events: [{ name: 'contract_published' }], request: { method: 'POST', url: `https://${host}/hook` } });
    return res.status === 201;
  };

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "matches 10.0.0.0/8"
  it('an address in a whitelisted range is allowed', async () => {
    expect(await allowed('10.0.0.7')).to.equal(true);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "matches 10.0.1.0"
  it('a whitelisted address is allowed', async () => {
    expect(await allowed('10.0.1.0')).to.equal(true);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "does not match 10.0.0.2"
  it('another internal address is not', async () => {
    expect(await allowed('192.168.0.2')).to.equal(false);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "matches host a.foo.bar"
  it('*.foo.bar allows a.foo.bar', async () => {
    expect(await allowed('a.foo.bar')).to.equal(true);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "does not matche host a.b.foo.bar"
  it('*.foo.bar does not allow a.b.foo.bar (one label, as in certificates)', async () => {
    expect(await allowed('a.b.foo.bar')).to.equal(false);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "does not match a.foo.bar.b"
  it('*.foo.bar does not allow a.foo.bar.b', async () => {
    expect(await allowed('a.foo.bar.b')).to.equal(false);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "does not match foo.bar"
  it('*.foo.bar does not allow foo.bar itself', async () => {
    expect(await allowed('foo.bar')).to.equal(false);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "matches localhost"
  it('a whitelisted name is allowed', async () => {
    expect(await allowed('localhost')).to.equal(true);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "does not match foo"
  it('a name that is not whitelisted is not', async () => {
    expect(await allowed('foo')).to.equal(false);
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "does not match 10.0.0.2 as that's the wrong way to declare an IP range"
  it('a wildcard over IP digits ("*.2") is not a valid whitelist entry', async () => {
    const { brokerConfig, loadBrokerConfig } = await import('../../../config.ts');
    expect(() => loadBrokerConfig({ BROKER_WEBHOOK_HOST_WHITELIST: '*.2' })).not.to.throw();
    expect(brokerConfig({ webhookHosts: ['*.2'], webhookAllowPublicHosts: false }).webhookHosts).to.deep.equal(['*.2']);
    // "*.2" is a name wildcard: it never matches the address 10.0.0.2.
    const { TargetPolicy } = await import('../../../webhooks/target-policy.ts');
    const policy = new TargetPolicy({ schemes: ['https'], methods: ['POST'], hosts: ['*.2'], allowPublicHosts: false });
    expect(policy.check('POST', 'https://10.0.0.2/')).to.have.key('request.url');
  });

  // ref: spec/lib/pact_broker/webhooks/check_host_whitelist_spec.rb: "does not match host a.foo.b.bar, according to RFC 6125, section 6.4.3, subitem 1"
  it('a wildcard in the middle ("*.foo.*.bar") is refused as a whitelist entry', async () => {
    const { loadBrokerConfig } = await import('../../../config.ts');
    expect(() => loadBrokerConfig({ BROKER_WEBHOOK_HOST_WHITELIST: '*.foo.*.bar' })).to.throw(/not a host name/);
  });
});
