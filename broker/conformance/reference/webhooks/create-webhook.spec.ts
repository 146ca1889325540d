// Ported from the Pact Broker's feature specs for creating, editing, updating and deleting webhooks
// (spec/features/{create,edit,update,delete}_webhook_spec.rb), run over HTTP against our broker.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { webhookBody } from './webhook-client.ts';

const HAL = 'application/hal+json;charset=utf-8';

describe('reference: creating a webhook (features/create_webhook_spec.rb)', () => {
  const broker = useBroker();
  const webhookHash = (overrides: Record<string, unknown> = {}) =>
    webhookBody('https://example.org', { enabled: false, ...overrides });

  beforeEach(() => broker.data().consumer('Some Consumer').version('1').pact('Some Provider'));

  const post = (path: string, body: unknown) =>
    request(broker.server)
      .post(path)
      .send(body as object);
  const stored = () => broker.prisma.webhook.findFirstOrThrow();

  describe('for a consumer and provider', () => {
    const path = '/webhooks/provider/Some%20Provider/consumer/Some%20Consumer';

    // ref: spec/features/create_webhook_spec.rb: "is_expected.to be 400"
    it('with invalid attributes, answers 400', async () => {
      await post(path, {}).expect(400);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns a JSON content type"
    it('with invalid attributes, answers in HAL JSON', async () => {
      const res = await post(path, {});
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns the validation errors"
    it('with invalid attributes, lists the validation errors', async () => {
      const res = await post(path, {});
      expect(res.body.errors).to.be.an('object').that.is.not.empty;
    });

    // ref: spec/features/create_webhook_spec.rb: "is_expected.to be 201"
    it('with valid attributes, answers 201', async () => {
      await post(path, webhookHash()).expect(201);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns the Location header"
    it("answers with the new webhook's URL in the Location header", async () => {
      const res = await post(path, webhookHash());
      expect(res.headers.location).to.match(new RegExp(`^${broker.url.replace(/\./g, '\\.')}/webhooks/.+`));
    });

    // ref: spec/features/create_webhook_spec.rb: "returns a JSON Content Type"
    it('answers the created webhook in HAL JSON', async () => {
      const res = await post(path, webhookHash());
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns the newly created webhook"
    it('answers the created webhook as it was given', async () => {
      const res = await post(path, webhookHash()).expect(201);
      expect(res.body).to.deep.include(webhookHash());
    });
  });

  describe('for a provider', () => {
    // ref: spec/features/create_webhook_spec.rb: "is_expected.to eq 201"
    it('creates a webhook for a provider named in the body (201)', async () => {
      await post('/webhooks', webhookHash({ provider: { name: 'Some Provider' } })).expect(201);
    });

    // ref: spec/features/create_webhook_spec.rb: "creates a webhook without a consumer"
    it('stores a webhook for a provider without a consumer', async () => {
      await post('/webhooks', webhookHash({ provider: { name: 'Some Provider' } })).expect(201);
      const webhook = await stored();
      expect(webhook.providerId).not.to.equal(null);
      expect(webhook.consumerId).to.equal(null);
    });

    // ref: spec/features/create_webhook_spec.rb: "is_expected.to eq 201"
    it('creates a webhook for providers with a label (201)', async () => {
      await post('/webhooks', webhookHash({ provider: { label: 'my_label' } })).expect(201);
    });

    // ref: spec/features/create_webhook_spec.rb: "creates a webhook without explicit consumer and provider with provider label"
    it('stores a provider label and no consumer or provider', async () => {
      const res = await post('/webhooks', webhookHash({ provider: { label: 'my_label' } })).expect(201);
      expect(res.body.provider).to.deep.equal({ label: 'my_label' });
      expect(await stored()).to.include({ providerId: null, consumerId: null, providerLabel: 'my_label' });
    });

    // ref: spec/features/create_webhook_spec.rb: "is_expected.to eq 400"
    it('refuses a provider given by both name and label (400)', async () => {
      await post('/webhooks', webhookHash({ provider: { name: 'Some Provider', label: 'my_label' } })).expect(400);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns the validation errors"
    it('lists the error for a provider given by both name and label', async () => {
      const res = await post('/webhooks', webhookHash({ provider: { name: 'Some Provider', label: 'my_label' } }));
      expect(res.body.errors['provider.label']).to.have.length(1);
    });
  });

  describe('for a consumer', () => {
    // ref: spec/features/create_webhook_spec.rb: "is_expected.to eq 201"
    it('creates a webhook for a consumer named in the body (201)', async () => {
      await post('/webhooks', webhookHash({ consumer: { name: 'Some Consumer' } })).expect(201);
    });

    // ref: spec/features/create_webhook_spec.rb: "creates a webhook without a provider"
    it('stores a webhook for a consumer without a provider', async () => {
      await post('/webhooks', webhookHash({ consumer: { name: 'Some Consumer' } })).expect(201);
      const webhook = await stored();
      expect(webhook.consumerId).not.to.equal(null);
      expect(webhook.providerId).to.equal(null);
    });

    // ref: spec/features/create_webhook_spec.rb: "is_expected.to eq 201"
    it('creates a webhook for consumers with a label (201)', async () => {
      await post('/webhooks', webhookHash({ consumer: { label: 'my_label' } })).expect(201);
    });

    // ref: spec/features/create_webhook_spec.rb: "creates a webhook without explicit consumer and provider with consumer label"
    it('stores a consumer label and no consumer or provider', async () => {
      await post('/webhooks', webhookHash({ consumer: { label: 'my_label' } })).expect(201);
      expect(await stored()).to.include({ providerId: null, consumerId: null, consumerLabel: 'my_label' });
    });

    // ref: spec/features/create_webhook_spec.rb: "is_expected.to eq 400"
    it('refuses a consumer given by both name and label (400)', async () => {
      await post('/webhooks', webhookHash({ consumer: { name: 'Some Consumer', label: 'my_label' } })).expect(400);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns the validation errors"
    it('lists the error for a consumer given by both name and label', async () => {
      const res = await post('/webhooks', webhookHash({ consumer: { name: 'Some Consumer', label: 'my_label' } }));
      expect(res.body.errors['consumer.label']).to.have.length(1);
    });
  });

  describe('with no consumer or provider', () => {
    // ref: spec/features/create_webhook_spec.rb: "is_expected.to be 201"
    it('creates a webhook for every pact (201)', async () => {
      await post('/webhooks', webhookHash()).expect(201);
    });

    // ref: spec/features/create_webhook_spec.rb: "creates a webhook without a provider"
    it('stores it without a consumer or a provider', async () => {
      await post('/webhooks', webhookHash()).expect(201);
      expect(await stored()).to.include({ consumerId: null, providerId: null });
    });
  });

  describe('with a UUID', () => {
    const put = () =>
      request(broker.server)
        .put('/webhooks/1234123412341234')
        .send(
          webhookHash({ provider: { name: 'Some Provider' }, consumer: { name: 'Some Consumer' } }) as Record<
            string,
            unknown
          >,
        );

    // ref: spec/features/create_webhook_spec.rb: "is_expected.to be 201"
    it('PUT to a new uuid creates the webhook (201)', async () => {
      await put().expect(201);
    });

    // ref: spec/features/create_webhook_spec.rb: "is expected to have a consumer and provider"
    it('PUT stores the consumer and provider', async () => {
      await put().expect(201);
      const webhook = await stored();
      expect(webhook.uuid).to.equal('1234123412341234');
      expect(webhook.consumerId).not.to.equal(null);
      expect(webhook.providerId).not.to.equal(null);
    });
  });

  describe('with the old path', () => {
    const path = '/pacts/provider/Some%20Provider/consumer/Some%20Consumer/webhooks';

    // ref: spec/features/create_webhook_spec.rb: "is_expected.to be 201"
    it('POST to the pact webhooks path creates the webhook (201)', async () => {
      await post(path, webhookHash()).expect(201);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns the Location header"
    it("answers with the new webhook's URL in the Location header", async () => {
      const res = await post(path, webhookHash()).expect(201);
      expect(res.headers.location).to.match(/\/webhooks\/[^/]+$/);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns a JSON Content Type"
    it('answers in HAL JSON', async () => {
      const res = await post(path, webhookHash()).expect(201);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/create_webhook_spec.rb: "returns the newly created webhook"
    it('answers the created webhook, for the consumer and provider of the path', async () => {
      const res = await post(path, webhookHash()).expect(201);
      expect(res.body).to.deep.include(webhookHash());
      expect(res.body).to.deep.include({ consumer: { name: 'Some Consumer' }, provider: { name: 'Some Provider' } });
    });
  });
});

describe('reference: deleting, editing and updating a webhook', () => {
  const broker = useBroker();
  let uuid: string;

  beforeEach(async () => {
    await broker.data().consumer('Some Consumer').version('1').pact('Some Provider');
    const created = await request(broker.server)
      .post('/webhooks/provider/Some%20Provider/consumer/Some%20Consumer')
      .send(webhookBody('https://example.org/hook'))
      .expect(201);
    uuid = created.body.uuid;
  });

  // ref: spec/features/delete_webhook_spec.rb: "deletes the webhook"
  it('DELETE removes the webhook', async () => {
    await request(broker.server).delete(`/webhooks/${uuid}`);
    expect(await broker.prisma.webhook.count()).to.equal(0);
    await request(broker.server).get(`/webhooks/${uuid}`).expect(404);
  });

  // ref: spec/features/delete_webhook_spec.rb: "returns a 204 response"
  it('DELETE answers 204', async () => {
    await request(broker.server).delete(`/webhooks/${uuid}`).expect(204);
  });

  // ref: spec/features/delete_webhook_spec.rb: "does not delete the triggered webhooks because these are needed to calculate the webhook status"
  it('DELETE keeps what the webhook triggered, and its logs', async () => {
    await request(broker.server)
      .post('/contracts/publish')
      .send({
        pacticipantName: 'Some Consumer',
        pacticipantVersionNumber: '2',
        contracts: [
          {
            consumerName: 'Some Consumer',
            providerName: 'Some Provider',
            specification: 'pact',
            contentType: 'application/json',
            content: Buffer.from(
              JSON.stringify({
                consumer: { name: 'Some Consumer' },
                provider: { name: 'Some Provider' },
                interactions: [],
              }),
            ).toString('base64'),
          },
        ],
      })
      .expect(200);
    const [triggered] = await broker.prisma.triggeredWebhook.findMany();
    expect(triggered).not.to.equal(undefined);
    await request(broker.server).delete(`/webhooks/${uuid}`).expect(204);
    expect(await broker.prisma.triggeredWebhook.count()).to.equal(1);
    const kept = await request(broker.server).get(`/triggered-webhooks/${triggered!.uuid}`).expect(200);
    expect(kept.body).to.include({ eventName: 'contract_content_changed' });
    await request(broker.server).get(`/triggered-webhooks/${triggered!.uuid}/logs`).expect(200);
  });

  // ref: spec/features/edit_webhook_spec.rb: "returns a 400"
  it('PUT with invalid attributes answers 400', async () => {
    await request(broker.server).put(`/webhooks/${uuid}`).send({}).expect(400);
  });

  // ref: spec/features/edit_webhook_spec.rb: "returns the validation errors"
  it('PUT with invalid attributes lists the validation errors', async () => {
    const res = await request(broker.server).put(`/webhooks/${uuid}`).send({});
    expect(res.body.errors).to.be.an('object').that.is.not.empty;
  });

  // ref: spec/features/edit_webhook_spec.rb: "does not update the webhook"
  it('PUT with invalid attributes leaves the webhook as it was', async () => {
    await request(broker.server)
      .put(`/webhooks/${uuid}`)
      .send({ request: { method: 'GET' } })
      .expect(400);
    const webhook = (await request(broker.server).get(`/webhooks/${uuid}`).expect(200)).body;
    expect(webhook.request).to.include({ method: 'POST', url: 'https://example.org/hook' });
  });

  // ref: spec/features/edit_webhook_spec.rb: "returns a 200 response"
  it('PUT with valid attributes answers 200', async () => {
    await request(broker.server).put(`/webhooks/${uuid}`).send(webhookBody('https://bar.com')).expect(200);
  });

  // ref: spec/features/edit_webhook_spec.rb: "returns a JSON Content Type"
  it('PUT answers in HAL JSON', async () => {
    const res = await request(broker.server).put(`/webhooks/${uuid}`).send(webhookBody('https://bar.com'));
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/edit_webhook_spec.rb: "updates the webhook"
  it('PUT replaces the request', async () => {
    await request(broker.server).put(`/webhooks/${uuid}`).send(webhookBody('https://bar.com')).expect(200);
    const webhook = (await request(broker.server).get(`/webhooks/${uuid}`).expect(200)).body;
    expect(webhook.request.url).to.equal('https://bar.com');
  });

  // ref: spec/features/update_webhook_spec.rb: "returns the newly created webhook"
  it('PUT answers the updated webhook', async () => {
    const res = await request(broker.server)
      .put(`/webhooks/${uuid}`)
      .send(
        webhookBody('https://example.org', {
          description: 'trigger build',
          consumer: { name: 'Some Consumer' },
          enabled: false,
          events: [{ name: 'contract_published' }],
        }),
      )
      .expect(200);
    expect(res.body).to.include({ description: 'trigger build', enabled: false });
    expect(res.body.events).to.deep.equal([{ name: 'contract_published' }]);
  });
});
