import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

describe('broker: environments, deployments and releases', () => {
  const broker = useBroker();

  it('environments: create (201 with a uuid), list, find by name, replace, delete', async () => {
    const created = await request(broker.server)
      .post('/environments')
      .send({
        name: 'production',
        displayName: 'Production',
        production: true,
        contacts: [{ name: 'Ops', details: { emailAddress: 'ops@example.org' } }],
      })
      .expect(201);
    const uuid = created.body.uuid as string;
    expect(uuid).to.match(/^[0-9a-f-]{36}$/);
    expect(created.body.contacts).to.deep.equal([{ name: 'Ops', details: { emailAddress: 'ops@example.org' } }]);
    await request(broker.server).post('/environments').send({ name: 'production', production: true }).expect(400);
    await request(broker.server).post('/environments').send({ name: 'test', production: false }).expect(201);
    const list = (await request(broker.server).get('/environments').expect(200)).body;
    expect(list._embedded.environments.map((e: { name: string }) => e.name)).to.deep.equal(['production', 'test']);
    expect(list._links['pb:environments'].map((l: { name: string }) => l.name)).to.deep.equal(['production', 'test']);
    const byName = (await request(broker.server).get('/environments?name=test').expect(200)).body;
    expect(byName._embedded.environments).to.have.length(1);
    await request(broker.server).put(`/environments/${uuid}`).send({ name: 'prod', production: true }).expect(200);
    expect((await request(broker.server).get(`/environments/${uuid}`).expect(200)).body.name).to.equal('prod');
    await request(broker.server).delete(`/environments/${uuid}`).expect(204);
    await request(broker.server).get(`/environments/${uuid}`).expect(404);
    await request(broker.server).get('/environments/not-a-uuid').expect(404);
  });

  it('recording a deployment replaces the previous one of the same application instance, not others', async () => {
    await broker.data().environment('production').consumer('Foo').version('1').version('2').version('3');
    const environment = await broker.prisma.environment.findUniqueOrThrow({ where: { name: 'production' } });
    const record = (version: string, applicationInstance?: string) =>
      request(broker.server)
        .post(`/pacticipants/Foo/versions/${version}/deployed-versions/environment/${environment.uuid}`)
        .send(applicationInstance ? { applicationInstance } : {})
        .expect(201);
    await record('1', 'blue');
    await record('2', 'green');
    const third = await record('3', 'blue');
    expect(third.body).to.include({ currentlyDeployed: true, applicationInstance: 'blue', target: 'blue' });
    expect(third.body._embedded.version.number).to.equal('3');
    const current = (
      await request(broker.server)
        .get(`/environments/${environment.uuid}/deployed-versions/currently-deployed?pacticipant=Foo`)
        .expect(200)
    ).body;
    expect(
      current._embedded.deployedVersions.map(
        (d: { _embedded: { version: { number: string } }; applicationInstance: string }) =>
          `${d._embedded.version.number}@${d.applicationInstance}`,
      ),
    ).to.have.members(['2@green', '3@blue']);
    const blue = (
      await request(broker.server)
        .get(
          `/environments/${environment.uuid}/deployed-versions/currently-deployed?pacticipant=Foo&applicationInstance=blue`,
        )
        .expect(200)
    ).body;
    expect(blue._embedded.deployedVersions).to.have.length(1);
  });

  it('concurrent recordings of the same instance leave exactly one deployment current', async () => {
    await broker.data().environment('production').consumer('Foo').version('1').version('2').version('3').version('4');
    const environment = await broker.prisma.environment.findUniqueOrThrow({ where: { name: 'production' } });
    const responses = await Promise.all(
      ['1', '2', '3', '4', '1', '2'].map((version) =>
        request(broker.server)
          .post(`/pacticipants/Foo/versions/${version}/deployed-versions/environment/${environment.uuid}`)
          .send({}),
      ),
    );
    expect(responses.map((res) => res.status)).to.deep.equal(Array(6).fill(201));
    expect(await broker.prisma.deployedVersion.count({ where: { undeployedAt: null } })).to.equal(1);
  });

  it('PATCH currentlyDeployed false undeploys; true again is refused', async () => {
    await broker.data().environment('production').consumer('Foo').version('1').deployedTo('production');
    const deployed = await broker.prisma.deployedVersion.findFirstOrThrow();
    const res = await request(broker.server)
      .patch(`/deployed-versions/${deployed.uuid}`)
      .set('content-type', 'application/merge-patch+json')
      .send({ currentlyDeployed: false })
      .expect(200);
    expect(res.body.currentlyDeployed).to.equal(false);
    await request(broker.server)
      .patch(`/deployed-versions/${deployed.uuid}`)
      .send({ currentlyDeployed: true })
      .expect(422);
    await request(broker.server).get('/deployed-versions/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('releases: record (201; again 200), list the supported ones, end support', async () => {
    await broker.data().environment('production').consumer('Foo').version('1').version('2');
    const environment = await broker.prisma.environment.findUniqueOrThrow({ where: { name: 'production' } });
    const release = (version: string) =>
      request(broker.server)
        .post(`/pacticipants/Foo/versions/${version}/released-versions/environment/${environment.uuid}`)
        .send({});
    const first = await release('1').expect(201);
    await release('1').expect(200);
    await release('2').expect(201);
    const supported = (
      await request(broker.server)
        .get(`/environments/${environment.uuid}/released-versions/currently-supported`)
        .expect(200)
    ).body;
    expect(supported._embedded.releasedVersions).to.have.length(2);
    await request(broker.server)
      .patch(`/released-versions/${first.body.uuid}`)
      .send({ currentlySupported: false })
      .expect(200);
    const after = (
      await request(broker.server)
        .get(`/environments/${environment.uuid}/released-versions/currently-supported?pacticipant=Foo`)
        .expect(200)
    ).body;
    expect(
      after._embedded.releasedVersions.map(
        (r: { _embedded: { version: { number: string } } }) => r._embedded.version.number,
      ),
    ).to.deep.equal(['2']);
  });

  it('a deployment of an unknown version or to an unknown environment is 404', async () => {
    await broker.data().environment('production').consumer('Foo').version('1');
    const environment = await broker.prisma.environment.findUniqueOrThrow({ where: { name: 'production' } });
    await request(broker.server)
      .post(`/pacticipants/Foo/versions/9/deployed-versions/environment/${environment.uuid}`)
      .send({})
      .expect(404);
    await request(broker.server)
      .post('/pacticipants/Foo/versions/1/deployed-versions/environment/00000000-0000-4000-8000-000000000000')
      .send({})
      .expect(404);
    expect(await broker.prisma.deployedVersion.count()).to.equal(0);
  });
});
