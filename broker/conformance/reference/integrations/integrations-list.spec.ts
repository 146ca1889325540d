// Ported from the Pact Broker's spec/features/get_integrations_spec.rb (the list, its `q` filter and
// paging), the `DELETE /integrations` of api/resources/integrations.rb (integrations/service_spec.rb's
// delete_all), and the `q` filter of spec/lib/pact_broker/pacticipants/repository_spec.rb ("#find"),
// observed over HTTP.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

type Named = { consumer: { name: string }; provider: { name: string } };
const pairs = (body: { _embedded: { integrations: Named[] } }) =>
  body._embedded.integrations.map((row) => `${row.consumer.name} -> ${row.provider.name}`).sort();

describe('reference: the integrations list (features/get_integrations_spec.rb)', () => {
  const broker = useBroker();
  const list = (query: Record<string, string> = {}) =>
    request(broker.server).get('/integrations').query(query).set('Accept', 'application/hal+json');

  beforeEach(async () => {
    await broker.data().consumer('Foo').version('1').pact('Bar');
    await broker.data().consumer('Apple').version('1').pact('Pear');
    await broker.data().consumer('Dog').version('1').pact('Cat');
  });

  // ref: spec/features/get_integrations_spec.rb: "returns a json body with embedded integrations"
  it('answers HAL JSON with every integration embedded', async () => {
    const res = await list().expect(200);
    expect(res.headers['content-type']).to.match(/^application\/hal\+json/);
    expect(pairs(res.body)).to.deep.equal(['Apple -> Pear', 'Dog -> Cat', 'Foo -> Bar']);
  });

  // ref: spec/features/get_integrations_spec.rb: "includes the pagination relations"
  it('with size and page, links the next page', async () => {
    const res = await list({ size: '2', page: '1' }).expect(200);
    expect(res.body._embedded.integrations).to.have.length(2);
    expect(res.body._links.next.href).to.equal(`${broker.url}/integrations?size=2&page=2`);
    const second = await list({ size: '2', page: '2' }).expect(200);
    expect(second.body._embedded.integrations).to.have.length(1);
    expect(second.body._links.previous.href).to.equal(`${broker.url}/integrations?size=2&page=1`);
    expect(second.body._links).not.to.have.property('next');
  });

  // ref: spec/features/get_integrations_spec.rb: "includes the page details"
  it('with size and page, answers the page details', async () => {
    const res = await list({ size: '2', page: '1' }).expect(200);
    expect(res.body.page).to.deep.equal({ number: 1, size: 2, totalElements: 3, totalPages: 2 });
  });

  it('refuses a page that is not a whole number with a 400 naming it', async () => {
    const res = await list({ size: 'x' }).expect(400);
    expect(res.body.errors).to.have.property('size');
  });

  // ref: spec/features/get_integrations_spec.rb: "returns only the integrations with a consumer or provider name including the given string"
  it('with q, keeps the integrations whose consumer or provider name contains it', async () => {
    expect(pairs((await list({ q: 'pp' }).expect(200)).body)).to.deep.equal(['Apple -> Pear']);
  });

  // ref: spec/features/get_integrations_spec.rb: "returns only the integrations with a consumer or provider name including the given string"
  it('with q matching names in two integrations, answers both', async () => {
    expect(pairs((await list({ q: 'o' }).expect(200)).body)).to.deep.equal(['Dog -> Cat', 'Foo -> Bar']);
  });

  // ref: spec/features/get_integrations_spec.rb: "returns only the integrations with a consumer or provider name including the given string"
  it('with q matching both names of one integration, answers it once', async () => {
    expect(pairs((await list({ q: 'e' }).expect(200)).body)).to.deep.equal(['Apple -> Pear']);
  });

  // ref: spec/features/get_integrations_spec.rb: "returns empty integrations array"
  it('with q matching no name, answers an empty list', async () => {
    expect((await list({ q: 'x' }).expect(200)).body._embedded.integrations).to.deep.equal([]);
  });

  it('q ignores case and takes % and _ literally', async () => {
    expect(pairs((await list({ q: 'APP' }).expect(200)).body)).to.deep.equal(['Apple -> Pear']);
    expect((await list({ q: '%' }).expect(200)).body._embedded.integrations).to.deep.equal([]);
  });

  // ref: spec/features/get_integrations_spec.rb: "returns a dot file"
  it('with q, the Graphviz graph has only the matching integrations', async () => {
    const res = await request(broker.server).get('/integrations?q=o').set('Accept', 'text/vnd.graphviz').expect(200);
    expect(res.text).to.include('Foo -> Bar').and.to.include('Dog -> Cat').and.not.to.include('Apple');
  });
});

