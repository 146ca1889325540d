// Ported from the Pact Broker's deployment and release examples: spec/features/record_deployment_spec.rb,
// record_release_spec.rb, record_undeployment_spec.rb, end_support_spec.rb,
// get_currently_deployed_versions_for_environment_spec.rb, get_currently_supported_versions_for_environment_spec.rb,
// get_deployed_versions_for_version_and_environment.rb, get_currently_deployed_versions_for_version_spec.rb,
// get_released_versions_for_version_and_environment_spec.rb, and the services' specs
// (deployments/deployed_version_service_spec.rb, released_version_service_spec.rb) and
// api/resources/released_version_spec.rb, over HTTP.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

describe('reference conformance: deployed and released versions', () => {
  const broker = useBroker();
  const json = { 'Content-Type': 'application/json', Accept: 'application/hal+json' };
  const mergePatch = { 'Content-Type': 'application/merge-patch+json', Accept: 'application/hal+json' };
  const deployedCount = (where: object = {}) => broker.prisma.deployedVersion.count({ where });

  /** The record-deployment (or -release) link of a version for an environment, as clients find it. */
  async function recordLink(
    version: string,
    relation: 'pb:record-deployment' | 'pb:record-release',
    environment: string,
  ) {
    const res = await request(broker.server).get(`/pacticipants/Foo/versions/${version}`).set(json).expect(200);
    return (res.body._links[relation] as { name: string; href: string }[]).find((link) => link.name === environment)!
      .href;
  }
  /** The response, after checking its status (the helpers resolve to responses). */
  const status = (res: request.Response, code: number) => {
    expect(res.status, res.text).to.equal(code);
    return res;
  };
  const post = (href: string, body?: object) =>
    request(broker.server)
      .post(new URL(href).pathname)
      .set(json)
      .send(body === undefined ? '' : JSON.stringify(body));

  describe('recording a deployment (record_deployment_spec.rb)', () => {
    beforeEach(async () => {
      await broker.data().environment('test').consumer('Foo').version('1').deployedTo('test').version('2');
    });

    const record = async (body: object | undefined = { applicationInstance: null }) =>
      post(await recordLink('2', 'pb:record-deployment', 'test'), body);

    // ref: spec/features/record_deployment_spec.rb: "is expected to be a hal json created response"
    it('answers 201 with HAL JSON', async () => {
      const res = await status(await record(), 201);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/record_deployment_spec.rb: "returns the Location header"
    it("puts the deployed version's URL in the Location header", async () => {
      const res = await status(await record(), 201);
      expect(res.headers.location).to.match(new RegExp(`^${broker.url}/deployed-versions/`));
    });

    // ref: spec/features/record_deployment_spec.rb: "returns the newly created deployment"
    it('returns the deployment, currently deployed, without an application instance when none was given', async () => {
      const res = await status(await record(), 201);
      expect(res.body.currentlyDeployed).to.equal(true);
      expect(res.body).to.not.have.property('target');
      expect(res.body).to.not.have.property('applicationInstance');
    });

    // ref: spec/features/record_deployment_spec.rb: "creates a new deployed version"
    it('stores a new deployed version', async () => {
      const before = await deployedCount();
      await status(await record(), 201);
      expect(await deployedCount()).to.equal(before + 1);
    });

    // ref: spec/features/record_deployment_spec.rb: "marks the previous deployment as not currently deployed"
    it('marks the previous deployment (same instance) as undeployed', async () => {
      const before = await deployedCount({ undeployedAt: { not: null } });
      await status(await record(), 201);
      expect(await deployedCount({ undeployedAt: { not: null } })).to.equal(before + 1);
    });

    // ref: spec/features/record_deployment_spec.rb: "does not change the overall count of currently deployed versions"
    it('keeps the number of current deployments', async () => {
      const before = await deployedCount({ undeployedAt: null });
      await status(await record(), 201);
      expect(await deployedCount({ undeployedAt: null })).to.equal(before);
    });

    describe('when the version is already deployed there', () => {
      let existing: string;
      beforeEach(async () => {
        await broker.data().consumer('Foo').version('2').deployedTo('test');
        existing = (await broker.prisma.deployedVersion.findFirstOrThrow({ where: { undeployedAt: null } })).uuid;
      });

      // ref: spec/features/record_deployment_spec.rb: "does not mark anything as undeployed"
      it('undeploys nothing', async () => {
        const before = (await broker.prisma.deployedVersion.findMany({ where: { undeployedAt: { not: null } } })).map(
          (d) => d.uuid,
        );
        await record();
        const after = (await broker.prisma.deployedVersion.findMany({ where: { undeployedAt: { not: null } } })).map(
          (d) => d.uuid,
        );
        expect(after).to.have.members(before);
      });

      // ref: spec/features/record_deployment_spec.rb: "returns the existing deployed version"
      it('returns the existing deployment', async () => {
        expect((await record()).body.uuid).to.equal(existing);
      });
    });

    // ref: spec/features/record_deployment_spec.rb: "creates a new deployed version"
    it('a version deployed before, then replaced, gets a new deployment', async () => {
      await broker.data().consumer('Foo').version('2').deployedTo('test').version('3').deployedTo('test');
      const before = await deployedCount();
      await status(await record(), 201);
      expect(await deployedCount()).to.equal(before + 1);
    });

    // ref: spec/features/record_deployment_spec.rb: "is expected to be a hal json created response"
    it('an empty body is fine', async () => {
      await status(await record(undefined), 201);
    });

    describe('to another application instance', () => {
      // ref: spec/features/record_deployment_spec.rb: "creates a new deployed version"
      it('adds a current deployment', async () => {
        const before = await deployedCount({ undeployedAt: null });
        await status(await record({ applicationInstance: 'foo' }), 201);
        expect(await deployedCount({ undeployedAt: null })).to.equal(before + 1);
      });

      // ref: spec/features/record_deployment_spec.rb: "sets the applicationInstance"
      it('returns the application instance', async () => {
        const res = await status(await record({ applicationInstance: 'foo' }), 201);
        expect(res.body.applicationInstance).to.equal('foo');
      });
    });

    describe('to another target (the older name)', () => {
      // ref: spec/features/record_deployment_spec.rb: "creates a new deployed version"
      it('adds a current deployment', async () => {
        const before = await deployedCount({ undeployedAt: null });
        await status(await record({ target: 'foo' }), 201);
        expect(await deployedCount({ undeployedAt: null })).to.equal(before + 1);
      });

      // ref: spec/features/record_deployment_spec.rb: "sets the target"
      it('returns the target', async () => {
        const res = await status(await record({ target: 'foo' }), 201);
        expect(res.body.target).to.equal('foo');
      });
    });
  });

  describe('recording a release (record_release_spec.rb)', () => {
    beforeEach(async () => {
      await broker.data().environment('production').consumer('Foo').version('1');
    });
    const release = async () => post(await recordLink('1', 'pb:record-release', 'production'));

    // ref: spec/features/record_release_spec.rb: "is expected to be a hal json created response"
    it('answers 201 with HAL JSON', async () => {
      const res = await status(await release(), 201);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/record_release_spec.rb: "returns the Location header"
    it("puts the released version's URL in the Location header", async () => {
      const res = await status(await release(), 201);
      expect(res.headers.location).to.match(new RegExp(`^${broker.url}/released-versions/`));
    });

    // ref: spec/features/record_release_spec.rb: "returns the newly created release"
    it('returns the release, currently supported', async () => {
      expect((await status(await release(), 201)).body.currentlySupported).to.equal(true);
    });

    // ref: spec/features/record_release_spec.rb: "creates a new released version"
    it('stores a released version', async () => {
      await status(await release(), 201);
      expect(await broker.prisma.releasedVersion.count()).to.equal(1);
    });

    // ref: spec/features/record_release_spec.rb: "creates a released version resource"
    it('the Location can be read', async () => {
      const res = await status(await release(), 201);
      await request(broker.server).get(new URL(res.headers.location!).pathname).expect(200);
    });

    describe('when the version is already released', () => {
      let uuid: string;
      beforeEach(async () => {
        await broker.data().consumer('Foo').version('1').releasedTo('production');
        uuid = (await broker.prisma.releasedVersion.findFirstOrThrow()).uuid;
      });

      // ref: spec/features/record_release_spec.rb: "returns the Location header"
      it('puts the existing release in the Location header', async () => {
        expect((await release()).headers.location).to.include(uuid);
      });

      // ref: spec/features/record_release_spec.rb: "does not change the overall count of released versions"
      it('stores nothing new', async () => {
        await release();
        expect(await broker.prisma.releasedVersion.count()).to.equal(1);
      });

      // ref: spec/features/record_release_spec.rb: "returns the existing released version"
      it('returns the existing release', async () => {
        expect((await release()).body.uuid).to.equal(uuid);
      });

      // ref: spec/features/record_release_spec.rb: "is expected to be a hal json success response"
      it('answers 200', async () => {
        await status(await release(), 200);
      });
    });

    describe('when support for it had ended', () => {
      let uuid: string;
      beforeEach(async () => {
        await broker.data().consumer('Foo').version('1').releasedTo('production');
        const released = await broker.prisma.releasedVersion.findFirstOrThrow();
        uuid = released.uuid;
        const yesterday = new Date(Date.now() - 86_400_000);
        await broker.prisma.releasedVersion.update({
          where: { id: released.id },
          data: { supportEndedAt: yesterday, createdAt: yesterday, updatedAt: yesterday },
        });
      });

      // ref: spec/features/record_release_spec.rb: "returns the Location header"
      it('puts the existing release in the Location header', async () => {
        expect((await release()).headers.location).to.include(uuid);
      });

      // ref: spec/features/record_release_spec.rb: "returns the existing release with the currentlySupported parameter set back to true"
      it('supports it again', async () => {
        expect((await release()).body.currentlySupported).to.equal(true);
      });

      // ref: spec/features/record_release_spec.rb: "does not change the createdAt"
      it('keeps when it was first released', async () => {
        const before = (await broker.prisma.releasedVersion.findFirstOrThrow()).createdAt;
        await release();
        expect((await broker.prisma.releasedVersion.findFirstOrThrow()).createdAt).to.deep.equal(before);
      });

      // ref: spec/features/record_release_spec.rb: "updates the updatedAt"
      it('records that it changed', async () => {
        const before = (await broker.prisma.releasedVersion.findFirstOrThrow()).updatedAt;
        await release();
        expect((await broker.prisma.releasedVersion.findFirstOrThrow()).updatedAt.getTime()).to.be.greaterThan(
          before.getTime(),
        );
      });
    });
  });

  describe('recording an undeployment (record_undeployment_spec.rb)', () => {
    const setUp = async (currentlyDeployed: boolean) => {
      await broker
        .data()
        .environment('test')
        .consumer('Foo')
        .version('1')
        .deployedTo('test', { applicationInstance: 'customer-1' });
      const deployed = await broker.prisma.deployedVersion.findFirstOrThrow();
      if (!currentlyDeployed)
        await broker.prisma.deployedVersion.update({
          where: { id: deployed.id },
          data: { undeployedAt: new Date(Date.now() - 1000) },
        });
      return deployed.uuid;
    };
    const patch = (uuid: string, body: object) =>
      request(broker.server).patch(`/deployed-versions/${uuid}`).set(mergePatch).send(JSON.stringify(body));

    // ref: spec/features/record_undeployment_spec.rb: "marks the deployed version as not currently deployed"
    it('currentlyDeployed=false undeploys it', async () => {
      const uuid = await setUp(true);
      await patch(uuid, { currentlyDeployed: false }).expect(200);
      expect((await broker.prisma.deployedVersion.findFirstOrThrow()).undeployedAt).to.not.equal(null);
    });

    // ref: spec/features/record_undeployment_spec.rb: "returns the updated resource"
    it('returns it, no longer deployed, with when it was undeployed', async () => {
      const res = await patch(await setUp(true), { currentlyDeployed: false }).expect(200);
      expect(res.body.currentlyDeployed).to.equal(false);
      expect(res.body.undeployedAt).to.be.a('string');
    });

    // ref: spec/features/record_undeployment_spec.rb: "does nothing to the resource"
    it('an empty body changes nothing', async () => {
      const uuid = await setUp(true);
      const before = await broker.prisma.deployedVersion.findFirstOrThrow();
      await patch(uuid, {}).expect(200);
      expect(await broker.prisma.deployedVersion.findFirstOrThrow()).to.deep.equal(before);
    });

    // ref: spec/features/record_undeployment_spec.rb: "returns the resource"
    it('an empty body returns the deployment', async () => {
      const uuid = await setUp(true);
      expect((await patch(uuid, {}).expect(200)).body.uuid).to.equal(uuid);
    });

    // ref: spec/features/record_undeployment_spec.rb: "returns the resource"
    it('undeploying it again returns it as it is', async () => {
      const res = await patch(await setUp(false), { currentlyDeployed: false }).expect(200);
      expect(res.body.currentlyDeployed).to.equal(false);
      expect(res.body.undeployedAt).to.be.a('string');
    });

    // ref: spec/features/record_undeployment_spec.rb: "does not change the undeployedAt date"
    it('undeploying it again keeps the first undeployment time', async () => {
      const uuid = await setUp(false);
      const before = (await broker.prisma.deployedVersion.findFirstOrThrow()).undeployedAt;
      await patch(uuid, { currentlyDeployed: false }).expect(200);
      expect((await broker.prisma.deployedVersion.findFirstOrThrow()).undeployedAt).to.deep.equal(before);
    });

    // ref: spec/features/record_undeployment_spec.rb: "is expected to eq 422"
    it('marking an undeployed version deployed again: 422', async () => {
      await patch(await setUp(false), { currentlyDeployed: true }).expect(422);
    });

    // ref: spec/features/record_undeployment_spec.rb: "returns an error"
    it('and says that it cannot be set back', async () => {
      const res = await patch(await setUp(false), { currentlyDeployed: true });
      expect(res.body.errors.currentlyDeployed[0]).to.include('cannot be set back');
    });
  });

  describe('ending support (end_support_spec.rb)', () => {
    const setUp = async (currentlySupported: boolean) => {
      await broker.data().environment('test').consumer('Foo').version('1').releasedTo('test');
      const released = await broker.prisma.releasedVersion.findFirstOrThrow();
      if (!currentlySupported)
        await broker.prisma.releasedVersion.update({
          where: { id: released.id },
          data: { supportEndedAt: new Date(Date.now() - 1000) },
        });
      return released.uuid;
    };
    const patch = (uuid: string, body: object) =>
      request(broker.server).patch(`/released-versions/${uuid}`).set(mergePatch).send(JSON.stringify(body));

    // ref: spec/features/end_support_spec.rb: "marks the deployed version as not currently supported"
    it('currentlySupported=false ends support', async () => {
      await patch(await setUp(true), { currentlySupported: false }).expect(200);
      expect((await broker.prisma.releasedVersion.findFirstOrThrow()).supportEndedAt).to.not.equal(null);
    });

    // ref: spec/features/end_support_spec.rb: "returns the updated resource"
    it('returns it, no longer supported, with when support ended', async () => {
      const res = await patch(await setUp(true), { currentlySupported: false }).expect(200);
      expect(res.body.currentlySupported).to.equal(false);
      expect(res.body.supportEndedAt).to.be.a('string');
    });

    // ref: spec/features/end_support_spec.rb: "does nothing to the resource"
    it('an empty body changes nothing', async () => {
      const uuid = await setUp(true);
      const before = await broker.prisma.releasedVersion.findFirstOrThrow();
      await patch(uuid, {}).expect(200);
      expect(await broker.prisma.releasedVersion.findFirstOrThrow()).to.deep.equal(before);
    });

    // ref: spec/features/end_support_spec.rb: "returns the resource"
    it('an empty body returns the release', async () => {
      const uuid = await setUp(true);
      expect((await patch(uuid, {}).expect(200)).body.uuid).to.equal(uuid);
    });

    // ref: spec/features/end_support_spec.rb: "returns the resource"
    it('ending support again returns it as it is', async () => {
      const res = await patch(await setUp(false), { currentlySupported: false }).expect(200);
      expect(res.body.currentlySupported).to.equal(false);
      expect(res.body.supportEndedAt).to.be.a('string');
    });

    // ref: spec/features/end_support_spec.rb: "does not change the supportEndedAt date"
    it('ending support again keeps the first end', async () => {
      const uuid = await setUp(false);
      const before = (await broker.prisma.releasedVersion.findFirstOrThrow()).supportEndedAt;
      await patch(uuid, { currentlySupported: false }).expect(200);
      expect((await broker.prisma.releasedVersion.findFirstOrThrow()).supportEndedAt).to.deep.equal(before);
    });

    // ref: spec/features/end_support_spec.rb: "is expected to eq 422"
    it('marking it supported again: 422', async () => {
      await patch(await setUp(false), { currentlySupported: true }).expect(422);
    });

    // ref: spec/features/end_support_spec.rb: "returns an error"
    it('and says that it cannot be set back', async () => {
      const res = await patch(await setUp(false), { currentlySupported: true });
      expect(res.body.errors.currentlySupported[0]).to.include('cannot be set back');
    });
  });

  describe('what is deployed in an environment (get_currently_deployed_versions_for_environment_spec.rb)', () => {
    let test: string;
    beforeEach(async () => {
      const data = broker
        .data()
        .environment('test')
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .deployedTo('test', { applicationInstance: 'customer-1' })
        .deployedTo('prod')
        .provider('Bar')
        .version('4')
        .deployedTo('test', { applicationInstance: 'customer-1' })
        .version('5')
        .deployedTo('test');
      await data;
      test = data.environments.get('test')!.uuid;
    });
    const list = (query = '') =>
      request(broker.server).get(`/environments/${test}/deployed-versions/currently-deployed${query}`).set(json);
    const numbers = (body: { _embedded: { deployedVersions: { _embedded: { version: { number: string } } }[] } }) =>
      body._embedded.deployedVersions.map((d) => d._embedded.version.number);

    // ref: spec/features/get_currently_deployed_versions_for_environment_spec.rb: "returns a list of deployed versions"
    it('lists every current deployment, titled with the environment', async () => {
      const res = await list().expect(200);
      expect(res.body._embedded.deployedVersions).to.have.length(3);
      expect(res.body._links.self.title).to.include('Test');
      expect(res.body._links.self.href).to.match(/\/deployed-versions\/currently-deployed$/);
    });

    // ref: spec/features/get_currently_deployed_versions_for_environment_spec.rb: "returns a list of matching deployed versions"
    it('by pacticipant and application instance', async () => {
      expect(numbers((await list('?pacticipant=Bar&applicationInstance=customer-1').expect(200)).body)).to.deep.equal([
        '4',
      ]);
    });

    // ref: spec/features/get_currently_deployed_versions_for_environment_spec.rb: "returns a list of matching deployed versions"
    it('by pacticipant with a blank application instance: the deployment without one', async () => {
      expect(numbers((await list('?pacticipant=Bar&applicationInstance=').expect(200)).body)).to.deep.equal(['5']);
    });

    // ref: spec/features/get_currently_deployed_versions_for_environment_spec.rb: "returns a list of matching deployed versions"
    it('by pacticipant only: all of its deployments', async () => {
      expect((await list('?pacticipant=Bar').expect(200)).body._embedded.deployedVersions).to.have.length(2);
    });

    // ref: spec/features/get_currently_deployed_versions_for_environment_spec.rb: "returns a list of matching deployed versions"
    it('by pacticipant and target (the older name)', async () => {
      expect(numbers((await list('?pacticipant=Bar&target=customer-1').expect(200)).body)).to.deep.equal(['4']);
    });

    // ref: spec/features/get_currently_deployed_versions_for_environment_spec.rb: "returns a list of matching deployed versions"
    it('by pacticipant with a blank target: the deployment without one', async () => {
      expect(numbers((await list('?pacticipant=Bar&target=').expect(200)).body)).to.deep.equal(['5']);
    });
  });

  describe('what is supported in an environment (get_currently_supported_versions_for_environment_spec.rb)', () => {
    let test: string;
    beforeEach(async () => {
      const data = broker
        .data()
        .environment('test')
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .releasedTo('test')
        .releasedTo('prod')
        .provider('Bar')
        .version('4')
        .releasedTo('test')
        .version('5')
        .releasedTo('test');
      await data;
      test = data.environments.get('test')!.uuid;
    });
    const list = (query = '') =>
      request(broker.server).get(`/environments/${test}/released-versions/currently-supported${query}`).set(json);

    // ref: spec/features/get_currently_supported_versions_for_environment_spec.rb: "returns a list of released versions"
    it('lists every supported release, titled with the environment', async () => {
      const res = await list().expect(200);
      expect(res.body._embedded.releasedVersions).to.have.length(3);
      expect(res.body._links.self.title).to.include('Test');
      expect(res.body._links.self.href).to.match(/\/released-versions\/currently-supported$/);
    });

    // ref: spec/features/get_currently_supported_versions_for_environment_spec.rb: "returns a list of matching released versions"
    it('by pacticipant and version', async () => {
      const res = await list('?pacticipant=Bar&version=4').expect(200);
      expect(
        res.body._embedded.releasedVersions.map(
          (r: { _embedded: { version: { number: string } } }) => r._embedded.version.number,
        ),
      ).to.deep.equal(['4']);
    });

    // ref: spec/features/get_currently_supported_versions_for_environment_spec.rb: "returns a list of matching released versions"
    it('by pacticipant only', async () => {
      expect((await list('?pacticipant=Bar').expect(200)).body._embedded.releasedVersions).to.have.length(2);
    });

    // ref: spec/features/get_currently_supported_versions_for_environment_spec.rb: "returns an emtpy list"
    it('nothing matching: an empty list', async () => {
      expect((await list('?pacticipant=waffle').expect(200)).body._embedded.releasedVersions).to.deep.equal([]);
    });
  });

  describe("a version's deployments and releases in one environment", () => {
    let test: string;
    beforeEach(async () => {
      const data = broker
        .data()
        .environment('test', { displayName: 'Test' })
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .deployedTo('test')
        .releasedTo('test')
        .deployedTo('prod');
      await data;
      test = data.environments.get('test')!.uuid;
    });

    // ref: spec/features/get_deployed_versions_for_version_and_environment.rb: "returns a list of deployed versions"
    it('deployments of Foo 1 in test', async () => {
      const path = `/pacticipants/Foo/versions/1/deployed-versions/environment/${test}`;
      const res = await request(broker.server).get(path).set(json).expect(200);
      expect(res.body._embedded.deployedVersions).to.have.length(1);
      expect(res.body._links.self.title).to.include('Foo').and.to.include('1');
      expect(res.body._links.self.href).to.match(new RegExp(`${path}$`));
    });

    // ref: spec/features/get_currently_deployed_versions_for_version_spec.rb: "returns a list of deployed versions"
    it('titled with the version and the environment', async () => {
      const path = `/pacticipants/Foo/versions/1/deployed-versions/environment/${test}`;
      const res = await request(broker.server).get(path).set(json).expect(200);
      expect(res.body._links.self.title).to.include('Foo').and.to.include('Test');
    });

    // ref: spec/features/get_released_versions_for_version_and_environment_spec.rb: "returns a list of released versions"
    it('releases of Foo 1 in test', async () => {
      const path = `/pacticipants/Foo/versions/1/released-versions/environment/${test}`;
      const res = await request(broker.server).get(path).set(json).expect(200);
      expect(res.body._embedded.releasedVersions).to.have.length(1);
      expect(res.body._links.self.title).to.include('Foo').and.to.include('Test');
      expect(res.body._links.self.href).to.match(new RegExp(`${path}$`));
    });
  });

  describe('recording the same thing twice (deployed_version_service_spec.rb, released_version_service_spec.rb)', () => {
    let environment: string;
    beforeEach(async () => {
      const data = broker.data().environment('test').consumer('foo').version('1').version('2');
      await data;
      environment = data.environments.get('test')!.uuid;
    });
    const deploy = async (version: string) =>
      (
        await request(broker.server)
          .post(`/pacticipants/foo/versions/${version}/deployed-versions/environment/${environment}`)
          .set(json)
          .send('{}')
      ).body.uuid as string;
    const release = async (version: string) =>
      (
        await request(broker.server)
          .post(`/pacticipants/foo/versions/${version}/released-versions/environment/${environment}`)
          .set(json)
          .send('{}')
      ).body.uuid as string;

    // ref: spec/lib/pact_broker/deployments/deployed_version_service_spec.rb: "returns the existing deployed version object"
    it('deploying a version that is currently deployed returns the same deployment', async () => {
      expect(await deploy('1')).to.equal(await deploy('1'));
    });

    // ref: spec/lib/pact_broker/deployments/deployed_version_service_spec.rb: "returns a new deployed version object"
    it('deploying a version again after another was deployed makes a new deployment', async () => {
      const first = await deploy('1');
      await deploy('2');
      expect(await deploy('1')).to.not.equal(first);
    });

    // ref: spec/lib/pact_broker/deployments/released_version_service_spec.rb: "returns the existing released version object"
    it('releasing a version that is released returns the same release', async () => {
      expect(await release('1')).to.equal(await release('1'));
    });

    // ref: spec/lib/pact_broker/deployments/released_version_service_spec.rb: "returns the same released version object"
    it('releasing a version again after another was released returns the same release', async () => {
      const first = await release('1');
      await release('2');
      expect(await release('1')).to.equal(first);
    });
  });

  describe('GET /released-versions/{uuid} (api/resources/released_version_spec.rb)', () => {
    // ref: spec/lib/pact_broker/api/resources/released_version_spec.rb: "is expected to be a 404 response"
    it('an unknown uuid: 404', async () => {
      await request(broker.server).get(`/released-versions/${randomUUID()}`).set(json).expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/released_version_spec.rb: "is expected to be a hal json success response"
    it('a release: 200 with HAL JSON, links built from the request', async () => {
      await broker.data().environment('test').consumer('Foo').version('1').releasedTo('test');
      const { uuid } = await broker.prisma.releasedVersion.findFirstOrThrow();
      const res = await request(broker.server).get(`/released-versions/${uuid}`).set(json).expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
      expect(res.body._links.self.href).to.equal(`${broker.url}/released-versions/${uuid}`);
      expect(res.body._embedded.version.number).to.equal('1');
    });
  });
});
