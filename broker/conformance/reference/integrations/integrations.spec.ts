// Ported from the Pact Broker's integration specs: spec/features/{get_integrations_dot_file,delete_integration}_spec.rb,
// spec/lib/pact_broker/api/resources/group_spec.rb, spec/lib/pact_broker/groups/service_spec.rb and
// spec/lib/pact_broker/api/decorators/relationships_csv_decorator_spec.rb (that example is pending in the
// reference; its documented row layout is checked here).
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

describe('reference: the integrations as a Graphviz graph (features/get_integrations_dot_file_spec.rb)', () => {
  const broker = useBroker();
  const dot = () => request(broker.server).get('/integrations').set('Accept', 'text/vnd.graphviz');

  beforeEach(() => broker.data().consumer('Foo').version('1').pact('Bar'));

  // ref: spec/features/get_integrations_dot_file_spec.rb: "returns a 200 OK"
  it('answers 200', async () => {
    await dot().expect(200);
  });

  // ref: spec/features/get_integrations_dot_file_spec.rb: "returns a dot file content type"
  it('answers text/vnd.graphviz', async () => {
    expect((await dot()).headers['content-type']).to.equal('text/vnd.graphviz;charset=utf-8');
  });

  // ref: spec/features/get_integrations_dot_file_spec.rb: "returns dot file content"
  it('answers a digraph with an edge from consumer to provider', async () => {
    const res = await dot();
    expect(res.text)
      .to.match(/^digraph \{/)
      .and.to.include('Foo -> Bar');
  });

  it('quotes names that are not plain identifiers, so the graph stays valid', async () => {
    await broker.data().consumer('Web "App"').version('1').pact('order-service');
    expect((await dot()).text).to.include('"Web \\"App\\"" -> "order-service"');
  });

  it('without Accept: text/vnd.graphviz, answers HAL JSON as before', async () => {
    const res = await request(broker.server).get('/integrations').expect(200);
    expect(res.body._embedded.integrations).to.have.length(1);
  });
});

describe('reference: deleting an integration (features/delete_integration_spec.rb)', () => {
  const broker = useBroker();
  const path = '/integrations/provider/Bar/consumer/Foo';

  // ref: spec/features/delete_integration_spec.rb: "deletes the resource associated with the integration"
  it("deletes the integration's pacts", async () => {
    await broker.data().consumer('Foo').version('1.2.3').pact('Bar');
    await request(broker.server).delete(path);
    expect(await broker.prisma.pactPublication.count()).to.equal(0);
  });

  // ref: spec/features/delete_integration_spec.rb: "returns a 204"
  it('answers 204', async () => {
    await broker.data().consumer('Foo').version('1.2.3').pact('Bar');
    await request(broker.server).delete(path).expect(204);
  });

  // ref: spec/features/delete_integration_spec.rb: "returns a 404 Not Found"
  it('when the integration does not exist, answers 404', async () => {
    await request(broker.server).delete(path).expect(404);
  });

  it('when both pacticipants exist but have no integration, answers 404', async () => {
    await broker.data().consumer('Foo').version('1').pact('Baz').provider('Bar');
    await request(broker.server).delete(path).expect(404);
    expect(await broker.prisma.pactPublication.count()).to.equal(1);
  });

  it("deletes its verifications, its pair's webhooks and the integration; keeps other integrations and the versions", async () => {
    await broker
      .data()
      .consumer('Foo')
      .version('1')
      .pact('Bar')
      .verifiedBy('7')
      .webhook('pair-webhook-0123456789', { consumer: 'Foo', provider: 'Bar' })
      .webhook('foo-webhook-0123456789', { consumer: 'Foo' })
      .consumer('Foo')
      .version('1')
      .pact('Baz')
      .verifiedBy('8');
    await request(broker.server).delete(path).expect(204);
    const integrations = await broker.prisma.integration.findMany({ include: { provider: true } });
    expect(integrations.map((each) => each.provider.name)).to.deep.equal(['Baz']);
    expect(await broker.prisma.verification.count()).to.equal(1);
    expect((await broker.prisma.webhook.findMany()).map((each) => each.uuid)).to.deep.equal(['foo-webhook-0123456789']);
    expect(await broker.prisma.version.count({ where: { pacticipant: { name: 'Bar' } } })).to.equal(1);
    const list = await request(broker.server).get('/integrations').expect(200);
    expect(
      list.body._embedded.integrations.map((each: { provider: { name: string } }) => each.provider.name),
    ).to.deep.equal(['Baz']);
  });

  it('is linked from the integrations list as pb:delete_integration', async () => {
    await broker.data().consumer('Foo').version('1').pact('Bar');
    const list = await request(broker.server).get('/integrations').expect(200);
    expect(list.body._embedded.integrations[0]._links['pb:delete_integration'].href).to.equal(`${broker.url}${path}`);
  });
});

describe('reference: groups and relationships (api/resources/group_spec.rb, groups/service_spec.rb)', () => {
  const broker = useBroker();

  /** app a -> app x; app b -> app y; app y -> app z; app z -> app y (two groups). */
  const build = () =>
    broker
      .data()
      .consumer('app a')
      .version('1')
      .pact('app x')
      .consumer('app b')
      .version('1')
      .pact('app y')
      .consumer('app y')
      .version('1')
      .pact('app z')
      .consumer('app z')
      .version('1')
      .pact('app y');

  const group = async (query = '') => (await request(broker.server).get(`/groups/app%20b${query}`).expect(200)).text;
  const edges = (csv: string) => {
    const rows = csv
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const nameOf = new Map(rows.map((row) => [row[0], row[1]]));
    return rows
      .flatMap((row) =>
        row
          .slice(6)
          .filter((id) => id !== '0')
          .map((id) => `${row[1]} -> ${nameOf.get(id)}`),
      )
      .sort();
  };

  // ref: spec/lib/pact_broker/groups/service_spec.rb: "returns the Group containing the given pacticipant"
  it("answers the integrations connected to the pacticipant, and no others'", async () => {
    await build();
    expect(edges(await group())).to.deep.equal(['app b -> app y', 'app y -> app z', 'app z -> app y']);
  });

  // ref: spec/lib/pact_broker/groups/service_spec.rb: "stops searching before reaching the end of the group"
  it('with maxPacticipants, stops searching once that many are reached', async () => {
    await build();
    expect(edges(await group('?maxPacticipants=2'))).to.deep.equal(['app b -> app y']);
  });

  // ref: spec/lib/pact_broker/api/resources/group_spec.rb: "returns a 200 response"
  it('answers 200', async () => {
    await build();
    await request(broker.server).get('/groups/app%20b').expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/group_spec.rb: "returns a CSV content type"
  it('answers text/csv', async () => {
    await build();
    expect((await request(broker.server).get('/groups/app%20b')).headers['content-type']).to.equal(
      'text/csv;charset=utf-8',
    );
  });

  // ref: spec/lib/pact_broker/api/resources/group_spec.rb: "returns a 404 response"
  it('when the pacticipant does not exist, answers 404', async () => {
    await request(broker.server).get('/groups/nobody').expect(404);
  });

  // ref: spec/lib/pact_broker/api/resources/group_spec.rb: "returns an empty body"
  it('when the pacticipant has no integrations, answers an empty CSV', async () => {
    await broker.data().pacticipant('alone');
    const res = await request(broker.server).get('/groups/alone').expect(200);
    expect(res.headers['content-type']).to.equal('text/csv;charset=utf-8');
    expect(res.text).to.equal('');
  });

  it('a maxPacticipants that is not a whole number is a 400', async () => {
    await build();
    const res = await request(broker.server).get('/groups/app%20b?maxPacticipants=lots').expect(400);
    expect(res.body.errors).to.have.property('maxPacticipants');
  });

  // ref: spec/lib/pact_broker/api/decorators/relationships_csv_decorator_spec.rb: "returns the relationships as CSV"
  it('/relationships lists every pacticipant: id, name, 1, 1, 0, position, then the ids of its providers, padded with 0', async () => {
    await broker.data().consumer('My Consumer').version('1.0').pact('My Provider');
    const ids = new Map(
      (await broker.prisma.pacticipant.findMany()).map((pacticipant) => [pacticipant.name, pacticipant.id]),
    );
    const res = await request(broker.server).get('/relationships').expect(200);
    expect(res.headers['content-type']).to.equal('text/csv;charset=utf-8');
    expect(res.text).to.equal(
      `${ids.get('My Consumer')},My Consumer,1,1,0,1,${ids.get('My Provider')}\n${ids.get('My Provider')},My Provider,1,1,0,2,0\n`,
    );
  });

  it('/relationships quotes names with commas or quotes', async () => {
    await broker.data().consumer('Shop, "web"').version('1').pact('Bar');
    expect((await request(broker.server).get('/relationships').expect(200)).text).to.include(',"Shop, ""web""",');
  });
});
