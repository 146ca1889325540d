// Ported from the Pact Broker's version specs: spec/features/{create,update,get,delete}_version(s)_spec.rb,
// spec/lib/pact_broker/api/resources/{version,versions}_spec.rb and spec/lib/pact_broker/api/decorators/
// {version,versions,embedded_version}_decorator_spec.rb.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

const HAL = 'application/hal+json;charset=utf-8';
const MERGE_PATCH = 'application/merge-patch+json';

describe('reference: creating and updating a version (features/{create,update}_version_spec.rb)', () => {
  const broker = useBroker();
  const path = '/pacticipants/Foo/versions/1234';
  const versionHash = { buildUrl: 'http://build', tags: [{ name: 'foo' }, { name: 'bar' }] };
  const put = (body: unknown, type = 'application/json') =>
    request(broker.server).put(path).set('Content-Type', type).send(JSON.stringify(body));
  const patch = (body: unknown, type = MERGE_PATCH) =>
    request(broker.server).patch(path).set('Content-Type', type).send(JSON.stringify(body));
  const tagNames = async () =>
    (await broker.prisma.tag.findMany({ where: { version: { number: '1234' } }, orderBy: { name: 'asc' } })).map(
      (tag) => tag.name,
    );

  describe('a new version', () => {
    // ref: spec/features/create_version_spec.rb: "returns a 201 response"
    it('PUT answers 201', async () => {
      await put(versionHash).expect(201);
    });

    // ref: spec/features/create_version_spec.rb: "returns a HAL JSON Content Type"
    it('PUT answers in HAL JSON', async () => {
      expect((await put(versionHash)).headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/create_version_spec.rb: "returns the newly created version"
    it('PUT answers the version with its build URL and tags', async () => {
      const body = (await put(versionHash)).body;
      expect(body).to.include({ buildUrl: 'http://build' });
      expect(body._embedded.tags).to.have.length(2);
    });

    // ref: spec/features/create_version_spec.rb: "creates the specified tags"
    it('PUT creates the tags', async () => {
      await put(versionHash).expect(201);
      expect(await tagNames()).to.deep.equal(['bar', 'foo']);
    });

    // ref: spec/features/create_version_spec.rb: "returns a 201 response"
    it('PATCH answers 201', async () => {
      await patch(versionHash).expect(201);
    });

    // ref: spec/features/create_version_spec.rb: "returns a HAL JSON Content Type"
    it('PATCH answers in HAL JSON', async () => {
      expect((await patch(versionHash)).headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/create_version_spec.rb: "returns the newly created version"
    it('PATCH answers the version with its build URL and tags', async () => {
      const body = (await patch(versionHash)).body;
      expect(body).to.include({ buildUrl: 'http://build' });
      expect(body._embedded.tags).to.have.length(2);
    });

    // ref: spec/features/create_version_spec.rb: "creates the specified tags"
    it('PATCH creates the tags', async () => {
      await patch(versionHash).expect(201);
      expect(await tagNames()).to.deep.equal(['bar', 'foo']);
    });

    // ref: spec/lib/pact_broker/api/resources/version_spec.rb: "its(:status) { is_expected.to eq 201 }"
    it('PUT with an empty body answers 201', async () => {
      await request(broker.server)
        .put('/pacticipants/Foo/versions/1')
        .set('Content-Type', 'application/json')
        .send('')
        .expect(201);
    });

    // ref: spec/lib/pact_broker/api/resources/version_spec.rb: "its(:status) { is_expected.to eq 400 }"
    it('PUT with a body that is not JSON answers 400', async () => {
      await request(broker.server)
        .put('/pacticipants/Foo/versions/1')
        .set('Content-Type', 'application/json')
        .send('---\nsome: yaml\n')
        .expect(400);
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "sets the properties"
    it('reads the build URL and tags from the body', async () => {
      await put({ buildUrl: 'buildUrl', tags: [{ name: 'main' }] }).expect(201);
      expect(await tagNames()).to.deep.equal(['main']);
      expect((await broker.prisma.version.findFirstOrThrow()).buildUrl).to.equal('buildUrl');
    });
  });

  describe('an existing version', () => {
    let createdAt: string;
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1234', { branch: 'original-branch', tags: ['dev'] });
      await request(broker.server)
        .patch(path)
        .set('Content-Type', MERGE_PATCH)
        .send(JSON.stringify({ buildUrl: 'original-build-url' }));
      createdAt = (await request(broker.server).get(path)).body.createdAt;
    });

    // ref: spec/features/update_version_spec.rb: "returns a 200"
    it('PATCH answers 200', async () => {
      await patch({ buildUrl: 'new-build-url' }).expect(200);
    });

    // ref: spec/features/update_version_spec.rb: "does not overwrites any properties that weren't specified"
    it('PATCH changes the build URL given', async () => {
      expect((await patch({ buildUrl: 'new-build-url' })).body.buildUrl).to.equal('new-build-url');
    });

    // ref: spec/features/update_version_spec.rb: "does not change the tags"
    it('PATCH without tags leaves the tags', async () => {
      await patch({ buildUrl: 'new-build-url' }).expect(200);
      expect(await tagNames()).to.deep.equal(['dev']);
    });

    // ref: spec/features/update_version_spec.rb: "overwrites the tags"
    it('PATCH with tags replaces them', async () => {
      const body = (await patch({ tags: [{ name: 'main' }] }).expect(200)).body;
      expect(body._embedded.tags.map((tag: { name: string }) => tag.name)).to.deep.equal(['main']);
    });

    // ref: spec/features/update_version_spec.rb: "does not change the created date"
    it('PATCH keeps the created date', async () => {
      expect((await patch({ buildUrl: 'new-build-url' })).body.createdAt).to.equal(createdAt);
    });

    // ref: spec/features/update_version_spec.rb: "its(:status) { is_expected.to eq 415 }"
    it('PATCH with application/json answers 415', async () => {
      await patch({ buildUrl: 'x' }, 'application/json').expect(415);
    });

    // ref: spec/features/update_version_spec.rb: "its(:status) { is_expected.to eq 415 }"
    it('PUT with application/merge-patch+json answers 415', async () => {
      await put({ buildUrl: 'x' }, MERGE_PATCH).expect(415);
    });

    // ref: spec/features/update_version_spec.rb: "does not change the tags"
    it('PUT without tags leaves the tags', async () => {
      await put({ buildUrl: 'http://build' }).expect(200);
      expect(await tagNames()).to.deep.equal(['dev']);
    });

    // ref: spec/features/update_version_spec.rb: "overwrites the tags"
    it('PUT with tags replaces them', async () => {
      const body = (await put({ branch: 'original-branch', tags: [{ name: 'main' }] }).expect(200)).body;
      expect(body._embedded.tags.map((tag: { name: string }) => tag.name)).to.deep.equal(['main']);
    });

    // ref: spec/features/update_version_spec.rb: "does not change the created date"
    it('PUT keeps the created date', async () => {
      expect((await put({ buildUrl: 'http://build' })).body.createdAt).to.equal(createdAt);
    });

    it('PUT replaces the build URL (none given clears it), PATCH changes it only when given', async () => {
      expect((await patch({ tags: [{ name: 'x' }] })).body.buildUrl).to.equal('original-build-url');
      expect((await put({})).body).not.to.have.property('buildUrl');
    });
  });
});

describe('reference: reading versions (features/get_version(s)_spec.rb, version(s)_spec.rb, the decorators)', () => {
  const broker = useBroker();

  // ref: spec/features/get_version_spec.rb: "returns a 200 HAL JSON response"
  it('answers a version with 200 in HAL JSON', async () => {
    await broker
      .data()
      .consumer('Another Consumer')
      .consumer('Consumer')
      .version('1.2.3', { tags: ['prod'] })
      .version('1.2.4');
    const res = await request(broker.server).get('/pacticipants/Consumer/versions/1.2.3').expect(200);
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/get_version_spec.rb: "returns the JSON representation of the version"
  it('answers the version asked for', async () => {
    await broker.data().consumer('Consumer').version('1.2.3').version('1.2.4');
    expect((await request(broker.server).get('/pacticipants/Consumer/versions/1.2.3')).body).to.include({
      number: '1.2.3',
    });
  });

  // ref: spec/features/get_version_spec.rb: "returns a 404 response"
  it('answers 404 for a version that does not exist', async () => {
    await broker.data().consumer('Consumer').version('1.2.4');
    await request(broker.server).get('/pacticipants/Consumer/versions/1.2.3').expect(404);
  });

  // ref: spec/features/delete_version_spec.rb: "returns a 200 HAL JSON response"
  it('DELETE answers 204', async () => {
    await broker
      .data()
      .consumer('Consumer')
      .version('1.2.3', { tags: ['prod'] })
      .version('1.2.4');
    await request(broker.server).delete('/pacticipants/Consumer/versions/1.2.3').expect(204);
    await request(broker.server).get('/pacticipants/Consumer/versions/1.2.3').expect(404);
    await request(broker.server).get('/pacticipants/Consumer/versions/1.2.4').expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/version_spec.rb: "its(:status) { is_expected.to eq 404 }"
  it('answers 404 when neither the pacticipant nor the version exist', async () => {
    await request(broker.server).get('/pacticipants/Foo/versions/1').expect(404);
  });

  describe('a version deployed and released to two environments', () => {
    beforeEach(() =>
      broker
        .data()
        .environment('test', { displayName: 'Test' })
        .environment('prod', { displayName: 'Production' })
        .consumer('Foo')
        .version('1')
        .deployedTo('test')
        .deployedTo('prod')
        .releasedTo('test')
        .releasedTo('prod'),
    );

    // ref: spec/lib/pact_broker/api/resources/version_spec.rb: "its(:status) { is_expected.to eq 200 }"
    it('answers 200', async () => {
      await request(broker.server).get('/pacticipants/Foo/versions/1').expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/version_spec.rb: "contains the expected keys"
    it('has its links, with titles and names, and its deployed and released environments', async () => {
      const body = (await request(broker.server).get('/pacticipants/Foo/versions/1')).body;
      expect(body).to.include.keys('_links', '_embedded');
      expect(body._links.self).to.include.keys('title', 'name', 'href');
      expect(body._links['pb:pacticipant']).to.include({ name: 'Foo' }).and.include.keys('title', 'href');
      expect(body._links['pb:deployed-environments']).to.have.length(2);
      expect(body._links['pb:deployed-environments'][0]).to.include.keys('title', 'name', 'href');
      expect(body._links['pb:released-environments']).to.have.length(2);
      expect(body._links['pb:released-environments'][0]).to.include.keys('title', 'name', 'href');
    });

    // ref: spec/lib/pact_broker/api/resources/versions_spec.rb: "its(:status) { is_expected.to eq 200 }"
    it('the list answers 200', async () => {
      await request(broker.server).get('/pacticipants/Foo/versions').expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/versions_spec.rb: "contains the expected keys"
    it("the list's versions show their deployed and released environments", async () => {
      const body = (await request(broker.server).get('/pacticipants/Foo/versions')).body;
      expect(body._links.self).to.include.keys('title', 'href');
      expect(body._links['pb:pacticipant']).to.include({ title: 'Foo' });
      const [version] = body._embedded.versions;
      expect(body._embedded.versions).to.have.length(1);
      expect(version).to.include.keys('number', '_links');
      expect(version._links).to.include.keys('self', 'pb:deployed-environments', 'pb:released-environments');
      expect(version._links['pb:deployed-environments']).to.have.length(2);
      expect(version._links['pb:deployed-environments'][0]).to.include.keys('title', 'name', 'href');
      expect(version._links['pb:released-environments']).to.have.length(2);
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a link to the deployed environments for this version"
    it('describes each deployment: title, environment, link, currently deployed', async () => {
      const body = (await request(broker.server).get('/pacticipants/Foo/versions/1')).body;
      const deployed = await broker.prisma.deployedVersion.findFirstOrThrow({
        where: { environment: { name: 'test' } },
      });
      expect(body._links['pb:deployed-environments'][0]).to.deep.equal({
        title: 'Version deployed to Test',
        name: 'Test',
        href: `${broker.url}/deployed-versions/${deployed.uuid}`,
        currently_deployed: true,
      });
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a link to the deployed environments for this version along with application instance node"
    it('names the application instance of a deployment that has one', async () => {
      await broker.data().consumer('Foo').version('1').deployedTo('test', { applicationInstance: 'instance-1' });
      const links = (await request(broker.server).get('/pacticipants/Foo/versions/1')).body._links[
        'pb:deployed-environments'
      ];
      expect(
        links.find((link: { application_instance?: string }) => link.application_instance === 'instance-1'),
      ).to.include({ name: 'Test' });
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a link to the released environments for this version"
    it('describes each release: title, environment, link, currently supported', async () => {
      const body = (await request(broker.server).get('/pacticipants/Foo/versions/1')).body;
      const released = await broker.prisma.releasedVersion.findFirstOrThrow({
        where: { environment: { name: 'test' } },
      });
      expect(body._links['pb:released-environments'][0]).to.deep.equal({
        title: 'Version released to Test',
        name: 'Test',
        href: `${broker.url}/released-versions/${released.uuid}`,
        currently_supported: true,
      });
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a list of environments that this version can be deployed to"
    it('links to recording a deployment to each environment', async () => {
      const body = (await request(broker.server).get('/pacticipants/Foo/versions/1')).body;
      const test = await broker.prisma.environment.findUniqueOrThrow({ where: { name: 'test' } });
      expect(body._links['pb:record-deployment']).to.deep.include({
        name: 'test',
        title: 'Record deployment to Test',
        href: `${broker.url}/pacticipants/Foo/versions/1/deployed-versions/environment/${test.uuid}`,
      });
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a list of environments that this version can be released to"
    it('links to recording a release to each environment', async () => {
      const body = (await request(broker.server).get('/pacticipants/Foo/versions/1')).body;
      const test = await broker.prisma.environment.findUniqueOrThrow({ where: { name: 'test' } });
      expect(body._links['pb:record-release']).to.deep.include({
        name: 'test',
        title: 'Record release to Test',
        href: `${broker.url}/pacticipants/Foo/versions/1/released-versions/environment/${test.uuid}`,
      });
    });
  });

  describe('the version representation (version_decorator_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Consumer')
        .version('1.2.3', { branch: 'main', tags: ['prod'] })
        .pact('ProviderB')
        .pact('providerA');
    });
    const body = async () => (await request(broker.server).get('/pacticipants/Consumer/versions/1.2.3')).body;

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a link to itself"
    it('links to itself', async () => {
      expect((await body())._links.self.href).to.equal(`${broker.url}/pacticipants/Consumer/versions/1.2.3`);
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes the version number in the link"
    it('names its number in its self link', async () => {
      expect((await body())._links.self.name).to.equal('1.2.3');
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes its title in the link"
    it('titles its self link "Version"', async () => {
      expect((await body())._links.self.title).to.equal('Version');
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes the version number"
    it('includes its number', async () => {
      expect((await body()).number).to.equal('1.2.3');
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a link to the pacticipant"
    it('links to its pacticipant', async () => {
      expect((await body())._links['pb:pacticipant']).to.deep.equal({
        title: 'Pacticipant',
        name: 'Consumer',
        href: `${broker.url}/pacticipants/Consumer`,
      });
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a link to get, create or delete a tag"
    it('links to its tags (templated)', async () => {
      expect((await body())._links['pb:tag']).to.include({
        href: `${broker.url}/pacticipants/Consumer/versions/1.2.3/tags/{tag}`,
        templated: true,
      });
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a list of the tags"
    it('embeds its tags', async () => {
      expect((await body())._embedded.tags[0].name).to.equal('prod');
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes the branch versions"
    it('embeds its branch versions, marking the latest', async () => {
      expect((await body())._embedded.branchVersions[0]).to.include({ name: 'main', latest: true });
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes the timestamps"
    it('includes when it was created', async () => {
      expect(Date.parse((await body()).createdAt)).not.to.be.NaN;
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a list of sorted pacts"
    it('links to its pacts, sorted by provider name without case', async () => {
      const links = (await body())._links['pb:pact-versions'];
      expect(links[0].href).to.include('1.2.3');
      expect(links[0].name).to.include('Pact between').and.include('providerA');
      expect(links.at(-1).name).to.include('ProviderB');
    });

    // ref: spec/lib/pact_broker/api/decorators/version_decorator_spec.rb: "includes a link to the latest verification results for the pacts for this version"
    it('links to the latest verification results of its pacts', async () => {
      expect((await body())._links['pb:latest-verification-results-where-pacticipant-is-consumer'].href).to.match(
        /^http:\/\/.*\/verification-results\/.*\/latest$/,
      );
    });

    // ref: spec/lib/pact_broker/api/decorators/embedded_version_decorator_spec.rb: "includes a link to itself"
    it("as a pacticipant's latest version, links to itself with its number and title", async () => {
      const latest = (await request(broker.server).get('/pacticipants/Consumer')).body._embedded.latestVersion;
      expect(latest.number).to.equal('1.2.3');
      expect(latest._links.self).to.deep.equal({
        title: 'Version',
        name: '1.2.3',
        href: `${broker.url}/pacticipants/Consumer/versions/1.2.3`,
      });
    });
  });

  describe('the list (features/get_versions_spec.rb, versions_decorator_spec.rb)', () => {
    const path = '/pacticipants/Consumer/versions';
    beforeEach(() => broker.data().consumer('Consumer').version('1.0.0').version('1.0.1'));

    // ref: spec/features/get_versions_spec.rb: "returns a 200 response"
    it('answers 200', async () => {
      await request(broker.server).get(path).expect(200);
    });

    // ref: spec/features/get_versions_spec.rb: "returns a list of links to the versions"
    it('links to each version', async () => {
      expect((await request(broker.server).get(path)).body._links.versions).to.have.length(2);
    });

    // ref: spec/features/get_versions_spec.rb: "does not to contain page details"
    it('without paging options, has no page section', async () => {
      expect((await request(broker.server).get(path)).body).not.to.have.property('page');
    });

    // ref: spec/features/get_versions_spec.rb: "paginates the response"
    it('with paging options, answers one page', async () => {
      expect(
        (await request(broker.server).get(path).query({ size: '1', page: '1' })).body._links.versions,
      ).to.have.length(1);
    });

    // ref: spec/features/get_versions_spec.rb: "includes the pagination relations"
    it('with paging options, links to the next page', async () => {
      expect((await request(broker.server).get(path).query({ size: '1', page: '1' })).body._links.next.href).to.equal(
        `${broker.url}${path}?size=1&page=2`,
      );
    });

    // ref: spec/features/get_versions_spec.rb: "includes the page section"
    it('with paging options, describes the page', async () => {
      expect((await request(broker.server).get(path).query({ size: '1', page: '1' })).body.page).to.deep.equal({
        number: 1,
        size: 1,
        totalElements: 2,
        totalPages: 2,
      });
    });

    // ref: spec/features/get_versions_spec.rb: "returns a 404 response"
    it('answers 404 for an unknown pacticipant', async () => {
      const res = await request(broker.server).get('/pacticipants/Nobody/versions').expect(404);
      expect(res.body.error).to.match(/No pacticipant/);
    });

    // ref: spec/lib/pact_broker/api/decorators/versions_decorator_spec.rb: "its([:_links, :self, :href]) { is_expected.to eq \"http://versions?foo=bar\" }"
    it('links to itself with the request URL, query included', async () => {
      expect((await request(broker.server).get(`${path}?foo=bar`)).body._links.self.href).to.equal(
        `${broker.url}${path}?foo=bar`,
      );
    });

    // ref: spec/lib/pact_broker/api/decorators/versions_decorator_spec.rb: "doesn't blow up"
    it('answers an empty list for a pacticipant without versions', async () => {
      await broker.data().consumer('Empty');
      expect(
        (await request(broker.server).get('/pacticipants/Empty/versions').expect(200)).body._embedded.versions,
      ).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/api/decorators/versions_decorator_spec.rb: "displays a list of versions"
    it('embeds the versions, newest first', async () => {
      const versions = (await request(broker.server).get(path)).body._embedded.versions;
      expect(versions.map((version: { number: string }) => version.number)).to.deep.equal(['1.0.1', '1.0.0']);
    });

    // ref: spec/lib/pact_broker/api/decorators/versions_decorator_spec.rb: "has the version href with the version number"
    it('links each embedded version to its own URL', async () => {
      const versions = (await request(broker.server).get(path)).body._embedded.versions;
      expect(versions[1]._links.self.href).to.equal(`${broker.url}/pacticipants/Consumer/versions/1.0.0`);
    });
  });
});
