// Ported from the Pact Broker's specs of what a webhook's log says and hides
// (spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb, redact_logs_spec.rb, and the redaction
// parts of webhook_request_template_spec.rb, webhook_decorator_spec.rb), with our redaction rule's
// examples (issue 12.2): nothing secret is readable by a read-only user, in webhook reads, test
// executions, delivery logs or the stored log table.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker, type BrokerTestContext } from '../../../testing/broker-test-context.ts';
import { WebhookReceiver } from '../../../webhooks/testing/receiver.ts';
import { publish, settled } from './webhook-client.ts';

const READ_ONLY = `Basic ${Buffer.from('reader:reader-password').toString('base64')}`;
const ADMIN = `Basic ${Buffer.from('admin:admin-password').toString('base64')}`;
const auth = {
  readWrite: { username: 'admin', password: 'admin-password' },
  readOnly: { username: 'reader', password: 'reader-password' },
  readWriteTokens: [],
  readOnlyTokens: [],
  allowPublicRead: false,
};

/** A webhook with secrets everywhere the rule covers. */
const SECRETS = {
  'x-access-key': 'secret-access-key-1',
  'private-key': 'secret-private-key-2',
  'x-signing-key': 'secret-signing-key-3',
  'x-api-key': 'secret-api-key-4',
  authorization: 'Bearer secret-bearer-5',
  'x-auth-token': 'secret-auth-token-6',
  'x-client-secret': 'secret-client-7',
  cookie: 'session=secret-cookie-8',
  'x-hub-signature': 'secret-signature-9',
  'x-password': 'secret-password-10',
};
const URL_SECRETS = { user: 'url-user', password: 'secret-url-password-11', token: 'secret-query-token-12' };
const BODY_SECRETS = { apiKey: 'secret-body-key-13', client_secret: 'secret-body-secret-14' };
const BASIC = { username: 'ci-user', password: 'secret-basic-password-15' };
const ALL_SECRETS = [
  ...Object.values(SECRETS).map((value) => value.replace(/^Bearer /, '').replace(/^session=/, '')),
  URL_SECRETS.password,
  URL_SECRETS.token,
  ...Object.values(BODY_SECRETS),
  BASIC.password,
  Buffer.from(`${BASIC.username}:${BASIC.password}`).toString('base64'),
];

function secretWebhook(receiverUrl: string) {
  const url = new URL(receiverUrl);
  return {
    description: 'notify CI',
    events: [{ name: 'contract_published' }],
    request: {
      method: 'POST',
      url: `http://${URL_SECRETS.user}:${URL_SECRETS.password}@${url.host}/hook?token=${URL_SECRETS.token}&build=\${pactbroker.consumerVersionNumber}`,
      headers: { 'Content-Type': 'application/json', ...SECRETS, 'X-Consumer': '${pactbroker.consumerName}' },
      body: { ...BODY_SECRETS, version: '${pactbroker.consumerVersionNumber}', nested: { token: 'secret-nested-16' } },
      ...BASIC,
    },
  };
}

function expectNoSecret(text: string, where: string) {
  for (const secret of [...ALL_SECRETS, 'secret-nested-16'])
    expect(text, `${where} shows ${secret}`).not.to.include(secret);
}

