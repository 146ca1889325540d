// Ported from the Pact Broker's specs of an integration's pact collections (by tag, all versions, by
// branch) and their deletion, the deprecated pact URLs and the pact's webhook link:
// spec/features/{get_tagged_pact_versions,delete_tagged_pact_versions,delete_pact_versions,
// delete_pact_versions_for_branch,get_pact_spec}.rb, spec/lib/pact_broker/api/resources/tagged_pact_versions_spec.rb,
// spec/lib/pact_broker/api/decorators/{tagged_pact_versions,pact}_decorator_spec.rb.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { buildPact } from '../../../testing/test-data.ts';

const HAL = 'application/hal+json;charset=utf-8';

describe('reference: tagged pact versions (features/get_tagged_pact_versions_spec.rb, tagged_pact_versions_spec.rb)', () => {
  const broker = useBroker();
  const path = '/pacts/provider/Provider/consumer/Consumer/tag/prod';

  beforeEach(() =>
    broker
      .data()
      .consumer('Consumer')
      .provider('Provider')
      .consumer('Consumer')
      .version('1.2.3', { tags: ['prod'] })
      .pact('Provider')
      .version('4.5.6')
      .pact('Provider'),
  );

  // ref: spec/features/get_tagged_pact_versions_spec.rb: "returns a 200 HAL JSON response"
  it('answers 200 in HAL JSON', async () => {
    const res = await request(broker.server).get(path).expect(200);
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/get_tagged_pact_versions_spec.rb: "returns the list of tagged pact versions"
  it('lists only the pacts of consumer versions with the tag, as pb:pact-versions', async () => {
    const res = await request(broker.server).get(path).expect(200);
    expect(res.body._links['pb:pact-versions']).to.be.an('array');
    expect(res.body._links['pb:pact-versions'].map((link: { name: string }) => link.name)).to.deep.equal(['1.2.3']);
    expect(res.body._embedded.pacts).to.have.length(1);
  });

  // ref: spec/lib/pact_broker/api/resources/tagged_pact_versions_spec.rb: "returns a 404"
  it('when the consumer does not exist, answers 404', async () => {
    await request(broker.server).get('/pacts/provider/Provider/consumer/Nobody/tag/prod').expect(404);
  });

  // ref: spec/lib/pact_broker/api/decorators/tagged_pact_versions_decorator_spec.rb: "matches the expected JSON"
  it('links itself with a title, and the consumer and provider with names', async () => {
    const res = await request(broker.server).get(path).expect(200);
    expect(res.body._links.self).to.deep.equal({
      href: `${broker.url}${path}`,
      title: 'All versions of the pact between Consumer and Provider with tag prod',
    });
    expect(res.body._links['pb:consumer']).to.deep.equal({
      href: `${broker.url}/pacticipants/Consumer`,
      title: 'Consumer',
      name: 'Consumer',
    });
    expect(res.body._links['pb:provider']).to.include({ title: 'Provider', name: 'Provider' });
    expect(res.body._links['pb:pact-versions'][0].href).to.equal(
      `${broker.url}/pacts/provider/Provider/consumer/Consumer/version/1.2.3`,
    );
  });

  it('is what the index relation pb:tagged-pact-versions names', async () => {
    const index = await request(broker.server).get('/').expect(200);
    const href = (index.body._links['pb:tagged-pact-versions'].href as string)
      .replace('{provider}', 'Provider')
      .replace('{consumer}', 'Consumer')
      .replace('{tag}', 'prod');
    await request(broker.server).get(new URL(href).pathname).expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/tagged_pact_versions_spec.rb: "returns a 200"
  it('DELETE answers 200', async () => {
    await request(broker.server).delete(path).expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/tagged_pact_versions_spec.rb: "deletes all the pacts with the given consumer/provider/tag"
  it('DELETE removes the tagged pacts and keeps the others', async () => {
    await request(broker.server).delete(path).expect(200);
    const left = await broker.prisma.pactPublication.findMany({ include: { consumerVersion: true } });
    expect(left.map((each) => each.consumerVersion.number)).to.deep.equal(['4.5.6']);
  });

  // ref: spec/lib/pact_broker/api/resources/tagged_pact_versions_spec.rb: "returns a link to the latest pact"
  it('DELETE answers a link to the newest pact left', async () => {
    const res = await request(broker.server).delete(path).expect(200);
    expect(res.body._links['pb:latest-pact-version'].href).to.equal(
      `${broker.url}/pacts/provider/Provider/consumer/Consumer/latest`,
    );
  });
});

describe('reference: deleting tagged pact versions (features/delete_tagged_pact_versions_spec.rb)', () => {
  const broker = useBroker();
  const path = '/pacts/provider/Bar/consumer/Foo/tag/prod';

  // ref: spec/features/delete_tagged_pact_versions_spec.rb: "deletes the pact"
  it('deletes the pact', async () => {
    await broker
      .data()
      .consumer('Foo')
      .version('1.2.3', { tags: ['prod'] })
      .pact('Bar');
    await request(broker.server).delete(path);
    expect(await broker.prisma.pactPublication.count()).to.equal(0);
  });

  // ref: spec/features/delete_tagged_pact_versions_spec.rb: "returns a 200"
  it('answers 200', async () => {
    await broker
      .data()
      .consumer('Foo')
      .version('1.2.3', { tags: ['prod'] })
      .pact('Bar');
    await request(broker.server).delete(path).expect(200);
  });

  // ref: spec/features/delete_tagged_pact_versions_spec.rb: "returns a 404 Not Found"
  it('when the pact does not exist, answers 404', async () => {
    await request(broker.server).delete(path).expect(404);
  });
});

describe('reference: deleting all pact versions of an integration (features/delete_pact_versions_spec.rb)', () => {
  const broker = useBroker();
  const path = '/pacts/provider/Bar/consumer/Foo/versions';

  const build = () => broker.data().consumer('Foo').version('1.2.3').pact('Bar').pact('Baz');

  // ref: spec/features/delete_pact_versions_spec.rb: "deletes the pacts"
  it("deletes the integration's pacts and no other", async () => {
    await build();
    await request(broker.server).delete(path);
    const left = await broker.prisma.pactPublication.findMany({ include: { provider: true } });
    expect(left.map((each) => each.provider.name)).to.deep.equal(['Baz']);
  });

  // ref: spec/features/delete_pact_versions_spec.rb: "returns a 204"
  it('answers 204', async () => {
    await build();
    await request(broker.server).delete(path).expect(204);
  });

  // ref: spec/features/delete_pact_versions_spec.rb: "returns a 404 Not Found"
  it('when the pact does not exist, answers 404', async () => {
    await request(broker.server).delete(path).expect(404);
  });
});

describe('reference: deleting the pact versions of a branch (features/delete_pact_versions_for_branch_spec.rb)', () => {
  const broker = useBroker();
  const path = '/pacts/provider/Bar/consumer/Foo/branch/main';

  const build = () =>
    broker
      .data()
      .consumer('Foo')
      .version('1', { branch: 'main' })
      .pact('Bar')
      .version('2', { branch: 'not-main' })
      .pact('Bar')
      .consumer('NotFoo')
      .version('1', { branch: 'main' })
      .pact('Bar');

  // ref: spec/features/delete_pact_versions_for_branch_spec.rb: "deletes the pacts for the relevant branch"
  it("deletes only the branch's pacts of this integration", async () => {
    await build();
    await request(broker.server).delete(path);
    const left = await broker.prisma.pactPublication.findMany({ include: { consumer: true, consumerVersion: true } });
    expect(left.map((each) => `${each.consumer.name} ${each.consumerVersion.number}`).sort()).to.deep.equal([
      'Foo 2',
      'NotFoo 1',
    ]);
  });

  // ref: spec/features/delete_pact_versions_for_branch_spec.rb: "returns a 200"
  it('answers 200', async () => {
    await build();
    await request(broker.server).delete(path).expect(200);
  });

  // ref: spec/features/delete_pact_versions_for_branch_spec.rb: "returns a 404 Not Found"
  it('when the pact does not exist, answers 404', async () => {
    await request(broker.server).delete(path).expect(404);
  });
});

describe('reference: deprecated pact URLs (api.rb routes marked deprecated)', () => {
  const broker = useBroker();

  it('GET /pact/.../version/{v} and /pacts/.../versions/{v} answer the same pact as /pacts/.../version/{v}', async () => {
    await broker.data().consumer('Foo').version('1.2.3').pact('Bar');
    const current = await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/1.2.3').expect(200);
    for (const path of [
      '/pact/provider/Bar/consumer/Foo/version/1.2.3',
      '/pacts/provider/Bar/consumer/Foo/versions/1.2.3',
    ]) {
      const res = await request(broker.server).get(path).expect(200);
      expect(res.body.interactions).to.deep.equal(current.body.interactions);
    }
  });

  it('GET /pact/.../latest answers the newest pact', async () => {
    await broker.data().consumer('Foo').version('1').pact('Bar').version('2').pact('Bar');
    const res = await request(broker.server).get('/pact/provider/Bar/consumer/Foo/latest').expect(200);
    expect(res.headers['x-pact-consumer-version']).to.equal('2');
  });

  it('PUT /pact/.../version/{v} publishes a pact, and DELETE there removes it', async () => {
    const path = '/pact/provider/Bar/consumer/Foo/version/1.2.3';
    await request(broker.server).put(path).send(buildPact('Foo', 'Bar')).expect(201);
    expect(await broker.prisma.pactPublication.count()).to.equal(1);
    await request(broker.server).delete(path).expect(204);
    expect(await broker.prisma.pactPublication.count()).to.equal(0);
  });
});

describe("reference: the pact's webhook link (pact_decorator_spec.rb)", () => {
  const broker = useBroker();

  // ref: spec/lib/pact_broker/api/decorators/pact_decorator_spec.rb: "includes a link to the webhooks for this pact"
  it("links pb:pact-webhooks to the pair's webhook collection, which answers", async () => {
    await broker.data().consumer('A Consumer').version('1').pact('A Provider');
    const pact = await request(broker.server).get('/pacts/provider/A%20Provider/consumer/A%20Consumer/version/1');
    const href = pact.body._links['pb:pact-webhooks'].href as string;
    expect(href).to.equal(`${broker.url}/webhooks/provider/A%20Provider/consumer/A%20Consumer`);
    await request(broker.server).get(new URL(href).pathname).expect(200);
  });

  it('the .../webhooks collection under the pact lists the same webhooks', async () => {
    await broker.data().consumer('Consumer').version('1').pact('Provider').webhook('a-uuid-0123456789', {
      consumer: 'Consumer',
      provider: 'Provider',
    });
    const a = await request(broker.server).get('/webhooks/provider/Provider/consumer/Consumer').expect(200);
    const b = await request(broker.server).get('/pacts/provider/Provider/consumer/Consumer/webhooks').expect(200);
    expect(b.body._links['pb:webhooks']).to.deep.equal(a.body._links['pb:webhooks']).and.to.have.length(1);
  });
});
