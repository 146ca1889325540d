// Ported from the Pact Broker's tag and label specs: spec/features/{create_tag,tag_version,
// get_tag_versions,label_pacticipant,get_label,get_labels,delete_label}_spec.rb, spec/lib/pact_broker/api/
// resources/{tag,tag_versions}_spec.rb and spec/lib/pact_broker/api/decorators/{tag,embedded_tag,label,
// labels,embedded_label}_decorator_spec.rb.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

const HAL = 'application/hal+json;charset=utf-8';

describe('reference: tags (features/create_tag_spec.rb, tag_version_spec.rb, tag_spec.rb, tag decorators)', () => {
  const broker = useBroker();
  const path = '/pacticipants/Foo/versions/1234/tags/foo';
  const put = () => request(broker.server).put(path).set('Content-Type', 'application/json').send('{}');

  // ref: spec/features/create_tag_spec.rb: "returns a 201 response"
  it('PUT of a new tag answers 201', async () => {
    await put().expect(201);
  });

  // ref: spec/features/create_tag_spec.rb: "returns a HAL JSON Content Type"
  it('PUT answers in HAL JSON', async () => {
    expect((await put()).headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/create_tag_spec.rb: "returns the newly created tag"
  it('PUT answers the tag', async () => {
    expect((await put()).body).to.include({ name: 'foo' });
  });

  // ref: spec/features/create_tag_spec.rb: "returns a 200 response"
  it('PUT of a tag the version has answers 200', async () => {
    await broker
      .data()
      .consumer('Foo')
      .version('1234', { tags: ['foo'] });
    await put().expect(200);
  });

  // ref: spec/features/tag_version_spec.rb: "creates a tag"
  it('creates the pacticipant, version and tag, with an encoded "/" in the tag', async () => {
    await request(broker.server)
      .put('/pacticipants/Foo/versions/1.2.3/tags/feat%2Fbar')
      .set('Content-Type', 'application/json')
      .send('')
      .expect(201);
    expect(await broker.prisma.tag.count({ where: { name: 'feat/bar' } })).to.equal(1);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "returns a success response"
  it('PUT succeeds', async () => {
    expect((await put()).status).to.be.within(200, 299);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "its(:status) { is_expected.to eq 400 }"
  it('PUT with malformed JSON answers 400', async () => {
    await request(broker.server).put(path).set('Content-Type', 'application/json').send('{').expect(400);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "renders the tag"
  it("PUT answers the tag with links built from the request's base URL", async () => {
    expect((await put()).body._links.self.href).to.equal(`${broker.url}${path}`);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "creates the tag"
  it('PUT creates the tag', async () => {
    await put().expect(201);
    expect(await broker.prisma.tag.count({ where: { name: 'foo' } })).to.equal(1);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "returns a 201"
  it('PUT of a tag that did not exist answers 201', async () => {
    await broker.data().consumer('Foo').version('1234');
    await put().expect(201);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "returns a 200"
  it('PUT of a tag that exists answers 200, unchanged', async () => {
    await put().expect(201);
    const before = (await request(broker.server).get(path)).body.createdAt;
    const again = await put().expect(200);
    expect(again.body.createdAt).to.equal(before);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "renders the tag"
  it('GET answers the tag', async () => {
    await put().expect(201);
    expect((await request(broker.server).get(path).expect(200)).body).to.include({ name: 'foo' });
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "returns a success response"
  it('GET of an existing tag answers 200', async () => {
    await put().expect(201);
    await request(broker.server).get(path).expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "returns a 404"
  it('GET of an unknown tag answers 404', async () => {
    await request(broker.server).get(path).expect(404);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "deletes the tag by name"
  it('DELETE removes the tag', async () => {
    await put().expect(201);
    await request(broker.server).delete(path);
    expect(await broker.prisma.tag.count()).to.equal(0);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "returns a 204 OK"
  it('DELETE answers 204', async () => {
    await put().expect(201);
    await request(broker.server).delete(path).expect(204);
  });

  // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "returns a 404 Not Found"
  it('DELETE of an unknown tag answers 404', async () => {
    await request(broker.server).delete(path).expect(404);
  });

  describe('the representation (tag_decorator_spec.rb, embedded_tag_decorator_spec.rb)', () => {
    beforeEach(() =>
      broker
        .data()
        .consumer('Consumer')
        .version('1.2.3', { tags: ['prod'] }),
    );
    const tag = async () => (await request(broker.server).get('/pacticipants/Consumer/versions/1.2.3/tags/prod')).body;
    const embedded = async () =>
      (await request(broker.server).get('/pacticipants/Consumer/versions/1.2.3')).body._embedded.tags[0];

    // ref: spec/lib/pact_broker/api/decorators/tag_decorator_spec.rb: "includes the tag name"
    it('includes its name', async () => {
      expect((await tag()).name).to.equal('prod');
    });

    // ref: spec/lib/pact_broker/api/decorators/tag_decorator_spec.rb: "includes a link to itself"
    it('links to itself', async () => {
      expect((await tag())._links.self.href).to.equal(`${broker.url}/pacticipants/Consumer/versions/1.2.3/tags/prod`);
    });

    // ref: spec/lib/pact_broker/api/decorators/tag_decorator_spec.rb: "includes the tag name"
    it('names itself in its self link', async () => {
      expect((await tag())._links.self.name).to.equal('prod');
    });

    // ref: spec/lib/pact_broker/api/decorators/tag_decorator_spec.rb: "includes a link to the version"
    it('links to its version', async () => {
      expect((await tag())._links.version.href).to.equal(`${broker.url}/pacticipants/Consumer/versions/1.2.3`);
    });

    // ref: spec/lib/pact_broker/api/decorators/tag_decorator_spec.rb: "includes the version number"
    it('names the version number in that link', async () => {
      expect((await tag())._links.version.name).to.equal('1.2.3');
    });

    // ref: spec/lib/pact_broker/api/decorators/tag_decorator_spec.rb: "includes a link to the pacticipant"
    it('links to its pacticipant', async () => {
      expect((await tag())._links.pacticipant.href).to.equal(`${broker.url}/pacticipants/Consumer`);
    });

    // ref: spec/lib/pact_broker/api/decorators/tag_decorator_spec.rb: "includes the pacticipant name"
    it('names the pacticipant in that link', async () => {
      expect((await tag())._links.pacticipant.name).to.equal('Consumer');
    });

    // ref: spec/lib/pact_broker/api/decorators/embedded_tag_decorator_spec.rb: "includes the tag name"
    it('embedded in its version, includes its name', async () => {
      expect((await embedded()).name).to.equal('prod');
    });

    // ref: spec/lib/pact_broker/api/decorators/embedded_tag_decorator_spec.rb: "includes a link to itself"
    it('embedded in its version, links to itself', async () => {
      expect((await embedded())._links.self.href).to.equal(
        `${broker.url}/pacticipants/Consumer/versions/1.2.3/tags/prod`,
      );
    });

    // ref: spec/lib/pact_broker/api/decorators/embedded_tag_decorator_spec.rb: "includes the tag name"
    it('embedded in its version, names itself in its self link', async () => {
      expect((await embedded())._links.self.name).to.equal('prod');
    });
  });

  describe("a tag's versions (features/get_tag_versions_spec.rb, tag_versions_spec.rb)", () => {
    beforeEach(() =>
      broker
        .data()
        .environment('test')
        .environment('prod')
        .consumer('Boo')
        .version('1.2.3', { tags: ['prod'] })
        .deployedTo('test')
        .deployedTo('prod')
        .releasedTo('test')
        .releasedTo('prod')
        .version('1.2.4', { tags: ['prod'] })
        .version('1.2.5'),
    );
    const path = '/pacticipants/Boo/tags/prod/versions';

    // ref: spec/features/get_tag_versions_spec.rb: "it { is_expected.to be_a_hal_json_success_response }"
    it('answers 200 in HAL JSON', async () => {
      const res = await request(broker.server).get(path).expect(200);
      expect(res.headers['content-type']).to.equal(HAL);
    });

    // ref: spec/features/get_tag_versions_spec.rb: "returns the tags versions"
    it('lists the versions with the tag, with their deployed environments', async () => {
      const versions = (await request(broker.server).get(path)).body._embedded.versions;
      expect(versions.map((version: { number: string }) => version.number)).to.deep.equal(['1.2.4', '1.2.3']);
      expect(versions[1]._links['pb:deployed-environments']).to.have.length(2);
    });

    // ref: spec/features/get_tag_versions_spec.rb: "its(:status) { is_expected.to eq 404 }"
    it('answers 404 for an unknown pacticipant', async () => {
      await request(broker.server).get('/pacticipants/Foo/tags/prod/versions').expect(404);
    });

    // ref: spec/features/get_tag_versions_spec.rb: "its(:status) { is_expected.to eq 404 }"
    it('answers 404 for a tag no version has', async () => {
      await request(broker.server).get('/pacticipants/Boo/tags/feature_tag/versions').expect(404);
    });

    // ref: spec/features/get_tag_versions_spec.rb: "only returns the number of items specified in the size"
    it('pages', async () => {
      const body = (await request(broker.server).get(path).query({ size: '1', page: '1' })).body;
      expect(body._embedded.versions).to.have.length(1);
      expect(body.page).to.include({ totalElements: 2 });
    });

    // ref: spec/lib/pact_broker/api/resources/tag_versions_spec.rb: "its(:status) { is_expected.to eq 404 }"
    it('answers 404 when no version has the tag', async () => {
      await request(broker.server).get('/pacticipants/Boo/tags/nothing/versions').expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/tag_versions_spec.rb: "its(:status) { is_expected.to eq 200 }"
    it('answers 200 when versions have the tag', async () => {
      await request(broker.server).get(path).expect(200);
    });

    // ref: spec/lib/pact_broker/api/resources/tag_versions_spec.rb: "contains pb:deployed-environments and pb:released-environments for each version"
    it("shows each version's deployed and released environments", async () => {
      const version = (await request(broker.server).get(path)).body._embedded.versions[1];
      expect(version._links['pb:deployed-environments']).to.have.length(2);
      expect(version._links['pb:deployed-environments'][0]).to.include.keys('title', 'name', 'href');
      expect(version._links['pb:released-environments']).to.have.length(2);
      expect(version._links['pb:released-environments'][0]).to.include.keys('title', 'name', 'href');
    });
  });
});

describe('reference: labels (features/*label*_spec.rb, label decorators)', () => {
  const broker = useBroker();
  async function labelled() {
    await broker.data().pacticipant('foo').pacticipant('bar');
    for (const [name, label] of [
      ['foo', 'ios'],
      ['foo', 'consumer'],
      ['bar', 'ios'],
      ['bar', 'consumer'],
    ])
      await request(broker.server).put(`/pacticipants/${name}/labels/${label}`).send({}).expect(201);
  }

  // ref: spec/features/label_pacticipant_spec.rb: "returns a 201 Created"
  it('labelling answers 201 (creating the pacticipant when unknown)', async () => {
    await request(broker.server)
      .put('/pacticipants/foo/labels/ios')
      .set('Content-Type', 'application/json')
      .send('')
      .expect(201);
    await request(broker.server).get('/pacticipants/foo').expect(200);
  });

  // ref: spec/features/label_pacticipant_spec.rb: "returns a json body"
  it('labelling answers in HAL JSON', async () => {
    const res = await request(broker.server).put('/pacticipants/foo/labels/ios').send({});
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/label_pacticipant_spec.rb: "returns the label in the body"
  it('labelling answers the label', async () => {
    expect((await request(broker.server).put('/pacticipants/foo/labels/ios').send({})).body).to.include({
      name: 'ios',
    });
  });

  // ref: spec/features/get_label_spec.rb: "returns a 200 OK"
  it('GET of a label answers 200 in HAL JSON', async () => {
    await labelled();
    const res = await request(broker.server).get('/pacticipants/foo/labels/ios').expect(200);
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/get_label_spec.rb: "returns the label in the body"
  it('GET of a label answers the label', async () => {
    await labelled();
    expect((await request(broker.server).get('/pacticipants/foo/labels/ios')).body).to.include({ name: 'ios' });
  });

  // ref: spec/features/get_labels_spec.rb: "returns a 200 OK"
  it('GET /labels answers 200 in HAL JSON', async () => {
    await labelled();
    const res = await request(broker.server).get('/labels').expect(200);
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/get_labels_spec.rb: "returns the labels in the body"
  it('GET /labels lists each label name once', async () => {
    await labelled();
    const labels = (await request(broker.server).get('/labels')).body._embedded.labels;
    expect(labels.map((label: { name: string }) => label.name))
      .to.have.members(['ios', 'consumer'])
      .and.have.length(2);
  });

  // ref: spec/features/get_labels_spec.rb: "only returns the number of items specified in the page"
  it('GET /labels pages', async () => {
    await labelled();
    expect(
      (await request(broker.server).get('/labels').query({ size: '1', page: '1' })).body._embedded.labels,
    ).to.have.length(1);
  });

  // ref: spec/support/shared_examples_for_responses.rb: "includes the pagination relations"
  it('GET /labels with paging links to the next page', async () => {
    await labelled();
    expect(
      (await request(broker.server).get('/labels').query({ size: '1', page: '1' })).body._links.next.href,
    ).to.equal(`${broker.url}/labels?size=1&page=2`);
  });

  // ref: spec/support/shared_examples_for_responses.rb: "includes the page details"
  it('GET /labels with paging describes the page', async () => {
    await labelled();
    expect((await request(broker.server).get('/labels').query({ size: '1', page: '1' })).body.page).to.deep.equal({
      number: 1,
      size: 1,
      totalElements: 2,
      totalPages: 2,
    });
  });

  // ref: spec/features/delete_label_spec.rb: "returns a 204 No Content"
  it('DELETE of a label answers 204', async () => {
    await labelled();
    await request(broker.server).delete('/pacticipants/foo/labels/ios').expect(204);
  });

  // ref: spec/features/delete_label_spec.rb: "deletes the label"
  it("DELETE removes that pacticipant's label only", async () => {
    await labelled();
    await request(broker.server).delete('/pacticipants/foo/labels/ios');
    expect(await broker.prisma.label.count()).to.equal(3);
    await request(broker.server).get('/pacticipants/foo/labels/ios').expect(404);
    await request(broker.server).get('/pacticipants/bar/labels/ios').expect(200);
  });

  describe('the representation (label_decorator_spec.rb, labels_decorator_spec.rb, embedded_label_decorator_spec.rb)', () => {
    beforeEach(() => labelled());
    const label = async () => (await request(broker.server).get('/pacticipants/foo/labels/ios')).body;

    // ref: spec/lib/pact_broker/api/decorators/label_decorator_spec.rb: "includes the label name"
    it('includes its name', async () => {
      expect((await label()).name).to.equal('ios');
    });

    // ref: spec/lib/pact_broker/api/decorators/label_decorator_spec.rb: "includes a link to itself"
    it('links to itself', async () => {
      expect((await label())._links.self.href).to.equal(`${broker.url}/pacticipants/foo/labels/ios`);
    });

    // ref: spec/lib/pact_broker/api/decorators/label_decorator_spec.rb: "includes the label name"
    it('names itself in its self link', async () => {
      expect((await label())._links.self.name).to.equal('ios');
    });

    // ref: spec/lib/pact_broker/api/decorators/label_decorator_spec.rb: "includes a link to the pacticipant"
    it('links to its pacticipant', async () => {
      expect((await label())._links.pacticipant.href).to.equal(`${broker.url}/pacticipants/foo`);
    });

    // ref: spec/lib/pact_broker/api/decorators/label_decorator_spec.rb: "includes the pacticipant name"
    it('names the pacticipant in that link', async () => {
      expect((await label())._links.pacticipant.name).to.equal('foo');
    });

    // ref: spec/lib/pact_broker/api/decorators/labels_decorator_spec.rb: "includes the label names"
    it('the list has the label names', async () => {
      const labels = (await request(broker.server).get('/labels')).body._embedded.labels;
      expect(labels.map((each: { name: string }) => each.name)).to.have.members(['consumer', 'ios']);
    });

    // ref: spec/lib/pact_broker/api/decorators/labels_decorator_spec.rb: "includes the resource url"
    it('the list links to itself', async () => {
      expect((await request(broker.server).get('/labels')).body._links.self.href).to.equal(`${broker.url}/labels`);
    });

    // ref: spec/lib/pact_broker/api/decorators/labels_decorator_spec.rb: "labels field doest not include any links"
    it("the list's labels have no links", async () => {
      expect((await request(broker.server).get('/labels')).body._embedded.labels[0]).not.to.have.property('_links');
    });

    // ref: spec/lib/pact_broker/api/decorators/labels_decorator_spec.rb: "doest not include createdAt"
    it("the list's labels have no timestamps", async () => {
      expect((await request(broker.server).get('/labels')).body._embedded.labels[0]).not.to.have.property('createdAt');
    });

    // ref: spec/lib/pact_broker/api/decorators/embedded_label_decorator_spec.rb: "includes the label name"
    it('embedded in its pacticipant, includes its name', async () => {
      const labels = (await request(broker.server).get('/pacticipants/foo')).body._embedded.labels;
      expect(labels.map((each: { name: string }) => each.name)).to.include('ios');
    });

    // ref: spec/lib/pact_broker/api/decorators/embedded_label_decorator_spec.rb: "includes a link to itself"
    it('embedded in its pacticipant, links to itself', async () => {
      const labels = (await request(broker.server).get('/pacticipants/foo')).body._embedded.labels;
      const ios = labels.find((each: { name: string }) => each.name === 'ios');
      expect(ios._links.self.href).to.equal(`${broker.url}/pacticipants/foo/labels/ios`);
    });

    // ref: spec/lib/pact_broker/api/decorators/embedded_label_decorator_spec.rb: "includes the label name"
    it('embedded in its pacticipant, names itself in its self link', async () => {
      const labels = (await request(broker.server).get('/pacticipants/foo')).body._embedded.labels;
      expect(labels.find((each: { name: string }) => each.name === 'ios')._links.self.name).to.equal('ios');
    });
  });
});