describe('reference: what webhook logs show and hide', function () {
  this.timeout(60_000);

  describe('with the response shown (webhook_request_logger_spec.rb, show_response true)', () => {
    const broker = useBroker({
      webhookWorker: true,
      config: { auth, webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'], webhookRetrySchedule: [] },
    });
    const receiver = new WebhookReceiver();
    before(() => receiver.start());
    beforeEach(() => receiver.reset());
    after(() => receiver.stop());

    async function deliveredLog(broker: BrokerTestContext, status = 200) {
      receiver.answer(status);
      await request(broker.server)
        .post('/webhooks')
        .set('Authorization', ADMIN)
        .send({
          events: [{ name: 'contract_published' }],
          request: {
            method: 'POST',
            url: `${receiver.url}/hook`,
            headers: { 'Content-Type': 'text/plain', Authorization: 'foo-secret' },
            body: 'reqbody',
          },
        })
        .expect(201);
      await request(broker.server)
        .post('/contracts/publish')
        .set('Authorization', ADMIN)
        .send({
          pacticipantName: 'Foo',
          pacticipantVersionNumber: '123',
          contracts: [
            {
              consumerName: 'Foo',
              providerName: 'Bar',
              specification: 'pact',
              contentType: 'application/json',
              content: Buffer.from(
                JSON.stringify({ consumer: { name: 'Foo' }, provider: { name: 'Bar' }, interactions: [] }),
              ).toString('base64'),
            },
          ],
        })
        .expect(200);
      const [row] = await settled(broker, 1);
      return (
        await request(broker.server)
          .get(`/triggered-webhooks/${row!.uuid}/logs`)
          .set('Authorization', READ_ONLY)
          .expect(200)
      ).text;
    }

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the application context"
    it("logs the event's values", async () => {
      expect(await deliveredLog(broker)).to.match(/Event values: \{.*"pactbroker.consumerVersionNumber":"123"/);
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the request method and path"
    it('logs the request method and URL', async () => {
      expect(await deliveredLog(broker)).to.include(`POST ${receiver.url}/hook`);
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the request headers"
    it('logs the request headers', async () => {
      expect(await deliveredLog(broker)).to.include('content-type: text/plain');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the request body"
    it('logs the request body', async () => {
      expect(await deliveredLog(broker)).to.include('reqbody');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the response status"
    it('logs the response status', async () => {
      expect(await deliveredLog(broker)).to.include('<- HTTP 200');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the response headers"
    it('logs the response headers', async () => {
      expect(await deliveredLog(broker)).to.include('<- content-type: text/plain');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the response body"
    it('logs the response body', async () => {
      expect(await deliveredLog(broker)).to.include('thanks');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "does not log the failure_log_message"
    it('does not log a failure for a successful delivery', async () => {
      expect(await deliveredLog(broker))
        .to.include('Result: succeeded')
        .and.not.include('failed');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the failure_log_message"
    it('logs the failure for an unsuccessful delivery', async () => {
      expect(await deliveredLog(broker, 500))
        .to.include('Result: failed (HTTP 500)')
        .and.include('failed after 1 attempts');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the Authorization header with a starred value"
    it('logs the Authorization header with its value starred', async () => {
      const log = await deliveredLog(broker);
      expect(log).to.include('authorization: **********').and.not.include('foo-secret');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs the error"
    it('logs the error when the request could not be made', async () => {
      const closed = new WebhookReceiver();
      await closed.start();
      const url = `${closed.url}/hook`;
      await closed.stop(); // nothing listens there any more
      const res = await request(broker.server)
        .post('/webhooks/execute')
        .set('Authorization', ADMIN)
        .send({ events: [{ name: 'contract_published' }], request: { method: 'POST', url } })
        .expect(200);
      expect(res.body.success).to.equal(false);
      expect(res.body.logs).to.match(/Error: .*ECONNREFUSED/);
      expect(res.body.error.message).to.match(/ECONNREFUSED/);
    });

    // ref: spec/lib/pact_broker/webhooks/redact_logs_spec.rb: "hides the value of the X-Auth-Token header"
    it('hides the values of Authorization, X-Authorization, X-Auth-Token and X-Authorization-Token headers', async () => {
      const res = await request(broker.server)
        .post('/webhooks/execute')
        .set('Authorization', ADMIN)
        .send({
          events: [{ name: 'contract_published' }],
          request: {
            method: 'POST',
            url: `${receiver.url}/hook`,
            headers: {
              Authorization: 'foo-1234',
              'X-Authorization': 'bar-1234',
              'X-Auth-Token': 'baz-1234',
              'X-Authorization-Token': 'qux-1234',
              'X-Thing': 'bar',
            },
          },
        })
        .expect(200);
      expect(res.body.logs).to.include('x-thing: bar');
      for (const value of ['foo-1234', 'bar-1234', 'baz-1234', 'qux-1234']) expect(res.body.logs).not.to.include(value);
    });

    // ref: spec/lib/pact_broker/webhooks/redact_logs_spec.rb: "hides the passed in values"
    it('hides secret values wherever they appear, even in what the target sent back', async () => {
      receiver.answer(200);
      const res = await request(broker.server)
        .post('/webhooks/execute')
        .set('Authorization', ADMIN)
        .send({
          events: [{ name: 'contract_published' }],
          request: {
            method: 'POST',
            url: `${receiver.url}/hook`,
            headers: { 'X-Api-Key': 'echoed-secret-1234' },
            body: 'the key is echoed-secret-1234',
          },
        })
        .expect(200);
      expect(JSON.stringify(res.body)).not.to.include('echoed-secret-1234');
    });

    // ref: spec/lib/pact_broker/webhooks/redact_logs_spec.rb: "redacts JSON values"
    it('hides the values of JSON body fields named like credentials', async () => {
      const res = await request(broker.server)
        .post('/webhooks/execute')
        .set('Authorization', ADMIN)
        .send({
          events: [{ name: 'contract_published' }],
          request: { method: 'POST', url: `${receiver.url}/hook`, body: { apiKey: 'abc123-secret', userId: '123' } },
        })
        .expect(200);
      expect(res.body.request.body).to.deep.equal({ apiKey: '**********', userId: '123' });
      expect(res.body.logs).to.include('"userId":"123"').and.not.include('abc123-secret');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_template_spec.rb: "redacts sensitive headers"
    it('shows a webhook with sensitive headers redacted and other headers as they are', async () => {
      const created = await request(broker.server)
        .post('/webhooks')
        .set('Authorization', ADMIN)
        .send({
          events: [{ name: 'contract_published' }],
          request: {
            method: 'POST',
            url: 'http://ci.example/hook',
            headers: { Authorization: 'foo', 'X-authorization': 'bar', Token: 'bar', 'X-Auth-Token': 'bar', OK: 'ok' },
          },
        })
        .expect(201);
      expect(created.body.request.headers).to.deep.equal({
        authorization: '**********',
        'x-authorization': '**********',
        token: '**********',
        'x-auth-token': '**********',
        ok: 'ok',
      });
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_template_spec.rb: "does not redact it"
    it('does not redact a sensitive header whose value is only a template variable', async () => {
      const created = await request(broker.server)
        .post('/webhooks')
        .set('Authorization', ADMIN)
        .send({
          events: [{ name: 'contract_published' }],
          request: {
            method: 'POST',
            url: 'http://ci.example/hook',
            headers: { Authorization: '${pactbroker.secret}' },
          },
        })
        .expect(201);
      expect(created.body.request.headers).to.deep.equal({ authorization: '${pactbroker.secret}' });
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_template_spec.rb: "is_expected.to eq \"**********\""
    it('shows a password as stars, and one that is a template variable as written', async () => {
      const post = (password: string) =>
        request(broker.server)
          .post('/webhooks')
          .set('Authorization', ADMIN)
          .send({
            events: [{ name: 'contract_published' }],
            request: { method: 'POST', url: 'http://ci.example/hook', username: 'u', password },
          })
          .expect(201);
      expect((await post('foo')).body.request.password).to.equal('**********');
      expect((await post('${pactbroker.foo}')).body.request.password).to.equal('${pactbroker.foo}');
      const none = await request(broker.server)
        .post('/webhooks')
        .set('Authorization', ADMIN)
        .send({ events: [{ name: 'contract_published' }], request: { method: 'POST', url: 'http://ci.example/hook' } })
        .expect(201);
      expect(none.body.request).not.to.have.property('password');
    });

    describe('nothing secret is readable by a read-only user (issue 12.2)', () => {
      it('in webhook reads: headers named like *key*, token, secret, auth, signature, cookie, password; URL credentials; body fields', async () => {
        const created = await request(broker.server)
          .post('/webhooks')
          .set('Authorization', ADMIN)
          .send(secretWebhook(receiver.url))
          .expect(201);
        const read = await request(broker.server)
          .get(`/webhooks/${created.body.uuid}`)
          .set('Authorization', READ_ONLY)
          .expect(200);
        expectNoSecret(JSON.stringify(read.body), 'GET /webhooks/{uuid}');
        const list = await request(broker.server).get('/webhooks').set('Authorization', READ_ONLY).expect(200);
        expectNoSecret(JSON.stringify(list.body), 'GET /webhooks');
        expectNoSecret(JSON.stringify(created.body), 'the POST answer');
        expect(read.body.request.headers).to.include({
          'x-access-key': '**********',
          'private-key': '**********',
          'x-signing-key': '**********',
          'x-consumer': '${pactbroker.consumerName}',
          'content-type': 'application/json',
        });
        expect(read.body.request.url).to.match(
          /^http:\/\/\*{10}@127\.0\.0\.1:\d+\/hook\?token=\*{10}&build=\$\{pactbroker\.consumerVersionNumber\}$/,
        );
        expect(read.body.request.body).to.deep.include({
          version: '${pactbroker.consumerVersionNumber}',
          nested: { token: '**********' },
        });
      });

      it('in test executions', async () => {
        const created = await request(broker.server)
          .post('/webhooks')
          .set('Authorization', ADMIN)
          .send(secretWebhook(receiver.url))
          .expect(201);
        const executed = await request(broker.server)
          .post(`/webhooks/${created.body.uuid}/execute`)
          .set('Authorization', ADMIN)
          .expect(200);
        expect(executed.body.success).to.equal(true);
        expectNoSecret(JSON.stringify(executed.body), 'the execution result');
        // The secrets were sent all the same.
        const sent = receiver.received.at(-1)!;
        expect(sent.headers['x-access-key']).to.equal(SECRETS['x-access-key']);
        expect(sent.url).to.include(`token=${URL_SECRETS.token}`);
        expect(JSON.parse(sent.body).apiKey).to.equal(BODY_SECRETS.apiKey);
        const unsaved = await request(broker.server)
          .post('/webhooks/execute')
          .set('Authorization', ADMIN)
          .send(secretWebhook(receiver.url))
          .expect(200);
        expectNoSecret(JSON.stringify(unsaved.body), 'the unsaved execution result');
      });

      it('in delivery logs, as served and as stored (redacted before they are written)', async () => {
        await request(broker.server)
          .post('/webhooks')
          .set('Authorization', ADMIN)
          .send(secretWebhook(receiver.url))
          .expect(201);
        await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar', headers: { Authorization: ADMIN } });
        const [row] = await settled(broker, 1);
        expect(row!.status).to.equal('success');
        for (const execution of row!.executions) expectNoSecret(execution.logs, 'the stored log');
        const text = await request(broker.server)
          .get(`/triggered-webhooks/${row!.uuid}/logs`)
          .set('Authorization', READ_ONLY)
          .expect(200);
        expectNoSecret(text.text, 'the text logs');
        const json = await request(broker.server)
          .get(`/triggered-webhooks/${row!.uuid}/logs`)
          .set('Authorization', READ_ONLY)
          .set('Accept', 'application/hal+json')
          .expect(200);
        expectNoSecret(JSON.stringify(json.body), 'the JSON logs');
        expect(text.text)
          .to.include('x-access-key: **********')
          .and.include('private-key: **********')
          .and.include('x-signing-key: **********');
      });
    });
  });

  describe('updating a webhook keeps secrets sent back starred (webhooks/service_spec.rb, update_by_uuid)', () => {
    const broker = useBroker({ config: { auth } });
    const original = {
      events: [{ name: 'contract_published' }],
      request: {
        method: 'POST',
        url: 'https://user:url-secret@ci.example/hook?token=query-secret',
        headers: { Authorization: 'Bearer header-secret', 'X-Other': 'plain' },
        body: { apiKey: 'body-secret', version: '1' },
        username: 'username',
        password: 'password-secret',
      },
    };
    const stored = async () => (await broker.prisma.webhook.findFirstOrThrow()).request as typeof original.request;
    async function readAndSendBack(change: (webhook: Record<string, unknown>) => void = () => undefined) {
      await request(broker.server)
        .put('/webhooks/a-webhook-0123456789')
        .set('Authorization', ADMIN)
        .send(original)
        .expect(201);
      const read = (await request(broker.server).get('/webhooks/a-webhook-0123456789').set('Authorization', ADMIN))
        .body;
      change(read);
      await request(broker.server)
        .put('/webhooks/a-webhook-0123456789')
        .set('Authorization', ADMIN)
        .send(read)
        .expect(200);
    }

    // ref: spec/lib/pact_broker/webhooks/service_spec.rb: "sends through the params to the repository"
    it('an update stores the new definition', async () => {
      await readAndSendBack((webhook) => ((webhook.request as Record<string, unknown>).method = 'POST'));
      await request(broker.server)
        .put('/webhooks/a-webhook-0123456789')
        .set('Authorization', ADMIN)
        .send({ ...original, request: { ...original.request, headers: { 'X-Other': 'changed' } } })
        .expect(200);
      expect((await stored()).headers).to.deep.equal({ 'x-other': 'changed' });
    });

    // ref: spec/lib/pact_broker/webhooks/service_spec.rb: "does not overwite the password"
    it('keeps the password when the update has none', async () => {
      await readAndSendBack((webhook) => delete (webhook.request as Record<string, unknown>).password);
      expect((await stored()).password).to.equal('password-secret');
    });

    // ref: spec/lib/pact_broker/webhooks/service_spec.rb: "does not overwite the password"
    it('keeps the password when the update has it starred', async () => {
      await readAndSendBack();
      expect((await stored()).password).to.equal('password-secret');
    });

    // ref: spec/lib/pact_broker/webhooks/service_spec.rb: "does not overwite the authorization header"
    it('keeps credential headers, URL credentials and body fields sent back starred', async () => {
      await readAndSendBack();
      const after = await stored();
      expect(after.headers).to.deep.equal({ authorization: 'Bearer header-secret', 'x-other': 'plain' });
      expect(after.url).to.equal(original.request.url);
      expect(after.body).to.deep.equal(original.request.body);
    });

    // ref: spec/lib/pact_broker/webhooks/service_spec.rb: "updates the password"
    it('updates the password when the update gives a new one', async () => {
      await readAndSendBack((webhook) => ((webhook.request as Record<string, unknown>).password = 'new-password'));
      expect((await stored()).password).to.equal('new-password');
    });
  });

  describe('with the response hidden (webhook_request_logger_spec.rb, show_response false)', () => {
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

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "does not log the response status"
    it('does not log the response status', async () => {
      expect((await execute()).body.logs).not.to.include('<- HTTP');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "does not log the response headers"
    it('does not log the response headers', async () => {
      expect((await execute()).body.logs)
        .not.to.include('set-cookie')
        .and.not.include('<- content-type');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "does not log the response body"
    it('does not log the response body', async () => {
      expect((await execute()).body.logs).not.to.include('thanks');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "logs a message about why the response is hidden"
    it('logs why the response is hidden', async () => {
      expect((await execute()).body.logs).to.include('not shown, for security');
    });

    // ref: spec/lib/pact_broker/webhooks/webhook_request_logger_spec.rb: "does not logs the exception information"
    it("does not log the target's error details", async () => {
      const closed = new WebhookReceiver();
      await closed.start();
      const url = `${closed.url}/hook`;
      await closed.stop();
      const res = await request(broker.server)
        .post('/webhooks/execute')
        .send({ events: [{ name: 'contract_published' }], request: { method: 'POST', url } })
        .expect(200);
      expect(res.body.logs).not.to.include('ECONNREFUSED');
      expect(res.body.logs).to.include('not shown, for security');
      expect(res.body).not.to.have.property('error');
    });
  });
});