describe('reference: deleting every integration (api/resources/integrations.rb DELETE)', () => {
  const broker = useBroker();

  beforeEach(async () => {
    await broker.data().environment('test');
    await broker
      .data()
      .consumer('Foo')
      .version('1', { branch: 'main', tags: ['prod'] })
      .deployedTo('test')
      .pact('Bar')
      .verifiedBy('2')
      .webhook('d3e4b2a1-0000-4000-8000-000000000001', { consumer: 'Foo' });
  });

  // ref: spec/lib/pact_broker/integrations/service_spec.rb: "doesn't blow up"
  it('answers 204 and removes every pacticipant with its versions, pacts, verifications and webhooks; environments stay', async () => {
    await request(broker.server).delete('/integrations').expect(204);
    const db = broker.prisma;
    const left = await Promise.all([
      db.pacticipant.count(),
      db.version.count(),
      db.integration.count(),
      db.pactPublication.count(),
      db.pactVersion.count(),
      db.verification.count(),
      db.webhook.count(),
      db.tag.count(),
      db.branch.count(),
      db.deployedVersion.count(),
    ]);
    expect(left).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await db.environment.count()).to.equal(1);
    expect((await request(broker.server).get('/integrations').expect(200)).body._embedded.integrations).to.deep.equal(
      [],
    );
  });

  it('needs write access: a read-only user is refused and nothing is deleted', async () => {
    // A second app on the same database, with read-only and read-write users.
    const { createBrokerApp } = await import('../../../app.ts');
    const { brokerConfig } = await import('../../../config.ts');
    const { pino } = await import('pino');
    const app = createBrokerApp({
      prisma: broker.prisma,
      logger: pino({ level: 'silent' }),
      config: brokerConfig({
        auth: {
          readWrite: { username: 'admin', password: 'pw' },
          readOnly: { username: 'reader', password: 'pw' },
          readWriteTokens: [],
          readOnlyTokens: [],
          allowPublicRead: false,
        },
      }),
    });
    await request(app).delete('/integrations').auth('reader', 'pw').expect(403);
    expect(await broker.prisma.pacticipant.count()).to.equal(2);
  });
});

describe('reference: the pacticipants list q filter (pacticipants/repository_spec.rb "#find")', () => {
  const broker = useBroker();
  const names = (body: { _embedded: { pacticipants: { name: string }[] } }) =>
    body._embedded.pacticipants.map((pacticipant) => pacticipant.name);

  beforeEach(async () => {
    await broker.data().pacticipant('Foo').pacticipant('Bar').pacticipant('Wiffle');
    for (const [name, label] of [
      ['Foo', 'in'],
      ['Bar', 'in'],
      ['Bar', 'blah'],
      ['Wiffle', 'out'],
    ])
      await request(broker.server).put(`/pacticipants/${name}/labels/${label}`).expect(201);
  });

  // ref: spec/lib/pact_broker/pacticipants/repository_spec.rb: "returns the pacticipants with the given label"
  it('with q, answers the pacticipants whose name contains it, without case', async () => {
    expect(names((await request(broker.server).get('/pacticipants?q=wif').expect(200)).body)).to.deep.equal(['Wiffle']);
  });

  // ref: spec/lib/pact_broker/pacticipants/repository_spec.rb: "returns only the pacticipants matching both the label and the query string"
  it('with a label and q, answers only the pacticipants matching both', async () => {
    const res = await request(broker.server).get('/pacticipants/label/in?q=oo').expect(200);
    expect(names(res.body)).to.deep.equal(['Foo']);
  });
});
