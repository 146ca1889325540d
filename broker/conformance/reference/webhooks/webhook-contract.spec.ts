// Ported from the Pact Broker's webhook validation and representation specs
// (spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb and spec/lib/pact_broker/api/decorators/
// {webhook,webhooks,webhook_request_template}_decorator_spec.rb): what a webhook definition must be,
// and how a webhook is shown.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

/** The reference's fixture webhook_valid_with_pacticipants.json. */
const valid = () => ({
  events: [{ name: 'contract_content_changed' }],
  consumer: { name: 'Foo' } as Record<string, unknown>,
  provider: { name: 'Bar' } as Record<string, unknown>,
  request: {
    method: 'POST',
    url: 'HTTPS://some.url',
    username: 'username',
    password: 'password',
    headers: { Accept: 'application/json' },
    body: { a: 'body' },
  } as Record<string, unknown>,
});

describe('reference: what a webhook definition must be (webhook_contract_spec.rb)', () => {
  const broker = useBroker();
  beforeEach(() => broker.data().consumer('Foo').provider('Bar'));

  const errorsOf = async (body: unknown) => {
    const res = await request(broker.server)
      .post('/webhooks')
      .send(body as object);
    return res.status === 201 ? {} : (res.body.errors as Record<string, string[]>);
  };
  const withChange = (change: (hash: ReturnType<typeof valid>) => void) => {
    const hash = valid();
    change(hash);
    return hash;
  };

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "is empty"
  it('accepts the valid definition', async () => {
    expect(await errorsOf(valid())).to.deep.equal({});
  });

  for (const role of ['consumer', 'provider'] as const) {
    // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error"
    it(`refuses a null ${role} name: "${role}.name" cannot be blank`, async () => {
      const errors = await errorsOf(withChange((hash) => (hash[role].name = null)));
      expect(errors[`${role}.name`]![0]).to.match(/cannot be blank/);
    });

    // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error"
    it(`refuses a ${role} with neither name nor label: "${role}.name" cannot be blank`, async () => {
      const errors = await errorsOf(withChange((hash) => delete hash[role].name));
      expect(errors[`${role}.name`]![0]).to.match(/cannot be blank/);
    });

    // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains no errors"
    it(`accepts a webhook without a ${role}`, async () => {
      expect(await errorsOf(withChange((hash) => delete (hash as Partial<typeof hash>)[role]))).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains no errors"
    it(`refuses a ${role} name that matches no pacticipant`, async () => {
      const errors = await errorsOf(withChange((hash) => (hash[role].name = 'Nobody')));
      expect(errors[`${role}.name`]![0]).to.match(/does not match an existing pacticipant/);
    });

    // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains no errors"
    it(`accepts a ${role} given by label`, async () => {
      const hash = withChange((each) => {
        delete each[role].name;
        each[role].label = 'my_label';
      });
      expect(await errorsOf(hash)).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains consumer.label error"
    it(`refuses a ${role} given by both name and label: "${role}.label"`, async () => {
      const errors = await errorsOf(withChange((hash) => (hash[role].label = 'my_label')));
      expect(errors[`${role}.label`]![0]).to.match(/name and label cannot both be given/);
    });
  }

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for missing request"
  it('refuses a webhook without a request', async () => {
    expect((await errorsOf({})).request![0]).to.match(/required/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "does not contain an error for missing event, as it will be defaulted"
  it('accepts a webhook without events, listening to contract_content_changed', async () => {
    const hash: Partial<ReturnType<typeof valid>> = valid();
    delete hash.events;
    const res = await request(broker.server).post('/webhooks').send(hash).expect(201);
    expect(res.body.events).to.deep.equal([{ name: 'contract_content_changed' }]);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for missing request"
  it('refuses an empty list of events', async () => {
    expect((await errorsOf(withChange((hash) => (hash.events = [])))).events![0]).to.match(/at least one/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error"
  it('refuses an unknown event name', async () => {
    const errors = await errorsOf(withChange((hash) => (hash.events = [{ name: 'foo' }])));
    expect(Object.values(errors).flat()[0]).to.match(/must be one of/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for missing method"
  it('refuses a request without a method', async () => {
    const errors = await errorsOf(withChange((hash) => delete hash.request.method));
    expect(errors['request.method']![0]).to.match(/required/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for invalid method"
  it('refuses a method that is not an HTTP method', async () => {
    const errors = await errorsOf(withChange((hash) => (hash.request.method = 'blah')));
    expect(errors['request.method']).to.deep.equal(['is not a known HTTP method']);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for the URL"
  it('refuses a scheme that is not allowed, naming the allowed one', async () => {
    const errors = await errorsOf(withChange((hash) => (hash.request.url = 'ftp://foo')));
    expect(errors['request.url']![0]).to.match(/^scheme must be https .*\/doc\/webhooks#whitelist/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for invalid method"
  it('refuses a method that is not allowed, naming the one allowed', async () => {
    const errors = await errorsOf(withChange((hash) => (hash.request.method = 'DELETE')));
    expect(errors['request.method']![0]).to.match(/^must be POST .*\/doc\/webhooks#whitelist/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "when the host whitelist is empty"
  it('with no host whitelist, accepts a public host without looking it up', async () => {
    expect(await errorsOf(valid())).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for missing URL"
  it('refuses a request without a URL', async () => {
    const errors = await errorsOf(withChange((hash) => delete hash.request.url));
    expect(errors['request.url']![0]).to.match(/required/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for invalid URL"
  it('refuses a URL that is not one ("bl ah")', async () => {
    const errors = await errorsOf(withChange((hash) => (hash.request.url = 'bl ah')));
    expect(errors['request.url']![0]).to.match(/is not a valid URL/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for invalid URL"
  it('refuses a URL without a scheme ("blah")', async () => {
    const errors = await errorsOf(withChange((hash) => (hash.request.url = 'blah')));
    expect(errors['request.url']![0]).to.match(/is not a valid URL/);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "is empty"
  it('accepts template variables in the path', async () => {
    const hash = withChange((each) => (each.request.url = 'https://foo/commits/${pactbroker.consumerVersionNumber}'));
    expect(await errorsOf(hash)).to.deep.equal({});
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error"
  it('refuses a template variable in the host', async () => {
    const errors = await errorsOf(
      withChange((hash) => (hash.request.url = 'https://${pactbroker.consumerVersionNumber}/commits')),
    );
    expect(errors['request.url']).to.deep.equal(['cannot have a template variable in its host']);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for invalid URL"
  it('refuses an enabled flag that is not a boolean', async () => {
    const errors = await errorsOf({ ...valid(), enabled: 'foo' });
    expect(errors.enabled).to.deep.equal(['must be true or false']);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error"
  it('refuses a method with line breaks in it', async () => {
    const errors = await errorsOf(withChange((hash) => (hash.request.method = 'Post%0d%0a')));
    expect(errors['request.method']).to.deep.equal(['is not a known HTTP method']);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "is_expected.to be_empty"
  it('accepts a uuid in the UUID format', async () => {
    await request(broker.server).put('/webhooks/28f40dc2-1e46-4b08-ba7c-1184892fac13').send(valid()).expect(201);
  });

  for (const invalid of ['HIJKLMNOP', 'abcdefghigHIJKLMNOP\\', 'abcdefghigHIJKLMNOP#', 'abcdefghigHIJKLMNOP$']) {
    // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "its([:uuid, 0]) { is_expected.to match \"can only contain\" }"
    it(`refuses the uuid ${JSON.stringify(invalid)}`, async () => {
      const res = await request(broker.server)
        .put(`/webhooks/${encodeURIComponent(invalid)}`)
        .send(valid());
      expect(res.status).to.equal(400);
      expect(res.body.errors.uuid[0]).to.match(/letter, a digit/);
    });
  }
});

describe('reference: the host whitelist (webhook_contract_spec.rb, with a whitelist)', () => {
  const broker = useBroker({ config: { webhookHosts: ['some.url', '*.foo.com'], webhookAllowPublicHosts: false } });
  beforeEach(() => broker.data().consumer('Foo').provider('Bar'));

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "validates the host"
  it('accepts a whitelisted host', async () => {
    await request(broker.server).post('/webhooks').send(valid()).expect(201);
  });

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error"
  it('refuses a host that is not whitelisted', async () => {
    const hash = valid();
    hash.request.url = 'https://other.url';
    const res = await request(broker.server).post('/webhooks').send(hash).expect(400);
    expect(res.body.errors['request.url'][0]).to.match(/host other\.url is not allowed/);
  });
});

describe('reference: the allowed methods when there are several (webhook_contract_spec.rb)', () => {
  const broker = useBroker({ config: { webhookMethods: ['POST', 'GET'] } });
  beforeEach(() => broker.data().consumer('Foo').provider('Bar'));

  // ref: spec/lib/pact_broker/api/contracts/webhook_contract_spec.rb: "contains an error for invalid method"
  it('names them all', async () => {
    const res = await request(broker.server)
      .post('/webhooks')
      .send({ ...valid(), request: { ...valid().request, method: 'DELETE' } })
      .expect(400);
    expect(res.body.errors['request.method'][0]).to.match(/^must be one of POST, GET/);
  });
});

describe('reference: how a webhook is shown (webhook_decorator_spec.rb and friends)', () => {
  const broker = useBroker();
  beforeEach(() => broker.data().consumer('Consumer').provider('Provider'));

  const given = {
    description: 'Trigger build',
    consumer: { name: 'Consumer' },
    provider: { name: 'Provider' },
    enabled: false,
    events: [{ name: 'contract_published' }],
    request: {
      method: 'POST',
      url: 'https://example.org/hook',
      headers: { 'content-type': 'application/json' },
      body: { some: 'body' },
    },
  };
  const create = async (body: Record<string, unknown> = given) =>
    (await request(broker.server).put('/webhooks/some-uuid-0123456789').send(body).expect(201)).body;

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes the description"
  it('includes the description', async () => {
    expect((await create()).description).to.equal('Trigger build');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes the request"
  it('includes the request as given', async () => {
    expect((await create()).request).to.deep.equal(given.request);
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes the consumer"
  it('includes the consumer', async () => {
    expect((await create()).consumer).to.deep.equal({ name: 'Consumer' });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes the provider"
  it('includes the provider', async () => {
    expect((await create()).provider).to.deep.equal({ name: 'Provider' });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes a link to the consumer"
  it('links to the consumer', async () => {
    expect((await create())._links['pb:consumer']).to.include({
      name: 'Consumer',
      href: `${broker.url}/pacticipants/Consumer`,
    });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes a link to the provider"
  it('links to the provider', async () => {
    expect((await create())._links['pb:provider']).to.include({
      name: 'Provider',
      href: `${broker.url}/pacticipants/Provider`,
    });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes a link to itself"
  it('links to itself, with a title', async () => {
    const self = (await create())._links.self;
    expect(self.href).to.equal(`${broker.url}/webhooks/some-uuid-0123456789`);
    expect(self.title).to.equal('Trigger build');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes a link to its parent collection"
  it("links to the pact's webhooks", async () => {
    expect((await create())._links['pb:pact-webhooks'].href).to.equal(
      `${broker.url}/pacts/provider/Provider/consumer/Consumer/webhooks`,
    );
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes a link to the webhooks resource"
  it('links to all webhooks', async () => {
    expect((await create())._links['pb:webhooks'].href).to.equal(`${broker.url}/webhooks`);
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes a link to execute the webhook directly"
  it('links to executing it', async () => {
    expect((await create())._links['pb:execute'].href).to.equal(`${broker.url}/webhooks/some-uuid-0123456789/execute`);
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes the events"
  it('includes the events', async () => {
    expect((await create()).events).to.deep.equal([{ name: 'contract_published' }]);
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes timestamps"
  it('includes when it was created and updated', async () => {
    const webhook = await create();
    expect(Date.parse(webhook.createdAt)).to.be.a('number').and.not.NaN;
    expect(Date.parse(webhook.updatedAt)).to.be.at.least(Date.parse(webhook.createdAt));
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "includes the enabled flag"
  it('includes the enabled flag', async () => {
    expect((await create()).enabled).to.equal(false);
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "does not include the headers"
  it('has no headers key when it has no headers', async () => {
    const webhook = await create({ ...given, request: { method: 'POST', url: 'https://example.org/hook' } });
    expect(webhook.request).not.to.have.property('headers');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "does not include the consumer relation"
  it('without a consumer, has no consumer link', async () => {
    const webhook = await create({ ...given, consumer: undefined });
    expect(webhook._links).not.to.have.property('pb:consumer');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "does not include the pact webhooks relation"
  it("without a consumer, has no link to a pact's webhooks", async () => {
    const webhook = await create({ ...given, consumer: undefined });
    expect(webhook._links).not.to.have.property('pb:pact-webhooks');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "does not include the provider relation"
  it('without a provider, has no provider link', async () => {
    const webhook = await create({ ...given, provider: undefined });
    expect(webhook._links).not.to.have.property('pb:provider');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "does not include the pact webhooks relation"
  it("without a provider, has no link to a pact's webhooks", async () => {
    const webhook = await create({ ...given, provider: undefined });
    expect(webhook._links).not.to.have.property('pb:pact-webhooks');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "redacts them"
  it('redacts sensitive headers', async () => {
    const webhook = await create({ ...given, request: { ...given.request, headers: { Authorization: 'foo' } } });
    expect(webhook.request.headers.authorization).to.equal('**********');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "uses the scope description"
  it("with a blank description, describes it by the request's method and host", async () => {
    const webhook = await create({ ...given, description: ' ' });
    expect(webhook.description).to.equal('POST example.org');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "parses the request method"
  it('reads the request method', async () => {
    expect((await create()).request.method).to.equal('POST');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "parses the request URL"
  it('reads the request URL', async () => {
    expect((await create()).request.url).to.equal('https://example.org/hook');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "parses the request headers"
  it('reads the request headers (names in lower case)', async () => {
    const webhook = await create({
      ...given,
      request: { ...given.request, headers: { 'Content-Type': 'application/json' } },
    });
    expect(webhook.request.headers).to.deep.equal({ 'content-type': 'application/json' });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "parses the request body"
  it('reads the request body', async () => {
    expect((await create()).request.body).to.deep.equal({ some: 'body' });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "parses the events"
  it('reads the events', async () => {
    expect((await create()).events).to.have.length(1);
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "defaults to a single contract_changed event for backwards compatibility"
  it('without events, listens to contract_content_changed', async () => {
    const webhook = await create({ ...given, events: undefined });
    expect(webhook.events).to.deep.equal([{ name: 'contract_content_changed' }]);
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_decorator_spec.rb: "sets the consumer and provider to nil on the decorated object"
  it('an update without a consumer and provider removes them', async () => {
    await create();
    const updated = await request(broker.server)
      .put('/webhooks/some-uuid-0123456789')
      .send({ ...given, consumer: undefined, provider: undefined })
      .expect(200);
    expect(updated.body).not.to.have.property('consumer');
    expect(updated.body).not.to.have.property('provider');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_request_template_decorator_spec.rb: "includes the username"
  it('shows the username', async () => {
    const webhook = await create({
      ...given,
      request: { ...given.request, username: 'username', password: 'password' },
    });
    expect(webhook.request.username).to.equal('username');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_request_template_decorator_spec.rb: "includes the username starred out"
  it('shows the password starred out', async () => {
    const webhook = await create({
      ...given,
      request: { ...given.request, username: 'username', password: 'password' },
    });
    expect(webhook.request.password).to.equal('**********');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_request_template_decorator_spec.rb: "does not include a password key"
  it('has no password key when there is no password', async () => {
    expect((await create()).request).not.to.have.property('password');
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_request_template_decorator_spec.rb: "reads the username"
  it('stores the username', async () => {
    await create({ ...given, request: { ...given.request, username: 'username', password: 'password' } });
    expect((await broker.prisma.webhook.findFirstOrThrow()).request).to.include({ username: 'username' });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhook_request_template_decorator_spec.rb: "reads the password"
  it('stores the password, for sending', async () => {
    await create({ ...given, request: { ...given.request, username: 'username', password: 'password' } });
    expect((await broker.prisma.webhook.findFirstOrThrow()).request).to.include({ password: 'password' });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhooks_decorator_spec.rb: "includes a link to itself with a title"
  it('lists webhooks with a titled self link', async () => {
    const res = await request(broker.server).get('/webhooks').expect(200);
    expect(res.body._links.self).to.deep.equal({ title: 'Webhooks', href: `${broker.url}/webhooks` });
  });

  // ref: spec/lib/pact_broker/api/decorators/webhooks_decorator_spec.rb: "includes a list of links to the webhooks"
  it('lists each webhook by what it is for and its description', async () => {
    await create();
    const res = await request(broker.server).get('/webhooks').expect(200);
    expect(res.body._links['pb:webhooks']).to.deep.equal([
      {
        title: 'Webhook for the pact between Consumer and Provider',
        name: 'Trigger build',
        href: `${broker.url}/webhooks/some-uuid-0123456789`,
      },
    ]);
  });

  // ref: spec/lib/pact_broker/api/decorators/webhooks_decorator_spec.rb: "includes curies"
  it('includes the pb curie', async () => {
    const res = await request(broker.server).get('/webhooks').expect(200);
    expect(res.body._links.curies).to.deep.equal([
      { name: 'pb', href: `${broker.url}/doc/webhooks-{rel}`, templated: true },
    ]);
  });
});
