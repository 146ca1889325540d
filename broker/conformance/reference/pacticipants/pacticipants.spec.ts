// Ported from the Pact Broker's pacticipant specs: spec/features/{create,update,get}_pacticipant(s)_spec.rb,
// spec/lib/pact_broker/api/resources/{pacticipant,pacticipants,pacticipants_for_label}_spec.rb,
// spec/lib/pact_broker/api/decorators/{pacticipant,pacticipants}_decorator_spec.rb, spec/lib/pact_broker/
// api/contracts/{pacticipant_create_schema,pacticipant_schema,pagination_query_params_schema}_spec.rb and
// spec/lib/pact_broker/pacticipants/find_potential_duplicate_pacticipant_names_spec.rb.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { buildPact } from '../../../testing/test-data.ts';

const HAL = 'application/hal+json;charset=utf-8';

describe('reference: creating a pacticipant (features/create_pacticipant_spec.rb, pacticipants_spec.rb)', () => {
  const broker = useBroker();
  const hash = {
    name: 'Foo Thing',
    mainBranch: 'main',
    repositoryUrl: 'http://url',
    repositoryName: 'foo-thing',
    repositoryNamespace: 'some-group',
  };
  const post = (body: unknown) =>
    request(broker.server)
      .post('/pacticipants')
      .send(body as object);

  // ref: spec/features/create_pacticipant_spec.rb: "returns a 201 response"
  it('answers 201', async () => {
    await post(hash).expect(201);
  });

  // ref: spec/features/create_pacticipant_spec.rb: "returns the Location header"
  it("gives the new pacticipant's URL in the Location header", async () => {
    // The Pact Broker's Location has a typo ("/pacticpants/"); ours is the pacticipant's real URL.
    expect((await post(hash)).headers.location).to.equal(`${broker.url}/pacticipants/Foo%20Thing`);
  });

  // ref: spec/features/create_pacticipant_spec.rb: "returns a JSON Content Type"
  it('answers in HAL JSON', async () => {
    expect((await post(hash)).headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/create_pacticipant_spec.rb: "returns the newly created pacticipant"
  it('answers the new pacticipant with every field given', async () => {
    expect((await post(hash)).body).to.include(hash);
  });

  // ref: spec/features/create_pacticipant_spec.rb: "its(:status) { is_expected.to eq 400 }"
  it('answers an empty JSON document with 400', async () => {
    await post({}).expect(400);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_spec.rb: "returns a 400"
  it('answers structurally incorrect JSON with 400', async () => {
    await request(broker.server).post('/pacticipants').set('Content-Type', 'application/json').send('{').expect(400);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_spec.rb: "returns a 400"
  it('answers an empty body with 400', async () => {
    await request(broker.server).post('/pacticipants').set('Content-Type', 'application/json').send('').expect(400);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_spec.rb: "returns a 400"
  it('answers an invalid model with 400', async () => {
    await post({ name: 1 }).expect(400);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_spec.rb: "creates the pacticipant"
  it('creates the pacticipant', async () => {
    await post({ name: 'New Consumer' }).expect(201);
    await request(broker.server).get('/pacticipants/New%20Consumer').expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_spec.rb: "parses the request JSON"
  it('reads every field from the request', async () => {
    await post(hash).expect(201);
    expect(await broker.prisma.pacticipant.findUniqueOrThrow({ where: { name: 'Foo Thing' } })).to.include({
      mainBranch: 'main',
      repositoryUrl: 'http://url',
      repositoryName: 'foo-thing',
      repositoryNamespace: 'some-group',
    });
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_spec.rb: "creates a JSON representation of the new pacticipant"
  it('answers the same representation as a GET', async () => {
    const created = (await post({ name: 'New Consumer' }).expect(201)).body;
    expect(created).to.deep.equal((await request(broker.server).get('/pacticipants/New%20Consumer')).body);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_spec.rb: "includes the newly created Location"
  it('gives the Location of the new pacticipant', async () => {
    expect((await post({ name: 'New Consumer' })).headers.location).to.equal(
      `${broker.url}/pacticipants/New%20Consumer`,
    );
  });

  it('POST for a name that exists answers the existing pacticipant, unchanged (the Pact Broker inserts or ignores)', async () => {
    await post({ name: 'Foo', repositoryUrl: 'original' }).expect(201);
    const again = await post({ name: 'Foo', repositoryUrl: 'other' }).expect(201);
    expect(again.body.repositoryUrl).to.equal('original');
  });

  // ref: spec/lib/pact_broker/api/contracts/pacticipant_create_schema_spec.rb: "it { is_expected.to be_empty }"
  it('accepts valid fields', async () => {
    await post({ name: 'Name', displayName: 'Display', mainBranch: 'main', repositoryUrl: 'https://url' }).expect(201);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacticipant_create_schema_spec.rb: "it { is_expected.to_not be_empty }"
  it('refuses an empty name', async () => {
    expect((await post({ name: '' }).expect(400)).body.errors.name).to.have.length(1);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacticipant_create_schema_spec.rb: "it { is_expected.to_not be_empty }"
  it('refuses a blank name', async () => {
    expect((await post({ name: '   ' }).expect(400)).body.errors.name).to.have.length(1);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacticipant_create_schema_spec.rb: "its([:mainBranch, 0]) { is_expected.to eq \"cannot contain spaces\" }"
  it('refuses a main branch with a space', async () => {
    expect((await post({ name: 'Foo', mainBranch: 'main branch' }).expect(400)).body.errors.mainBranch).to.deep.equal([
      'cannot contain spaces',
    ]);
  });

  // ref: spec/lib/pact_broker/api/contracts/pacticipant_create_schema_spec.rb: "its([:name, 0]) { is_expected.to include \"is missing\" }"
  it('refuses a missing name', async () => {
    expect((await post({ displayName: 'x' }).expect(400)).body.errors.name[0]).to.match(/is required/);
  });
});

describe('reference: updating a pacticipant (features/update_pacticipant_spec.rb, pacticipant_spec.rb)', () => {
  const broker = useBroker();
  const path = '/pacticipants/Some%20Consumer';
  const full = { repositoryUrl: 'http://foo', repositoryName: 'name', repositoryNamespace: 'org', mainBranch: 'main' };

  describe('PUT', () => {
    beforeEach(() => broker.data().pacticipant('Some Consumer'));

    // ref: spec/features/update_pacticipant_spec.rb: "it { is_expected.to be_a_hal_json_success_response }"
    it('answers 200 in HAL JSON for an existing pacticipant', async () => {
      const res = await request(broker.server).put(path).send(full).expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "updates the properties"
    it('sets the properties given', async () => {
      expect((await request(broker.server).put(path).send(full)).body).to.include(full);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "blanks out the missing ones"
    it('blanks out the properties not given', async () => {
      await request(broker.server).put(path).send(full).expect(200);
      const res = await request(broker.server).put(path).send({ repositoryUrl: 'http://foo' }).expect(200);
      expect(res.body).not.to.have.property('repositoryName');
      expect(res.body.repositoryUrl).to.equal('http://foo');
    });

    // ref: spec/features/update_pacticipant_spec.rb: "it { is_expected.to be_a_404_response }"
    it('answers 404 for a pacticipant that does not exist', async () => {
      await request(broker.server).put('/pacticipants/Nobody').send(full).expect(404);
      await request(broker.server).get('/pacticipants/Nobody').expect(404);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "its(:status) { is_expected.to eq 415 }"
    it('answers 415 to application/merge-patch+json', async () => {
      await request(broker.server)
        .put(path)
        .set('Content-Type', 'application/merge-patch+json')
        .send(JSON.stringify(full))
        .expect(415);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "its(:status) { is_expected.to eq 200 }"
    it('answers an empty body with 200', async () => {
      await request(broker.server).put(path).set('Content-Type', 'application/json').send('').expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "its(:status) { is_expected.to eq 415 }"
    it('answers 415 to merge-patch even with an empty body', async () => {
      await request(broker.server).put(path).set('Content-Type', 'application/merge-patch+json').send('').expect(415);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "creates a new pacticipant when the pacticipant does not exist"
    it('does not create an unknown pacticipant: 404', async () => {
      await request(broker.server).put('/pacticipants/foo').send({ name: 'foo' }).expect(404);
      expect(await broker.prisma.pacticipant.count({ where: { name: 'foo' } })).to.equal(0);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "updates the existing pacticipant"
    it('updates an existing pacticipant named in the body: 200', async () => {
      await broker.data().pacticipant('foo');
      await request(broker.server).put('/pacticipants/foo').send({ name: 'foo' }).expect(200);
    });
  });

  describe('PATCH', () => {
    const patch = (body: unknown, type = 'application/json') =>
      request(broker.server).patch(path).set('Content-Type', type).send(JSON.stringify(body));
    beforeEach(async () => {
      await broker.data().pacticipant('Some Consumer');
      await request(broker.server).patch(path).send({ repositoryName: 'existing' }).expect(200);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "returns a 200 OK"
    it('answers 200', async () => {
      await patch({ repositoryUrl: 'http://foo' }).expect(200);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "leaves any existing properties that were not defined"
    it('leaves the properties not given as they were', async () => {
      expect((await patch({ repositoryUrl: 'http://foo' })).body.repositoryName).to.equal('existing');
    });

    // ref: spec/features/update_pacticipant_spec.rb: "returns a json body with the updated pacticipant"
    it('answers in HAL JSON', async () => {
      expect((await patch({ repositoryUrl: 'http://foo' })).headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "returns a 200 response"
    it('answers 200 to a body with embedded labels', async () => {
      await patch({
        displayName: 'Updated Consumer Name',
        _embedded: { labels: [{ name: 'ios' }, { name: 'consumer' }] },
      }).expect(200);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "should not create the labels for the pacticipant"
    it('does not create the embedded labels', async () => {
      const res = await patch({ displayName: 'Updated Consumer Name', _embedded: { labels: [{ name: 'ios' }] } });
      expect(res.body._embedded.labels).to.deep.equal([]);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "only updates pacticipant attribute ignoring the labels"
    it('updates the fields and ignores the labels', async () => {
      const res = await patch({ displayName: 'Updated Consumer Name', _embedded: { labels: [{ name: 'ios' }] } });
      expect(res.body.displayName).to.equal('Updated Consumer Name');
      expect(await broker.prisma.label.count({ where: { name: 'ios' } })).to.equal(0);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "returns a 200 OK"
    it('answers 200 to a body with no embedded labels', async () => {
      await patch({ displayName: 'Updated Consumer Name', _embedded: { labels: [] } }).expect(200);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "returns a 200 OK"
    it('answers 200 to application/merge-patch+json', async () => {
      await patch({ repositoryUrl: 'http://foo' }, 'application/merge-patch+json').expect(200);
    });

    // ref: spec/features/update_pacticipant_spec.rb: "leaves any existing properties that were not defined"
    it('with merge-patch, leaves the properties not given as they were', async () => {
      expect(
        (await patch({ repositoryUrl: 'http://foo' }, 'application/merge-patch+json')).body.repositoryName,
      ).to.equal('existing');
    });

    // ref: spec/features/update_pacticipant_spec.rb: "returns a json body with the updated pacticipant"
    it('with merge-patch, answers in HAL JSON', async () => {
      expect(
        (await patch({ repositoryUrl: 'http://foo' }, 'application/merge-patch+json')).headers['content-type'],
      ).to.equal(HAL);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "its(:status) { is_expected.to eq 201 }"
    it('creates an unknown pacticipant from an empty body: 201', async () => {
      await request(broker.server)
        .patch('/pacticipants/foo')
        .set('Content-Type', 'application/merge-patch+json')
        .send('')
        .expect(201);
    });

    // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "creates a new pacticipant when the pacticipant does not exist"
    it('creates an unknown pacticipant with the fields given', async () => {
      const res = await request(broker.server)
        .patch('/pacticipants/foo')
        .set('Content-Type', 'application/merge-patch+json')
        .send(JSON.stringify({ name: 'foo', mainBranch: 'main' }))
        .expect(201);
      expect(res.body).to.include({ name: 'foo', mainBranch: 'main' });
      expect(res.headers.location).to.equal(`${broker.url}/pacticipants/foo`);
    });

    // ref: spec/lib/pact_broker/api/contracts/pacticipant_schema_spec.rb: "it { is_expected.to be_empty }"
    it('accepts an update with no fields', async () => {
      await patch({}).expect(200);
    });

    // ref: spec/lib/pact_broker/api/contracts/pacticipant_schema_spec.rb: "its([:mainBranch, 0]) { is_expected.to include \"cannot contain spaces\" }"
    it('refuses a main branch with spaces', async () => {
      expect((await patch({ mainBranch: 'feat x' }).expect(400)).body.errors.mainBranch[0]).to.include(
        'cannot contain spaces',
      );
    });
  });
});

describe('reference: reading and deleting a pacticipant (pacticipant_spec.rb, pacticipant_decorator_spec.rb)', () => {
  const broker = useBroker();

  // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "returns a 200 OK"
  it('answers 200 for an existing pacticipant', async () => {
    await broker.data().consumer('Consumer');
    await request(broker.server).get('/pacticipants/Consumer').expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "has deploued-environments link"
  it('has a pb:deployed-environments link', async () => {
    await broker.data().consumer('Consumer');
    expect(
      (await request(broker.server).get('/pacticipants/Consumer')).body._links['pb:deployed-environments'],
    ).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "only includes currently deployed versions in pb:deployed-environments"
  it('lists the environments it is currently deployed to', async () => {
    await broker
      .data()
      .environment('test', { displayName: 'Test' })
      .environment('prod')
      .consumer('Consumer')
      .version('1')
      .deployedTo('test');
    const links = (await request(broker.server).get('/pacticipants/Consumer')).body._links['pb:deployed-environments'];
    expect(links).to.have.length(1);
    expect(links[0]).to.include({ name: 'Test', title: 'Version deployed to Test', currently_deployed: true });
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "does not include undeployed versions"
  it('does not list environments it was undeployed from', async () => {
    await broker
      .data()
      .environment('test')
      .environment('prod')
      .consumer('Consumer')
      .version('1')
      .deployedTo('test')
      .deployedTo('prod');
    const deployed = await broker.prisma.deployedVersion.findFirstOrThrow({ where: { environment: { name: 'prod' } } });
    await request(broker.server)
      .patch(`/deployed-versions/${deployed.uuid}`)
      .set('Content-Type', 'application/merge-patch+json')
      .send(JSON.stringify({ currentlyDeployed: false }))
      .expect(200);
    const links = (await request(broker.server).get('/pacticipants/Consumer')).body._links['pb:deployed-environments'];
    expect(links.map((link: { name: string }) => link.name)).to.deep.equal(['Test']);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "deletes the pacticpant by name"
  it('DELETE removes the pacticipant', async () => {
    await broker.data().consumer('Some Service');
    await request(broker.server).delete('/pacticipants/Some%20Service');
    await request(broker.server).get('/pacticipants/Some%20Service').expect(404);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "returns a 204 OK"
  it('DELETE answers 204', async () => {
    await broker.data().consumer('Some Service');
    await request(broker.server).delete('/pacticipants/Some%20Service').expect(204);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipant_spec.rb: "returns a 404 Not Found"
  it('DELETE of an unknown pacticipant answers 404', async () => {
    await request(broker.server).delete('/pacticipants/Nobody').expect(404);
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "includes timestamps"
  it('includes when it was created and updated', async () => {
    await broker.data().consumer('Name');
    const body = (await request(broker.server).get('/pacticipants/Name')).body;
    expect(Date.parse(body.createdAt)).not.to.be.NaN;
    expect(Date.parse(body.updatedAt)).not.to.be.NaN;
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "includes embedded labels"
  it('embeds its labels, each with its own link', async () => {
    await broker.data().consumer('Name');
    await request(broker.server).put('/pacticipants/Name/labels/foo').send({}).expect(201);
    const label = (await request(broker.server).get('/pacticipants/Name')).body._embedded.labels[0];
    expect(label).to.include({ name: 'foo' });
    expect(label._links.self.href).to.equal(`${broker.url}/pacticipants/Name/labels/foo`);
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "includes a relation for a version tag"
  it('links to tagging a version (templated)', async () => {
    await broker.data().consumer('Name');
    const link = (await request(broker.server).get('/pacticipants/Name')).body._links['pb:version-tag'];
    expect(link).to.include({ href: `${broker.url}/pacticipants/Name/versions/{version}/tags/{tag}`, templated: true });
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "includes a relation for a version"
  it('links to a version (templated)', async () => {
    await broker.data().consumer('Name');
    const link = (await request(broker.server).get('/pacticipants/Name')).body._links['pb:version'];
    expect(link).to.include({ href: `${broker.url}/pacticipants/Name/versions/{version}`, templated: true });
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "includes a relation for the branches"
  it('links to its branches', async () => {
    await broker.data().consumer('Name');
    expect((await request(broker.server).get('/pacticipants/Name')).body._links['pb:branches'].href).to.equal(
      `${broker.url}/pacticipants/Name/branches`,
    );
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "includes an embedded latestVersion"
  it('embeds its latest version as latestVersion', async () => {
    await broker.data().consumer('Name').version('1.2.106').version('1.2.107');
    expect((await request(broker.server).get('/pacticipants/Name')).body._embedded.latestVersion).to.include({
      number: '1.2.107',
    });
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "includes an embedded latest-version for backwards compatibility"
  it('also embeds it as latest-version, for older clients', async () => {
    await broker.data().consumer('Name').version('1.2.107');
    expect((await request(broker.server).get('/pacticipants/Name')).body._embedded['latest-version']).to.include({
      number: '1.2.107',
    });
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "includes a deprecation warning"
  it('marks latest-version deprecated', async () => {
    await broker.data().consumer('Name').version('1.2.107');
    expect((await request(broker.server).get('/pacticipants/Name')).body._embedded['latest-version'].title).to.match(
      /deprecated/i,
    );
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "doesn't blow up"
  it('without versions, embeds no latest version', async () => {
    await broker.data().consumer('Name');
    const embedded = (await request(broker.server).get('/pacticipants/Name')).body._embedded;
    expect(embedded).not.to.have.property('latestVersion');
    expect(embedded).not.to.have.property('latest-version');
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "its(:main_branch) { is_expected.to eq \"main\" }"
  it('reads the name and main branch from an update', async () => {
    await request(broker.server).patch('/pacticipants/Foo').send({ name: 'Foo', mainBranch: 'main' }).expect(201);
    expect((await request(broker.server).get('/pacticipants/Foo')).body).to.include({
      name: 'Foo',
      mainBranch: 'main',
    });
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb: "does not modify the labels collection"
  it('an update does not change its labels', async () => {
    await broker.data().consumer('Foo');
    await request(broker.server).put('/pacticipants/Foo/labels/existing_label').send({}).expect(201);
    await request(broker.server)
      .patch('/pacticipants/Foo')
      .send({ mainBranch: 'main', _embedded: { labels: [] } })
      .expect(200);
    const labels = (await request(broker.server).get('/pacticipants/Foo')).body._embedded.labels;
    expect(labels.map((label: { name: string }) => label.name)).to.deep.equal(['existing_label']);
  });
});

describe('reference: listing pacticipants (features/get_pacticipants_spec.rb, pacticipants_spec.rb, pacticipants_decorator_spec.rb)', () => {
  const broker = useBroker();
  beforeEach(() => broker.data().pacticipant('Foo').pacticipant('Bar').pacticipant('someOther'));
  const list = (query: Record<string, string> = {}) => request(broker.server).get('/pacticipants').query(query);
  const names = (body: { _embedded: { pacticipants: { name: string }[] } }) =>
    body._embedded.pacticipants.map((p) => p.name);

  // ref: spec/features/get_pacticipants_spec.rb: "returns a 200 OK"
  it('answers 200 in HAL JSON', async () => {
    const res = await list().expect(200);
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/get_pacticipants_spec.rb: "does not to contain page details"
  it('without paging options, has no page section', async () => {
    expect((await list()).body).not.to.have.property('page');
  });

  // ref: spec/features/get_pacticipants_spec.rb: "only returns the number of items specified in the page"
  it('with paging options, answers one page', async () => {
    expect((await list({ size: '2', page: '1' })).body._links.pacticipants).to.have.length(2);
  });

  // ref: spec/support/shared_examples_for_responses.rb: "includes the pagination relations"
  it('with paging options, links to the next page', async () => {
    expect((await list({ size: '2', page: '1' })).body._links.next).to.deep.equal({
      title: 'Next page',
      href: `${broker.url}/pacticipants?size=2&page=2`,
    });
  });

  // ref: spec/support/shared_examples_for_responses.rb: "includes the page details"
  it('with paging options, describes the page', async () => {
    expect((await list({ size: '2', page: '1' })).body.page).to.deep.equal({
      number: 1,
      size: 2,
      totalElements: 3,
      totalPages: 2,
    });
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_spec.rb: "returns the pacticipants"
  it('filters by a text in the name (q), without case, ordered by name', async () => {
    await broker.data().pacticipant('Wiffle').pacticipant('OtherWIF');
    expect(names((await list({ q: 'wif', size: '10', page: '1' }).expect(200)).body)).to.deep.equal([
      'OtherWIF',
      'Wiffle',
    ]);
  });

  // ref: spec/support/shared_examples_for_responses.rb: "returns a a 400 status code"
  it('answers invalid paging options with 400', async () => {
    await list({ size: '0', page: '0' }).expect(400);
  });

  // ref: spec/support/shared_examples_for_responses.rb: "includes the parameter validation errors"
  it('names each invalid paging option', async () => {
    const errors = (await list({ size: '0', page: '0' })).body.errors;
    expect(errors).to.have.keys('page', 'size');
  });

  // ref: spec/lib/pact_broker/api/contracts/pagination_query_params_schema_spec.rb: "its([:page]) { is_expected.to contain_exactly(match(\"integer\"))}"
  it('refuses paging options that are not numbers', async () => {
    const errors = (await list({ page: 'a', size: 'b' }).expect(400)).body.errors;
    expect(errors.page).to.deep.equal(['must be an integer']);
    expect(errors.size).to.deep.equal(['must be an integer']);
  });

  // ref: spec/lib/pact_broker/api/contracts/pagination_query_params_schema_spec.rb: "its([:page]) { is_expected.to contain_exactly(match(/greater.*1/))}"
  it('refuses paging options of 0', async () => {
    const errors = (await list({ page: '0', size: '0' }).expect(400)).body.errors;
    expect(errors.page[0]).to.match(/greater.*1/);
    expect(errors.size[0]).to.match(/greater.*1/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pagination_query_params_schema_spec.rb: "its([:pageNumber]) { is_expected.to contain_exactly(match(\"integer\"))}"
  it('refuses the older paging options when they are not numbers', async () => {
    const errors = (await list({ pageNumber: 'a', pageSize: 'b' }).expect(400)).body.errors;
    expect(errors.pageNumber[0]).to.match(/integer/);
    expect(errors.pageSize[0]).to.match(/integer/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pagination_query_params_schema_spec.rb: "its([:pageNumber]) { is_expected.to contain_exactly(match(/greater.*1/))}"
  it('refuses the older paging options of 0', async () => {
    const errors = (await list({ pageNumber: '0', pageSize: '0' }).expect(400)).body.errors;
    expect(errors.pageNumber[0]).to.match(/greater.*1/);
    expect(errors.pageSize[0]).to.match(/greater.*1/);
  });

  // ref: spec/lib/pact_broker/api/contracts/pagination_query_params_schema_spec.rb: "it { is_expected.to be_empty }"
  it('accepts no paging options', async () => {
    await list().expect(200);
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipants_decorator_spec.rb: "includes a link to find pacticipants by label"
  it('links to finding pacticipants by label', async () => {
    expect((await list()).body._links['pb:pacticipants-with-label'].href).to.equal(
      `${broker.url}/pacticipants/label/{label}`,
    );
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipants_decorator_spec.rb: "doesn't blow up"
  it('answers an empty list when there are none', async () => {
    await request(broker.server).delete('/pacticipants/Foo');
    await request(broker.server).delete('/pacticipants/Bar');
    await request(broker.server).delete('/pacticipants/someOther');
    expect((await list().expect(200)).body._embedded.pacticipants).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipants_decorator_spec.rb: "displays a list of pacticipants"
  it('embeds the pacticipants, ordered by name without case', async () => {
    expect(names((await list()).body)).to.deep.equal(['Bar', 'Foo', 'someOther']);
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipants_decorator_spec.rb: "includes the pacticipants under the pacticipants key"
  it('also lists them under the (deprecated) pacticipants key', async () => {
    expect((await list()).body.pacticipants.map((p: { name: string }) => p.name)).to.deep.equal([
      'Bar',
      'Foo',
      'someOther',
    ]);
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipants_decorator_spec.rb: "includes a deprecation warning in the pacticipants links"
  it('marks the pacticipants links deprecated', async () => {
    expect((await list()).body._links.pacticipants[0].name).to.match(/deprecated/i);
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipants_decorator_spec.rb: "includes a deprecation warning in the non-embedded pacticipant title"
  it('marks the pacticipants under the pacticipants key deprecated', async () => {
    expect((await list()).body.pacticipants[0].title).to.match(/deprecated/i);
  });

  // ref: spec/lib/pact_broker/api/decorators/pacticipants_decorator_spec.rb: "passes in the options correctly (Representable does inconsistent things with the args of to_json and to_hash)"
  it("builds each pacticipant's links from the request's base URL", async () => {
    expect((await list()).body._embedded.pacticipants[0]._links.self.href).to.equal(`${broker.url}/pacticipants/Bar`);
  });
});

describe('reference: pacticipants by label (features/get_pacticipants_by_label_spec.rb, pacticipants_for_label_spec.rb)', () => {
  const broker = useBroker();
  beforeEach(async () => {
    await broker.data().pacticipant('Foo').pacticipant('Bar').pacticipant('Food');
    for (const [name, label] of [
      ['Foo', 'ios'],
      ['Bar', 'android'],
      ['Food', 'ios'],
    ])
      await request(broker.server).put(`/pacticipants/${name}/labels/${label}`).send({}).expect(201);
  });

  // ref: spec/features/get_pacticipants_by_label_spec.rb: "returns a 200 OK"
  it('answers 200 in HAL JSON', async () => {
    const res = await request(broker.server).get('/pacticipants/label/ios').expect(200);
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/get_pacticipants_by_label_spec.rb: "returns a list of pacticipants"
  it('lists the pacticipants with the label', async () => {
    const res = await request(broker.server).get('/pacticipants/label/ios').expect(200);
    expect(res.body._embedded.pacticipants[0]).to.include({ name: 'Foo' });
    expect(res.body._embedded.pacticipants).to.have.length(2);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_for_label_spec.rb: "calls find_all_pacticipants with the label name, query string and pagination options"
  it('filters by label and name text, and pages', async () => {
    const res = await request(broker.server)
      .get('/pacticipants/label/ios')
      .query({ q: 'food', size: '10', page: '1' })
      .expect(200);
    expect(res.body._embedded.pacticipants.map((p: { name: string }) => p.name)).to.deep.equal(['Food']);
    expect(res.body.page).to.include({ number: 1, size: 10, totalElements: 1 });
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_for_label_spec.rb: "returns a 200"
  it('answers 200 with paging options', async () => {
    await request(broker.server).get('/pacticipants/label/ios').query({ size: '10', page: '1' }).expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/pacticipants_for_label_spec.rb: "calls find_all_pacticipants without a query string"
  it('without q, lists every pacticipant with the label', async () => {
    const res = await request(broker.server).get('/pacticipants/label/ios').query({ size: '10', page: '1' });
    expect(res.body._embedded.pacticipants.map((p: { name: string }) => p.name)).to.deep.equal(['Foo', 'Food']);
  });

  // ref: spec/support/shared_examples_for_responses.rb: "returns a a 400 status code"
  it('answers invalid paging options with 400, naming them', async () => {
    const res = await request(broker.server).get('/pacticipants/label/ios').query({ size: '0', page: '0' }).expect(400);
    expect(res.body.errors).to.have.keys('page', 'size');
  });
});

describe('reference: a new name very like an existing one (find_potential_duplicate_pacticipant_names_spec.rb)', () => {
  const broker = useBroker();
  const cases: [string, string[], string[]][] = [
    ['accounts', ['accounts-receivable'], []],
    ['Accounts', ['Accounts Receivable'], []],
    ['The Accounts', ['Accounts'], []],
    [
      'accounts',
      ['account-service', 'account-api', 'account-provider'],
      ['account-service', 'account-api', 'account-provider'],
    ],
    ['accounts-api', ['account-service', 'account-provider'], ['account-service', 'account-provider']],
    ['Contracts Service', ['Contracts Service', 'Contracts', 'Something'], []],
    ['Contracts', ['Contract Service', 'Contacts', 'Something'], ['Contract Service']],
    ['Contracts Service', ['Contract', 'Contacts', 'Something'], ['Contract']],
    ['Contract Service', ['Contracts', 'Contacts', 'Something'], ['Contracts']],
    ['Contract Service', ['contracts', 'Contacts', 'Something'], ['contracts']],
    ['ContractService', ['Contracts Service', 'Contacts', 'Something'], ['Contracts Service']],
    ['Contract Service', ['ContractsService', 'Contacts', 'Something'], ['ContractsService']],
    [
      'Contract_Service',
      ['ContractsService', 'Contracts Service', 'contracts-service', 'Contacts', 'Something'],
      ['ContractsService', 'Contracts Service', 'contracts-service'],
    ],
  ];

  for (const [name, existing, duplicates] of cases) {
    const outcome = duplicates.length === 0 ? 'accepted' : `refused, naming ${JSON.stringify(duplicates)}`;
    // ref: spec/lib/pact_broker/pacticipants/find_potential_duplicate_pacticipant_names_spec.rb: "returns #{the_expected_duplicates.inspect} as the potential duplicates"
    it(`publishing as ${JSON.stringify(name)} when ${JSON.stringify(existing)} exist: ${outcome}`, async () => {
      for (const each of existing) await broker.data().pacticipant(each);
      const res = await request(broker.server)
        .post('/contracts/publish')
        .send({
          pacticipantName: name,
          pacticipantVersionNumber: '1',
          contracts: [
            {
              consumerName: name,
              providerName: 'Something',
              specification: 'pact',
              contentType: 'application/json',
              content: Buffer.from(JSON.stringify(buildPact(name, 'Something'))).toString('base64'),
            },
          ],
        });
      if (duplicates.length === 0) {
        expect(res.status, res.text).to.equal(200);
        return;
      }
      expect(res.status).to.equal(409);
      const text: string = res.body.errors.contracts.join('\n');
      const named = existing.filter((candidate) => text.includes(`* ${candidate}\n`));
      expect(named).to.have.members(duplicates);
      expect(res.body.notices[0].type).to.equal('error');
      expect(await broker.prisma.pacticipant.count({ where: { name } })).to.equal(existing.includes(name) ? 1 : 0);
    });
  }

  it('refuses a legacy pact PUT for a new name very like an existing one (409, as text)', async () => {
    await broker.data().pacticipant('Foo');
    const res = await request(broker.server)
      .put('/pacts/provider/Bar/consumer/foo/version/1')
      .send(buildPact('foo', 'Bar'))
      .expect(409);
    expect(res.headers['content-type']).to.match(/^text\/plain/);
    expect(res.text).to.include('* Foo').and.include('create-or-update-pacticipant --name "foo"');
  });

  it(
    'accepts a name that differs only in case when the check is switched off ' +
      '(BROKER_CHECK_FOR_POTENTIAL_DUPLICATE_PACTICIPANT_NAMES=false)',
    async () => {
      // The check itself is configuration: a broker with it off is another app on the same database.
      const { createBrokerApp } = await import('../../../app.ts');
      const { brokerConfig } = await import('../../../config.ts');
      const { pino } = await import('pino');
      const app = createBrokerApp({
        prisma: broker.prisma,
        logger: pino({ level: 'silent' }),
        config: brokerConfig({ checkForPotentialDuplicatePacticipantNames: false }),
      });
      await broker.data().pacticipant('Foo');
      await request(app).put('/pacts/provider/Bar/consumer/foo/version/1').send(buildPact('foo', 'Bar')).expect(201);
    },
  );
});

describe('reference: the display name made from a name (generate_display_name_spec.rb)', () => {
  const broker = useBroker();
  const cases: [string, string][] = [
    ['foo', 'Foo'],
    ['MyService', 'My Service'],
    ['my-service', 'My Service'],
    ['my_service', 'My Service'],
    ['my service', 'My Service'],
    ['ABCService', 'ABC Service'],
    ['A4Service', 'A4 Service'],
    ['SNSPactEventConsumer', 'SNS Pact Event Consumer'],
    ['AWSSummiteerWeb', 'AWS Summiteer Web'],
    ['Beer-Consumer', 'Beer Consumer'],
    ['foo.pretend-consumer', 'Foo Pretend Consumer'],
    ['Client-XX', 'Client XX'],
    ['providerJSWorkshop', 'Provider JS Workshop'],
    ['e2e Provider Example', 'E2e Provider Example'],
    ['MP - Our Provider', 'MP - Our Provider'],
    ['PoC - Pact-broker-consumer', 'PoC - Pact Broker Consumer'],
    ['QB-DATABASE Service', 'QB DATABASE Service'],
    ['Support Species App (Provider)', 'Support Species App (Provider)'],
  ];

  for (const [name, displayName] of cases) {
    // ref: spec/lib/pact_broker/pacticipants/generate_display_name_spec.rb: "converts #{name.inspect} to #{expected_display_name.inspect}"
    it(`shows ${JSON.stringify(name)} as ${JSON.stringify(displayName)} when no display name was given`, async () => {
      const res = await request(broker.server).post('/pacticipants').send({ name }).expect(201);
      expect(res.body.displayName).to.equal(displayName);
    });
  }
});
