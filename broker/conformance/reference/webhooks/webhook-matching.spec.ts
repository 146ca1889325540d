// Ported from the Pact Broker's webhook repository spec (spec/lib/pact_broker/webhooks/repository_spec.rb):
// which webhooks a publication triggers (by name, by label, enabled or not), what deleting a pacticipant
// takes with it, and how a stored webhook comes back. Observed over HTTP: a publication, then what was
// triggered (nothing is delivered: no worker runs here).
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { publish } from './webhook-client.ts';

describe('reference: which webhooks a publication triggers (repository_spec.rb, find_webhooks_to_trigger)', () => {
  const broker = useBroker();

  const webhook = (description: string, scope: Record<string, unknown> = {}, enabled = true) =>
    request(broker.server)
      .post('/webhooks')
      .send({
        description,
        enabled,
        ...scope,
        events: [{ name: 'contract_published' }],
        request: { method: 'POST', url: 'https://ci.example/hook' },
      })
      .expect(201);
  const label = (pacticipant: string, name: string) =>
    request(broker.server).put(`/pacticipants/${pacticipant}/labels/${name}`).send({}).expect(201);
  /** Publishes Consumer's pact with Provider; answers the descriptions of the webhooks it triggered. */
  const triggeredBy = async (consumer = 'Consumer', provider = 'Provider') => {
    await publish(broker, { consumer, version: '1', provider });
    const rows = await broker.prisma.triggeredWebhook.findMany({ include: { webhook: true } });
    return rows.map((row) => row.webhook?.description);
  };

  beforeEach(() => broker.data().pacticipant('Consumer').pacticipant('Provider'));

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "does not use a policy"
  it('an enabled webhook for every pact is triggered', async () => {
    await webhook('Enabled webhook');
    expect(await triggeredBy()).to.deep.equal(['Enabled webhook']);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds no webhooks to trigger"
  it('a disabled webhook is not', async () => {
    await webhook('Disabled webhook', {}, false);
    expect(await triggeredBy()).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds one webhook to trigger"
  it('a webhook for the consumer and every provider is', async () => {
    await webhook('Right webhook', { consumer: { name: 'Consumer' } });
    expect(await triggeredBy()).to.deep.equal(['Right webhook']);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds no webhooks to trigger"
  it('a webhook for the consumer and another provider is not', async () => {
    await broker.data().pacticipant('Other');
    await webhook('Wrong webhook', { consumer: { name: 'Consumer' }, provider: { name: 'Other' } });
    expect(await triggeredBy()).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds one webhook to trigger"
  it("a webhook for the consumer's label is", async () => {
    await label('Consumer', 'my_label');
    await webhook('Labeled webhook', { consumer: { label: 'my_label' } });
    expect(await triggeredBy()).to.deep.equal(['Labeled webhook']);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds one webhook to trigger"
  it("a webhook for the consumer's label and this provider is", async () => {
    await label('Consumer', 'my_label');
    await webhook('Labeled webhook', { consumer: { label: 'my_label' }, provider: { name: 'Provider' } });
    expect(await triggeredBy()).to.deep.equal(['Labeled webhook']);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds no webhooks to trigger"
  it('a webhook for a label the consumer does not have is not', async () => {
    await label('Consumer', 'other_label');
    await webhook('Labeled webhook', { consumer: { label: 'my_label' } });
    expect(await triggeredBy()).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds one webhook to trigger"
  it("a webhook for the provider's label is", async () => {
    await label('Provider', 'my_label');
    await webhook('Labeled webhook', { provider: { label: 'my_label' } });
    expect(await triggeredBy()).to.deep.equal(['Labeled webhook']);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds one webhook to trigger"
  it("a webhook for the provider's label and this consumer is", async () => {
    await label('Provider', 'my_label');
    await webhook('Labeled webhook', { consumer: { name: 'Consumer' }, provider: { label: 'my_label' } });
    expect(await triggeredBy()).to.deep.equal(['Labeled webhook']);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "find no webhooks to trigger"
  it('a webhook for a label the provider does not have is not', async () => {
    await label('Provider', 'other_label');
    await webhook('Labeled webhook', { provider: { label: 'my_label' } });
    expect(await triggeredBy()).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "finds one webhook to trigger"
  it("a webhook for the consumer's and the provider's labels is, and only for that pair", async () => {
    await label('Consumer', 'consumer_label');
    await label('Provider', 'provider_label');
    await webhook('Labeled webhook', { consumer: { label: 'consumer_label' }, provider: { label: 'provider_label' } });
    expect(await triggeredBy()).to.deep.equal(['Labeled webhook']);
    await broker.data().pacticipant('Unlabelled');
    await publish(broker, { consumer: 'Unlabelled', version: '1', provider: 'Provider' });
    expect(await broker.prisma.triggeredWebhook.count()).to.equal(1);
  });
});

describe('reference: deleting a pacticipant takes its webhooks (repository_spec.rb, delete_by_pacticipant)', function () {
  this.timeout(30_000);
  const broker = useBroker();
  const webhookFor = (uuid: string, consumer: string, provider: string) =>
    request(broker.server)
      .put(`/webhooks/${uuid}`)
      .send({
        consumer: { name: consumer },
        provider: { name: provider },
        events: [{ name: 'contract_published' }],
        request: { method: 'POST', url: 'https://ci.example/hook' },
      })
      .expect(201);
  beforeEach(async () => {
    await broker
      .data()
      .pacticipant('other-consumer')
      .pacticipant('other-provider')
      .pacticipant('foo')
      .pacticipant('bar');
    await webhookFor('other-uuid-0123456789', 'other-consumer', 'other-provider');
    await webhookFor('webhook-1234-0123456789', 'foo', 'bar');
    await webhookFor('webhook-5555-0123456789', 'foo', 'bar');
    await publish(broker, { consumer: 'other-consumer', version: '1', provider: 'other-provider' });
    await publish(broker, { consumer: 'foo', version: '1', provider: 'bar' });
    // As if its resource were deleted already: its triggered webhook stays.
    await request(broker.server).delete('/webhooks/webhook-5555-0123456789').expect(204);
  });

  for (const role of ['consumer', 'provider'] as const) {
    const name = role === 'consumer' ? 'foo' : 'bar';

    // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "deletes the matching webhook"
    it(`deleting the ${role} deletes its webhook`, async () => {
      await request(broker.server).delete(`/pacticipants/${name}`).expect(204);
      await request(broker.server).get('/webhooks/webhook-1234-0123456789').expect(404);
    });

    // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "does not delete the unmatching webhooks"
    it(`deleting the ${role} keeps the other webhooks`, async () => {
      await request(broker.server).delete(`/pacticipants/${name}`).expect(204);
      expect((await broker.prisma.webhook.findMany()).map((row) => row.uuid)).to.deep.equal(['other-uuid-0123456789']);
    });

    // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "deletes the triggered webhooks"
    it(`deleting the ${role} deletes what its webhooks triggered, the deleted webhook's too`, async () => {
      expect(await broker.prisma.triggeredWebhook.count()).to.equal(3);
      await request(broker.server).delete(`/pacticipants/${name}`).expect(204);
      expect(await broker.prisma.triggeredWebhook.count()).to.equal(1);
    });
  }
});

describe('reference: a stored webhook comes back as it was given (repository_spec.rb, create and find_by_uuid)', () => {
  const broker = useBroker();
  beforeEach(() => broker.data().pacticipant('Consumer').pacticipant('Provider'));
  const given = {
    consumer: { name: 'Consumer' },
    provider: { name: 'Provider' },
    events: [{ name: 'contract_published' }, { name: 'contract_content_changed' }],
    request: {
      method: 'POST',
      url: 'https://ci.example/hook',
      headers: { 'content-type': 'application/json' },
      body: { some: 'body' },
      username: 'username',
      password: 'password',
    },
  };
  const read = async (body: Record<string, unknown> = given) => {
    await request(broker.server).put('/webhooks/a-webhook-0123456789').send(body).expect(201);
    return (await request(broker.server).get('/webhooks/a-webhook-0123456789').expect(200)).body;
  };

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "saves webhook"
  it('saves it', async () => {
    await read();
    expect(await broker.prisma.webhook.count()).to.equal(1);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "saves the webhook events"
  it('keeps its events', async () => {
    expect((await read()).events).to.deep.equal(given.events);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "returns a webhook with the consumer set"
  it('keeps its consumer and provider', async () => {
    expect(await read()).to.deep.include({ consumer: { name: 'Consumer' }, provider: { name: 'Provider' } });
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "returns a webhook with the headers set"
  it('keeps its request: URL, headers, body, username', async () => {
    expect((await read()).request).to.deep.include({
      url: 'https://ci.example/hook',
      headers: { 'content-type': 'application/json' },
      body: { some: 'body' },
      username: 'username',
    });
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "returns a webhook with a updated_at date"
  it('has its created and updated dates', async () => {
    const webhook = await read();
    expect(Date.parse(webhook.createdAt)).not.to.be.NaN;
    expect(Date.parse(webhook.updatedAt)).not.to.be.NaN;
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "returns the body as the XML String, not an JSON Object"
  it('keeps an XML body as the string it was', async () => {
    const webhook = await read({ ...given, request: { ...given.request, body: '<xml>foo</xml>' } });
    expect(webhook.request.body).to.equal('<xml>foo</xml>');
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "does not blow up"
  it('has no optional parts it was not given', async () => {
    const webhook = await read({ events: given.events, request: { method: 'POST', url: 'https://ci.example/hook' } });
    expect(webhook.request).to.deep.equal({ method: 'POST', url: 'https://ci.example/hook' });
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "returns nil"
  it('an unknown uuid is not found', async () => {
    await request(broker.server).get('/webhooks/unknown-0123456789').expect(404);
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "removes the existing consumer or provider"
  it('an update without a consumer or provider removes them', async () => {
    await read();
    const updated = await request(broker.server)
      .put('/webhooks/a-webhook-0123456789')
      .send({ events: given.events, request: given.request })
      .expect(200);
    expect(updated.body).not.to.have.property('consumer');
    expect(updated.body).not.to.have.property('provider');
  });

  // ref: spec/lib/pact_broker/webhooks/repository_spec.rb: "returns a list of webhooks"
  it('lists every webhook', async () => {
    await read();
    await request(broker.server).post('/webhooks').send({ events: given.events, request: given.request }).expect(201);
    expect((await request(broker.server).get('/webhooks')).body._links['pb:webhooks']).to.have.length(2);
  });
});
