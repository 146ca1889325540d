// Ported from the Pact Broker's spec/features/get_environment_versions_spec.rb and
// spec/lib/pact_broker/api/resources/environment_versions_spec.rb: GET
// /pacticipants/{p}/environments/{uuid}/versions, the versions of a pacticipant ever deployed or released to
// an environment, over HTTP.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

interface VersionBody {
  number: string;
  _links: Record<string, { title: string; name: string; href: string }[] | undefined>;
}

describe('reference conformance: versions of a pacticipant in an environment', () => {
  const broker = useBroker();
  const production = randomUUID();
  const path = `/pacticipants/Foo/environments/${production}/versions`;
  const get = (url: string) => request(broker.server).get(url).set('Accept', 'application/hal+json');
  const versions = async (url = path) => (await get(url).expect(200)).body._embedded.versions as VersionBody[];
  const base = () =>
    broker.data().environment('production', { uuid: production }).environment('staging').consumer('Foo');

  // ref: spec/features/get_environment_versions_spec.rb: "is expected to eq 404"
  it('an environment that does not exist: 404', async () => {
    await broker.data().consumer('Foo');
    await get(`/pacticipants/Foo/environments/${randomUUID()}/versions`).expect(404);
  });

  // ref: spec/features/get_environment_versions_spec.rb: "is expected to eq 404"
  it('a pacticipant that does not exist: 404', async () => {
    await base();
    await get(`/pacticipants/Unknown/environments/${production}/versions`).expect(404);
  });

  // ref: spec/features/get_environment_versions_spec.rb: "is expected to eq 200"
  it('nothing deployed or released yet: 200', async () => {
    await base();
    await get(path).expect(200);
  });

  // ref: spec/features/get_environment_versions_spec.rb: "is expected to be a hal json success response"
  it('answers HAL JSON', async () => {
    await base();
    expect((await get(path).expect(200)).headers['content-type']).to.equal('application/hal+json;charset=utf-8');
  });

  // ref: spec/features/get_environment_versions_spec.rb: "returns an empty versions array"
  it('nothing deployed or released yet: an empty list', async () => {
    await base();
    expect(await versions()).to.deep.equal([]);
  });

  describe('one version deployed and another released', () => {
    beforeEach(async () => {
      await base().version('1').deployedTo('production').version('2').releasedTo('production');
    });

    // ref: spec/features/get_environment_versions_spec.rb: "is expected to eq 200"
    it('answers 200', async () => {
      await get(path).expect(200);
    });

    // ref: spec/features/get_environment_versions_spec.rb: "returns both the deployed and released versions"
    it('lists both', async () => {
      expect((await versions()).map((version) => version.number)).to.have.members(['1', '2']);
    });

    // ref: spec/features/get_environment_versions_spec.rb: "includes pb:deployed-environments on the deployed version"
    it('the deployed one links to its deployments', async () => {
      const deployed = (await versions()).find((version) => version.number === '1')!;
      expect(deployed._links['pb:deployed-environments']).to.have.length(1);
    });

    // ref: spec/features/get_environment_versions_spec.rb: "includes pb:released-environments on the released version"
    it('the released one links to its releases', async () => {
      const released = (await versions()).find((version) => version.number === '2')!;
      expect(released._links['pb:released-environments']).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/resources/environment_versions_spec.rb: "contains the expected top-level HAL structure"
    it('has _links with self and _embedded', async () => {
      const body = (await get(path).expect(200)).body;
      expect(body).to.include.keys('_links', '_embedded');
      expect(body._links.self.href).to.be.a('string');
    });

    // ref: spec/lib/pact_broker/api/resources/environment_versions_spec.rb: "returns all versions that have been deployed or released to the environment"
    it('returns every version deployed or released there', async () => {
      expect((await versions()).map((version) => version.number)).to.have.members(['1', '2']);
    });

    // ref: spec/lib/pact_broker/api/resources/environment_versions_spec.rb: "includes pb:deployed-environments with the correct shape on the deployed version"
    it("each deployment link has a title, the environment's display name and an href", async () => {
      const [link] = (await versions()).find((version) => version.number === '1')!._links['pb:deployed-environments']!;
      expect(link).to.include.keys('title', 'name', 'href');
      expect(link!.name).to.equal('Production');
    });

    // ref: spec/lib/pact_broker/api/resources/environment_versions_spec.rb: "includes pb:released-environments with the correct shape on the released version"
    it("each release link has a title, the environment's display name and an href", async () => {
      const [link] = (await versions()).find((version) => version.number === '2')!._links['pb:released-environments']!;
      expect(link).to.include.keys('title', 'name', 'href');
      expect(link!.name).to.equal('Production');
    });
  });

  // ref: spec/features/get_environment_versions_spec.rb: "returns the version only once"
  it('a version both deployed and released appears once', async () => {
    await base().version('1').deployedTo('production').releasedTo('production');
    expect((await versions()).map((version) => version.number)).to.deep.equal(['1']);
  });

  // ref: spec/features/get_environment_versions_spec.rb: "only returns versions for the requested environment"
  it('versions deployed elsewhere are not listed', async () => {
    await base().version('1').deployedTo('production').version('2').deployedTo('staging');
    expect((await versions()).map((version) => version.number)).to.deep.equal(['1']);
  });

  // ref: spec/lib/pact_broker/api/resources/environment_versions_spec.rb: "only returns versions for the requested environment"
  it('versions released elsewhere are not listed', async () => {
    await base().version('1').releasedTo('staging').version('2').releasedTo('production');
    expect((await versions()).map((version) => version.number)).to.deep.equal(['2']);
  });

  describe('paging', () => {
    beforeEach(async () => {
      await base()
        .version('1')
        .deployedTo('production', { applicationInstance: 'a' })
        .version('2')
        .deployedTo('production', { applicationInstance: 'b' })
        .version('3')
        .deployedTo('production', { applicationInstance: 'c' });
    });

    // ref: spec/features/get_environment_versions_spec.rb: "only returns the number of items specified in the size"
    it('size=2 returns two', async () => {
      expect(await versions(`${path}?size=2&page=1`)).to.have.length(2);
    });

    // ref: spec/features/get_environment_versions_spec.rb: "includes the pagination relations"
    it('links to the next page', async () => {
      expect((await get(`${path}?size=2&page=1`).expect(200)).body._links).to.have.property('next');
    });

    // ref: spec/features/get_environment_versions_spec.rb: "includes the page details"
    it('describes the page', async () => {
      const { page } = (await get(`${path}?size=2&page=1`).expect(200)).body;
      expect(page).to.deep.equal({ number: 1, size: 2, totalElements: 3, totalPages: 2 });
    });
  });
});
