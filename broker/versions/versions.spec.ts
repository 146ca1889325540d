import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

describe('broker: pacticipants, versions, branches and tags', () => {
  const broker = useBroker();

  describe('pacticipants', () => {
    it('POST creates one (201); the same name again answers the existing one, unchanged (as the Pact Broker does)', async () => {
      const res = await request(broker.server)
        .post('/pacticipants')
        .send({ name: 'Foo', mainBranch: 'main', repositoryUrl: 'https://git/foo' })
        .expect(201);
      expect(res.body).to.include({ name: 'Foo', mainBranch: 'main', repositoryUrl: 'https://git/foo' });
      expect(res.headers.location).to.equal(`${broker.url}/pacticipants/Foo`);
      const again = await request(broker.server)
        .post('/pacticipants')
        .send({ name: 'Foo', mainBranch: 'other' })
        .expect(201);
      expect(again.body).to.include({ name: 'Foo', mainBranch: 'main' });
      expect(await broker.prisma.pacticipant.count()).to.equal(1);
    });

    it('PATCH changes only the fields given and creates a missing pacticipant (201); PUT clears the others', async () => {
      await request(broker.server).patch('/pacticipants/Foo').send({ mainBranch: 'main' }).expect(201);
      await request(broker.server).patch('/pacticipants/Foo').send({ displayName: 'The Foo' }).expect(200);
      expect(await broker.prisma.pacticipant.findUniqueOrThrow({ where: { name: 'Foo' } })).to.include({
        mainBranch: 'main',
        displayName: 'The Foo',
      });
      await request(broker.server).put('/pacticipants/Foo').send({ repositoryUrl: 'https://git/foo' }).expect(200);
      expect(await broker.prisma.pacticipant.findUniqueOrThrow({ where: { name: 'Foo' } })).to.include({
        mainBranch: null,
        repositoryUrl: 'https://git/foo',
      });
      await request(broker.server).patch('/pacticipants/Foo').send({ name: 'Bar' }).expect(400);
    });

    it('GET shows the latest version and the links the verifier needs; the list has every pacticipant', async () => {
      await broker.data().consumer('Foo').version('1').version('2');
      const foo = (await request(broker.server).get('/pacticipants/Foo').expect(200)).body;
      expect(foo._embedded['latest-version'].number).to.equal('2');
      for (const rel of ['pb:version', 'pb:version-tag', 'pb:branch-version', 'pb:versions', 'pb:branches', 'pb:label'])
        expect(foo._links[rel], rel).to.have.property('href');
      expect(foo._links['pb:branch-version'].href).to.equal(
        `${broker.url}/pacticipants/Foo/branches/{branch}/versions/{version}`,
      );
      await broker.data().consumer('Bar');
      const list = (await request(broker.server).get('/pacticipants').expect(200)).body;
      expect(list.pacticipants.map((p: { name: string }) => p.name)).to.deep.equal(['Bar', 'Foo']);
    });

    it('DELETE removes the pacticipant with its versions and pacts', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar');
      await request(broker.server).delete('/pacticipants/Foo').expect(204);
      await request(broker.server).get('/pacticipants/Foo').expect(404);
      expect(await broker.prisma.version.count({ where: { pacticipant: { name: 'Foo' } } })).to.equal(0);
      expect(await broker.prisma.pactPublication.count()).to.equal(0);
    });

    it('labels can be added, listed by label and removed', async () => {
      await broker.data().consumer('Foo');
      await request(broker.server).put('/pacticipants/Foo/labels/team-a').send({}).expect(201);
      await request(broker.server).put('/pacticipants/Foo/labels/team-a').send({}).expect(200);
      const labelled = (await request(broker.server).get('/pacticipants/label/team-a').expect(200)).body;
      expect(labelled.pacticipants.map((p: { name: string }) => p.name)).to.deep.equal(['Foo']);
      await request(broker.server).delete('/pacticipants/Foo/labels/team-a').expect(204);
      await request(broker.server).get('/pacticipants/Foo/labels/team-a').expect(404);
    });
  });

  describe('versions', () => {
    it('PUT creates the pacticipant and version with its branch and build URL (201), then updates (200)', async () => {
      await request(broker.server)
        .put('/pacticipants/Foo/versions/1.0.0')
        .send({ branch: 'main', buildUrl: 'https://ci/1' })
        .expect(201);
      const res = await request(broker.server)
        .put('/pacticipants/Foo/versions/1.0.0')
        .send({ buildUrl: 'https://ci/2' })
        .expect(200);
      expect(res.body).to.include({ number: '1.0.0', buildUrl: 'https://ci/2' });
      expect(res.body._embedded.branchVersions.map((b: { name: string }) => b.name)).to.deep.equal(['main']);
    });

    it('GET lists a record-deployment and record-release link per environment, always as lists', async () => {
      await broker.data().consumer('Foo').version('1');
      const none = (await request(broker.server).get('/pacticipants/Foo/versions/1').expect(200)).body;
      expect(none._links['pb:record-deployment']).to.deep.equal([]);
      await broker.data().environment('test').environment('production', { displayName: 'Production' });
      const links = (await request(broker.server).get('/pacticipants/Foo/versions/1').expect(200)).body._links;
      expect(links['pb:record-deployment'].map((l: { name: string }) => l.name)).to.deep.equal(['production', 'test']);
      expect(links['pb:record-release'][0].title).to.equal('Record release to Production');
    });

    it('latest-version, latest with a tag, and the paged list newest first', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['prod'] })
        .version('2')
        .version('3');
      expect((await request(broker.server).get('/pacticipants/Foo/latest-version').expect(200)).body.number).to.equal(
        '3',
      );
      expect(
        (await request(broker.server).get('/pacticipants/Foo/latest-version/prod').expect(200)).body.number,
      ).to.equal('1');
      await request(broker.server).get('/pacticipants/Foo/latest-version/nope').expect(404);
      const page = (await request(broker.server).get('/pacticipants/Foo/versions?pageSize=2').expect(200)).body;
      expect(page._embedded.versions.map((v: { number: string }) => v.number)).to.deep.equal(['3', '2']);
      expect(page.page).to.include({ totalElements: 3, totalPages: 2 });
      expect(page._links.next.href).to.equal(`${broker.url}/pacticipants/Foo/versions?size=2&page=2`);
    });
  });

  describe('tags', () => {
    it('PUT creates the pacticipant and version (201); the same tag again is 200; DELETE removes it', async () => {
      await request(broker.server).put('/pacticipants/Condor/versions/1.3.0/tags/prod').send({}).expect(201);
      const again = await request(broker.server)
        .put('/pacticipants/Condor/versions/1.3.0/tags/prod')
        .send({})
        .expect(200);
      expect(again.body._links.self.href).to.equal(`${broker.url}/pacticipants/Condor/versions/1.3.0/tags/prod`);
      await request(broker.server).delete('/pacticipants/Condor/versions/1.3.0/tags/prod').expect(204);
      await request(broker.server).get('/pacticipants/Condor/versions/1.3.0/tags/prod').expect(404);
    });
  });

  describe('branches', () => {
    it('PUT .../branches/{b}/versions/{v} creates what is missing; the branch shows its latest version; DELETE keeps the versions', async () => {
      await request(broker.server).put('/pacticipants/Foo/branches/feat%2Fx/versions/1').send({}).expect(201);
      await request(broker.server).put('/pacticipants/Foo/branches/feat%2Fx/versions/2').send({}).expect(201);
      await request(broker.server).put('/pacticipants/Foo/branches/feat%2Fx/versions/2').send({}).expect(200);
      const branch = (await request(broker.server).get('/pacticipants/Foo/branches/feat%2Fx').expect(200)).body;
      expect(branch.name).to.equal('feat/x');
      expect(branch._embedded['latest-version'].number).to.equal('2');
      const versions = (await request(broker.server).get('/pacticipants/Foo/branches/feat%2Fx/versions').expect(200))
        .body;
      expect(versions._embedded.versions.map((v: { number: string }) => v.number)).to.deep.equal(['2', '1']);
      await request(broker.server).delete('/pacticipants/Foo/branches/feat%2Fx').expect(204);
      await request(broker.server).get('/pacticipants/Foo/branches/feat%2Fx').expect(404);
      expect(await broker.prisma.version.count()).to.equal(2);
    });
  });
});
