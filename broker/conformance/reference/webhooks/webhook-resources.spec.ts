// Ported from the Pact Broker's webhook resource specs (spec/lib/pact_broker/api/resources/
// {all_webhooks,webhook,pacticipant_webhooks,webhook_execution,pact_triggered_webhooks,
// verification_triggered_webhooks,triggered_webhook_logs}_spec.rb) and the triggered-webhooks features.
// Their doubles become real data: what they checked a double was called with is checked in the answer.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { WebhookReceiver } from '../../../webhooks/testing/receiver.ts';
import { pactOf, publish, publishResult, settled, webhookBody } from './webhook-client.ts';

const HAL = 'application/hal+json;charset=utf-8';

describe('reference: webhook resources', function () {
  this.timeout(60_000);
  const broker = useBroker({
    webhookWorker: true,
    config: { webhookSchemes: ['http', 'https'], webhookHosts: ['127.0.0.1'], webhookRetrySchedule: [0] },
  });
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  beforeEach(async () => {
    receiver.reset();
    await broker.data().consumer('Some Consumer').version('1').pact('Some Provider');
  });
  after(() => receiver.stop());

  const hook = (overrides: Record<string, unknown> = {}) => webhookBody(`${receiver.url}/hook`, overrides);

  describe('POST /webhooks (all_webhooks_spec.rb)', () => {
    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns a 400 error"
    it('answers malformed JSON with 400', async () => {
      await request(broker.server).post('/webhooks').set('Content-Type', 'application/json').send('{').expect(400);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns a 400"
    it('answers invalid attributes with 400', async () => {
      await request(broker.server).post('/webhooks').send({ some: 'json' }).expect(400);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns a HAL JSON content type"
    it('answers invalid attributes in HAL JSON', async () => {
      const res = await request(broker.server).post('/webhooks').send({ some: 'json' });
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns the validation errors"
    it('answers invalid attributes with only the errors, by field', async () => {
      const res = await request(broker.server).post('/webhooks').send({ some: 'json' });
      expect(Object.keys(res.body)).to.deep.equal(['errors']);
      expect(res.body.errors.request).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "saves the webhook"
    it('saves the webhook', async () => {
      const res = await request(broker.server).post('/webhooks').send(hook()).expect(201);
      const read = await request(broker.server).get(`/webhooks/${res.body.uuid}`).expect(200);
      expect(read.body.request.url).to.equal(`${receiver.url}/hook`);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns a 201 response"
    it('answers 201', async () => {
      await request(broker.server).post('/webhooks').send(hook()).expect(201);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns the Location header"
    it("gives the new webhook's uuid in the Location header", async () => {
      const res = await request(broker.server).post('/webhooks').send(hook()).expect(201);
      expect(res.headers.location).to.include(res.body.uuid);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns a HAL JSON content type"
    it('answers the created webhook in HAL JSON', async () => {
      const res = await request(broker.server).post('/webhooks').send(hook()).expect(201);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "generates the JSON response body"
    it("builds the created webhook's links from the request's base URL", async () => {
      const res = await request(broker.server).post('/webhooks').send(hook()).expect(201);
      expect(res.body._links.self.href).to.equal(`${broker.url}/webhooks/${res.body.uuid}`);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns the JSON representation of the webhook"
    it('answers the same representation a GET of the webhook gives', async () => {
      const res = await request(broker.server).post('/webhooks').send(hook()).expect(201);
      const read = await request(broker.server).get(`/webhooks/${res.body.uuid}`).expect(200);
      expect(res.body).to.deep.equal(read.body);
    });
  });

  describe('GET /webhooks (all_webhooks_spec.rb)', () => {
    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "returns a 200 HAL JSON response"
    it('answers 200 in HAL JSON', async () => {
      const res = await request(broker.server).get('/webhooks').expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "generates a JSON representation of the webhook"
    it('lists every webhook as a pb:webhooks link', async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).get('/webhooks').expect(200);
      expect(res.body._links['pb:webhooks'].map((link: { href: string }) => link.href)).to.deep.equal([
        `${broker.url}/webhooks/${created.uuid}`,
      ]);
    });

    // ref: spec/lib/pact_broker/api/resources/all_webhooks_spec.rb: "includes the JSON representation in the response body"
    it('answers the collection with its self and create links', async () => {
      const res = await request(broker.server).get('/webhooks').expect(200);
      expect(res.body._links.self.href).to.equal(`${broker.url}/webhooks`);
      expect(res.body._links['pb:create'].href).to.equal(`${broker.url}/webhooks`);
    });
  });

  describe('GET and PUT /webhooks/{uuid} (webhook_spec.rb)', () => {
    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "returns a 404"
    it('answers 404 for an unknown webhook', async () => {
      await request(broker.server).get('/webhooks/some-uuid').expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "finds the webhook by UUID"
    it('finds the webhook by its uuid', async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).get(`/webhooks/${created.uuid}`).expect(200);
      expect(res.body.uuid).to.equal(created.uuid);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "returns a 200 JSON response"
    it('answers 200 in HAL JSON', async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).get(`/webhooks/${created.uuid}`).expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "generates a JSON representation of the webhook"
    it("builds the webhook's links from the request's base URL", async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).get(`/webhooks/${created.uuid}`).expect(200);
      expect(res.body._links['pb:execute'].href).to.equal(`${broker.url}/webhooks/${created.uuid}/execute`);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "includes the JSON representation in the response body"
    it('answers the webhook with its request and events', async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).get(`/webhooks/${created.uuid}`).expect(200);
      expect(res.body).to.deep.include({
        events: [{ name: 'contract_content_changed' }],
        description: 'trigger build',
      });
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "validates the UUID"
    it('refuses to PUT a webhook whose uuid is not valid (400, naming the uuid)', async () => {
      const res = await request(broker.server).put('/webhooks/HIJKLMNOP').send(hook()).expect(400);
      expect(res.body.errors.uuid).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "creates the webhook"
    it('PUT to an unknown uuid creates the webhook with that uuid', async () => {
      await request(broker.server).put('/webhooks/some-uuid-1234567890').send(hook()).expect(201);
      expect((await broker.prisma.webhook.findFirstOrThrow()).uuid).to.equal('some-uuid-1234567890');
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "is_expected.to eq 201"
    it('PUT to an unknown uuid answers 201', async () => {
      await request(broker.server).put('/webhooks/some-uuid-1234567890').send(hook()).expect(201);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "returns the JSON respresentation of the webhook"
    it('PUT to an unknown uuid answers the new webhook', async () => {
      const res = await request(broker.server).put('/webhooks/some-uuid-1234567890').send(hook()).expect(201);
      expect(res.body.uuid).to.equal('some-uuid-1234567890');
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "is_expected.to eq 200"
    it('PUT to an existing uuid answers 200', async () => {
      await request(broker.server).put('/webhooks/some-uuid-1234567890').send(hook()).expect(201);
      await request(broker.server).put('/webhooks/some-uuid-1234567890').send(hook()).expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "updates the webhook"
    it('PUT to an existing uuid replaces its definition', async () => {
      await request(broker.server).put('/webhooks/some-uuid-1234567890').send(hook()).expect(201);
      await request(broker.server)
        .put('/webhooks/some-uuid-1234567890')
        .send(hook({ description: 'changed', events: [{ name: 'contract_published' }] }))
        .expect(200);
      const read = (await request(broker.server).get('/webhooks/some-uuid-1234567890').expect(200)).body;
      expect(read).to.deep.include({ description: 'changed', events: [{ name: 'contract_published' }] });
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_spec.rb: "returns the JSON respresentation of the webhook"
    it('PUT to an existing uuid answers the updated webhook', async () => {
      await request(broker.server).put('/webhooks/some-uuid-1234567890').send(hook()).expect(201);
      const res = await request(broker.server)
        .put('/webhooks/some-uuid-1234567890')
        .send(hook({ description: 'changed' }))
        .expect(200);
      expect(res.body.description).to.equal('changed');
    });
  });

  describe('webhooks for pacticipants (pacticipant_webhooks_spec.rb)', () => {
    const path = '/webhooks/provider/Some%20Provider/consumer/Some%20Consumer';

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 200 HAL JSON response"
    it('GET for a consumer and provider answers 200 in HAL JSON', async () => {
      const res = await request(broker.server).get(path).expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "generates a JSON body"
    it('GET lists the webhooks of exactly that consumer and provider', async () => {
      const ours = (await request(broker.server).post(path).send(hook()).expect(201)).body;
      await request(broker.server).post('/webhooks').send(hook()).expect(201); // for every pact: not listed
      const res = await request(broker.server).get(path).expect(200);
      expect(res.body._links['pb:webhooks'].map((link: { href: string }) => link.href)).to.deep.equal([
        `${broker.url}/webhooks/${ours.uuid}`,
      ]);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "includes the generated JSON in the response body"
    it('GET answers the collection with its self link', async () => {
      const res = await request(broker.server).get(path).expect(200);
      expect(res.body._links.self.href).to.equal(`${broker.url}${path}`);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 404"
    it('GET answers 404 when the provider does not exist', async () => {
      await request(broker.server).get('/webhooks/provider/Nobody/consumer/Some%20Consumer').expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 404"
    it('GET answers 404 when the consumer does not exist', async () => {
      await request(broker.server).get('/webhooks/provider/Some%20Provider/consumer/Nobody').expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 200"
    it("GET for a provider's webhooks answers 200", async () => {
      await request(broker.server).get('/webhooks/provider/Some%20Provider').expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 404"
    it("GET for an unknown provider's webhooks answers 404", async () => {
      await request(broker.server).get('/webhooks/provider/Nobody').expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 200"
    it("GET for a consumer's webhooks answers 200", async () => {
      await request(broker.server).get('/webhooks/consumer/Some%20Consumer').expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 404"
    it("GET for an unknown consumer's webhooks answers 404", async () => {
      await request(broker.server).get('/webhooks/consumer/Nobody').expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 400 error"
    it('POST with malformed JSON answers 400', async () => {
      await request(broker.server).post(path).set('Content-Type', 'application/json').send('{').expect(400);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 404 status"
    it('POST for an unknown provider answers 404', async () => {
      await request(broker.server).post('/webhooks/provider/Nobody/consumer/Some%20Consumer').send(hook()).expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a JSON content type"
    it('POST for an unknown provider answers in HAL JSON', async () => {
      const res = await request(broker.server).post('/webhooks/provider/Nobody/consumer/Some%20Consumer').send(hook());
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns an error message"
    it('POST for an unknown provider names it in the error', async () => {
      const res = await request(broker.server).post('/webhooks/provider/Nobody/consumer/Some%20Consumer').send(hook());
      expect(res.body).to.deep.equal({ error: "No provider with name 'Nobody' found" });
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 404 status"
    it('POST for an unknown consumer answers 404', async () => {
      await request(broker.server).post('/webhooks/provider/Some%20Provider/consumer/Nobody').send(hook()).expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a JSON content type"
    it('POST for an unknown consumer answers in HAL JSON', async () => {
      const res = await request(broker.server).post('/webhooks/provider/Some%20Provider/consumer/Nobody').send(hook());
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns an error message"
    it('POST for an unknown consumer names it in the error', async () => {
      const res = await request(broker.server).post('/webhooks/provider/Some%20Provider/consumer/Nobody').send(hook());
      expect(res.body).to.deep.equal({ error: "No consumer with name 'Nobody' found" });
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 400"
    it('POST with invalid attributes answers 400', async () => {
      await request(broker.server).post(path).send({ some: 'json' }).expect(400);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a JSON content type"
    it('POST with invalid attributes answers in HAL JSON', async () => {
      const res = await request(broker.server).post(path).send({ some: 'json' });
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns the validation errors"
    it('POST with invalid attributes answers only the errors', async () => {
      const res = await request(broker.server).post(path).send({ some: 'json' });
      expect(Object.keys(res.body)).to.deep.equal(['errors']);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "saves the webhook"
    it('POST saves the webhook for the consumer and provider of the path', async () => {
      await request(broker.server).post(path).send(hook()).expect(201);
      const webhook = await broker.prisma.webhook.findFirstOrThrow({ include: { consumer: true, provider: true } });
      expect([webhook.consumer?.name, webhook.provider?.name]).to.deep.equal(['Some Consumer', 'Some Provider']);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a 201 response"
    it('POST answers 201', async () => {
      await request(broker.server).post(path).send(hook()).expect(201);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns the Location header"
    it("POST gives the new webhook's uuid in the Location header", async () => {
      const res = await request(broker.server).post(path).send(hook()).expect(201);
      expect(res.headers.location).to.include(res.body.uuid);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns a JSON content type"
    it('POST answers in HAL JSON', async () => {
      const res = await request(broker.server).post(path).send(hook()).expect(201);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "generates the JSON response body"
    it("POST builds the webhook's links from the request's base URL", async () => {
      const res = await request(broker.server).post(path).send(hook()).expect(201);
      expect(res.body._links['pb:consumer'].href).to.equal(`${broker.url}/pacticipants/Some%20Consumer`);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_webhooks_spec.rb: "returns the JSON representation of the webhook"
    it('POST answers the same representation a GET gives', async () => {
      const res = await request(broker.server).post(path).send(hook()).expect(201);
      expect(res.body).to.deep.equal((await request(broker.server).get(`/webhooks/${res.body.uuid}`)).body);
    });
  });

  describe('executing a webhook (webhook_execution_spec.rb)', () => {
    // ref: spec/lib/pact_broker/api/resources/webhook_execution_spec.rb: "returns a 404"
    it('answers 404 for an unknown webhook', async () => {
      await request(broker.server).post('/webhooks/some-uuid-0000000000/execute').expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_execution_spec.rb: "executes the webhook"
    it('sends the webhook now', async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      await request(broker.server).post(`/webhooks/${created.uuid}/execute`).expect(200);
      expect(receiver.received).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_execution_spec.rb: "returns a 200 JSON response"
    it('answers a successful execution with 200 in HAL JSON', async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).post(`/webhooks/${created.uuid}/execute`).expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
      expect(res.body.success).to.equal(true);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_execution_spec.rb: "generates a JSON response body for the execution result"
    it('answers with links to the webhook and to try again', async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).post(`/webhooks/${created.uuid}/execute`).expect(200);
      expect(res.body._links.webhook.href).to.equal(`${broker.url}/webhooks/${created.uuid}`);
      expect(res.body._links['try-again'].href).to.equal(`${broker.url}/webhooks/${created.uuid}/execute`);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_execution_spec.rb: "includes the execution result JSON in the body"
    it('answers what was sent and what came back', async () => {
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).post(`/webhooks/${created.uuid}/execute`).expect(200);
      expect(res.body.request).to.include({ method: 'POST', url: `${receiver.url}/hook` });
      expect(res.body.response).to.include({ status: 200, body: 'thanks' });
      expect(res.body.logs).to.be.a('string').that.includes('Result: succeeded');
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_execution_spec.rb: "returns a 200 JSON response"
    it('answers an unsuccessful execution with 200 too', async () => {
      receiver.answer(500);
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      await request(broker.server).post(`/webhooks/${created.uuid}/execute`).expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/webhook_execution_spec.rb: "includes the execution result JSON in the body"
    it('answers an unsuccessful execution with success false and the response', async () => {
      receiver.answer(500);
      const created = (await request(broker.server).post('/webhooks').send(hook()).expect(201)).body;
      const res = await request(broker.server).post(`/webhooks/${created.uuid}/execute`).expect(200);
      expect(res.body.success).to.equal(false);
      expect(res.body.response.status).to.equal(500);
    });
  });

  describe('triggered webhooks and their logs', () => {
    /** A webhook on every pact, triggered by publishing Some Consumer version 2 and delivered. */
    async function triggeredByPublication(events = ['contract_published']) {
      await request(broker.server)
        .post('/webhooks')
        .send(hook({ events: events.map((name) => ({ name })) }))
        .expect(201);
      await publish(broker, { consumer: 'Some Consumer', version: '2', provider: 'Some Provider' });
      return settled(broker, 1);
    }

    // ref: spec/lib/pact_broker/api/resources/pact_triggered_webhooks_spec.rb: "is_expected.to be_a_hal_json_success_response"
    it("the pact's triggered webhooks answer 200 in HAL JSON", async () => {
      await triggeredByPublication();
      const res = await request(broker.server)
        .get('/pacts/provider/Some%20Provider/consumer/Some%20Consumer/version/2/triggered-webhooks')
        .expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/pact_triggered_webhooks_spec.rb: "finds the triggered webhooks for the pact"
    it("lists the webhooks the pact's publication triggered, and no other", async () => {
      await triggeredByPublication();
      const other = await request(broker.server)
        .get('/pacts/provider/Some%20Provider/consumer/Some%20Consumer/version/1/triggered-webhooks')
        .expect(200);
      expect(other.body._embedded.triggeredWebhooks).to.have.length(0);
      const res = await request(broker.server)
        .get('/pacts/provider/Some%20Provider/consumer/Some%20Consumer/version/2/triggered-webhooks')
        .expect(200);
      expect(res.body._embedded.triggeredWebhooks).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/resources/pact_triggered_webhooks_spec.rb: "generates the JSON response body"
    it("titles the pact's list and links it to itself", async () => {
      await triggeredByPublication();
      const path = '/pacts/provider/Some%20Provider/consumer/Some%20Consumer/version/2/triggered-webhooks';
      const res = await request(broker.server).get(path).expect(200);
      expect(res.body._links.self).to.deep.equal({
        title: 'Webhooks triggered by the publication of the pact',
        href: `${broker.url}${path}`,
      });
    });

    // ref: spec/lib/pact_broker/api/resources/pact_triggered_webhooks_spec.rb: "returns the generated JSON response body"
    it("describes each of the pact's triggered webhooks", async () => {
      await triggeredByPublication();
      const res = await request(broker.server)
        .get('/pacts/provider/Some%20Provider/consumer/Some%20Consumer/version/2/triggered-webhooks')
        .expect(200);
      expect(res.body._embedded.triggeredWebhooks[0]).to.include({
        status: 'success',
        eventName: 'contract_published',
        triggerType: 'resource_creation',
      });
    });

    // ref: spec/lib/pact_broker/api/resources/pact_triggered_webhooks_spec.rb: "is_expected.to be_a_404_response"
    it("answers 404 for an unknown pact's triggered webhooks", async () => {
      await request(broker.server)
        .get('/pacts/provider/Some%20Provider/consumer/Some%20Consumer/version/9/triggered-webhooks')
        .expect(404);
    });

    // ref: spec/features/get_triggered_webhooks_for_pact_spec.rb: "is_expected.to be_a_hal_json_success_response"
    it('the feature: a pact with a triggered webhook answers 200 in HAL JSON', async () => {
      await triggeredByPublication();
      const res = await request(broker.server)
        .get('/pacts/provider/Some%20Provider/consumer/Some%20Consumer/version/2/triggered-webhooks')
        .expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/get_triggered_webhooks_for_pact_spec.rb: "contains a list of triggered webhooks"
    it('the feature: the list has the one triggered webhook', async () => {
      await triggeredByPublication();
      const res = await request(broker.server)
        .get('/pacts/provider/Some%20Provider/consumer/Some%20Consumer/version/2/triggered-webhooks')
        .expect(200);
      expect(res.body._embedded.triggeredWebhooks).to.have.length(1);
    });

    /** A verification webhook triggered by publishing verification result 1 of version 1's pact. */
    async function triggeredByVerification() {
      await request(broker.server)
        .post('/webhooks')
        .send(hook({ events: [{ name: 'provider_verification_published' }] }))
        .expect(201);
      const pact = await pactOf(broker, 'Some Provider', 'Some Consumer', '1');
      const result = await publishResult(broker, pact._links['pb:publish-verification-results']!.href, {
        success: true,
        providerApplicationVersion: '4.5.6',
      });
      await settled(broker, 1);
      return new URL(result.body._links.self.href).pathname;
    }

    // ref: spec/lib/pact_broker/api/resources/verification_triggered_webhooks_spec.rb: "searchs for the verification"
    it('finds the verification by provider, consumer, pact version and number', async () => {
      const verification = await triggeredByVerification();
      await request(broker.server).get(`${verification}/triggered-webhooks`).expect(200);
      await request(broker.server)
        .get(`${verification.replace(/\/1$/, '/2')}/triggered-webhooks`)
        .expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/verification_triggered_webhooks_spec.rb: "finds the triggered webhooks for the verification"
    it("lists the webhooks the verification's publication triggered", async () => {
      const verification = await triggeredByVerification();
      const res = await request(broker.server).get(`${verification}/triggered-webhooks`).expect(200);
      expect(res.body._embedded.triggeredWebhooks.map((row: { eventName: string }) => row.eventName)).to.deep.equal([
        'provider_verification_published',
      ]);
    });

    // ref: spec/lib/pact_broker/api/resources/verification_triggered_webhooks_spec.rb: "is_expected.to be_a_hal_json_success_response"
    it("the verification's triggered webhooks answer 200 in HAL JSON", async () => {
      const verification = await triggeredByVerification();
      const res = await request(broker.server).get(`${verification}/triggered-webhooks`).expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/verification_triggered_webhooks_spec.rb: "generates the JSON response body"
    it("titles the verification's list with the result number and links it to itself", async () => {
      const verification = await triggeredByVerification();
      const res = await request(broker.server).get(`${verification}/triggered-webhooks`).expect(200);
      expect(res.body._links.self).to.deep.equal({
        title: 'Webhooks triggered by the publication of verification result 1',
        href: `${broker.url}${verification}/triggered-webhooks`,
      });
    });

    // ref: spec/lib/pact_broker/api/resources/verification_triggered_webhooks_spec.rb: "returns the generated JSON response body"
    it("describes each of the verification's triggered webhooks", async () => {
      const verification = await triggeredByVerification();
      const res = await request(broker.server).get(`${verification}/triggered-webhooks`).expect(200);
      expect(res.body._embedded.triggeredWebhooks[0]).to.include({ status: 'success', attemptsMade: 1 });
    });

    // ref: spec/lib/pact_broker/api/resources/verification_triggered_webhooks_spec.rb: "is_expected.to be_a_404_response"
    it("answers 404 for an unknown verification's triggered webhooks", async () => {
      const pact = await pactOf(broker, 'Some Provider', 'Some Consumer', '1');
      const results = new URL(pact._links['pb:publish-verification-results']!.href).pathname;
      await request(broker.server).get(`${results}/1/triggered-webhooks`).expect(404);
    });

    // ref: spec/features/get_triggered_webhooks_for_verification_spec.rb: "is_expected.to be_a_hal_json_success_response"
    it('the feature: a verification with a triggered webhook answers 200 in HAL JSON', async () => {
      const verification = await triggeredByVerification();
      const res = await request(broker.server).get(`${verification}/triggered-webhooks`).expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/get_triggered_webhooks_for_verification_spec.rb: "contains a list of triggered webhooks"
    it('the feature: the list has the one triggered webhook', async () => {
      const verification = await triggeredByVerification();
      const res = await request(broker.server).get(`${verification}/triggered-webhooks`).expect(200);
      expect(res.body._embedded.triggeredWebhooks).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/resources/triggered_webhook_logs_spec.rb: "returns the concatenated webhook execution logs"
    it("answers every attempt's log, oldest first, one after the other", async () => {
      receiver.answer(500); // the first attempt fails; the retry (after 0 s here) succeeds
      await request(broker.server)
        .post('/webhooks')
        .send(hook({ events: [{ name: 'contract_published' }] }));
      await publish(broker, { consumer: 'Some Consumer', version: '2', provider: 'Some Provider' });
      const [row] = await settled(broker, 1);
      expect(row!.executions).to.have.length(2);
      const res = await request(broker.server).get(`/triggered-webhooks/${row!.uuid}/logs`).expect(200);
      expect(res.text).to.equal(row!.executions.map((execution) => execution.logs).join('\n'));
    });
  });
});
