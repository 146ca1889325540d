// Ported from the Pact Broker's rules around main branches and tags: spec/lib/pact_broker/pacticipants/
// service_spec.rb (maybe_set_main_branch), versions/service_spec.rb (maybe_set_version_branch_from_tag),
// tags/service_spec.rb (create), contracts/service_spec.rb (the first tag as the branch),
// api/resources/tag_spec.rb (a deployment from a tag named after an environment) and the branch lookups
// of versions/repository_spec.rb, over HTTP; plus our own examples for each setting that switches a rule off.
import { expect } from 'chai';
import request from 'supertest';
import { DEFAULT_BRANCH_SETTINGS } from '../../../config.ts';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { buildPact } from '../../../testing/test-data.ts';

const json = { 'Content-Type': 'application/json', Accept: 'application/hal+json' };

describe('reference conformance: main branches and tags', () => {
  describe('main branch detection with candidates foo and bar (pacticipants/service_spec.rb)', () => {
    const broker = useBroker({
      config: { branches: { ...DEFAULT_BRANCH_SETTINGS, mainBranchCandidates: ['foo', 'bar'] } },
    });
    const mainBranch = async () => (await request(broker.server).get('/pacticipants/Foo').expect(200)).body.mainBranch;

    // ref: spec/lib/pact_broker/pacticipants/service_spec.rb: "sets the main branch"
    it('a first version on a candidate branch sets the main branch', async () => {
      await broker.data().pacticipant('Foo');
      await request(broker.server).put('/pacticipants/Foo/branches/bar/versions/1').set(json).send('{}').expect(201);
      expect(await mainBranch()).to.equal('bar');
    });

    // ref: spec/lib/pact_broker/pacticipants/service_spec.rb: "does not overwrite it"
    it('a main branch already set is kept', async () => {
      await broker.data().pacticipant('Foo', { mainBranch: 'main' });
      await request(broker.server).put('/pacticipants/Foo/branches/bar/versions/1').set(json).send('{}').expect(201);
      expect(await mainBranch()).to.equal('main');
    });

    it('a branch that is not a candidate does not set it (main is not a candidate here)', async () => {
      await broker.data().pacticipant('Foo');
      await request(broker.server).put('/pacticipants/Foo/branches/main/versions/1').set(json).send('{}').expect(201);
      expect(await mainBranch()).to.equal(undefined);
    });
  });

  describe('with the default settings', () => {
    const broker = useBroker();
    const branchesOf = async (pacticipant: string, version: string) =>
      (
        await request(broker.server).get(`/pacticipants/${pacticipant}/versions/${version}`).expect(200)
      ).body._embedded.branchVersions.map((b: { name: string }) => b.name);
    const tag = (pacticipant: string, version: string, name: string) =>
      request(broker.server).put(`/pacticipants/${pacticipant}/versions/${version}/tags/${name}`).set(json).send('{}');

    describe('the first tag of a new version as its branch (versions/service_spec.rb)', () => {
      // ref: spec/lib/pact_broker/versions/service_spec.rb: "does not set the branch"
      it('a version that already has a tag does not take a later tag as its branch', async () => {
        await tag('test_pacticipant', '1.2.3', 'foo').expect(201);
        await tag('test_pacticipant', '1.2.3', 'prod').expect(201);
        expect(await branchesOf('test_pacticipant', '1.2.3')).to.not.include('prod');
      });

      // ref: spec/lib/pact_broker/versions/service_spec.rb: "does not update the branch"
      it('a version already on a branch keeps only that branch', async () => {
        await broker.data().consumer('test_pacticipant').version('1.2.3', { branch: 'foo' });
        await tag('test_pacticipant', '1.2.3', 'prod').expect(201);
        expect(await branchesOf('test_pacticipant', '1.2.3')).to.deep.equal(['foo']);
      });

      // ref: spec/lib/pact_broker/versions/service_spec.rb: "does not set the branch"
      it('a version created longer ago than the time limit is not given a branch', async () => {
        await broker.data().consumer('test_pacticipant').version('1.2.3');
        await broker.prisma.version.updateMany({ data: { createdAt: new Date(Date.now() - 11_000) } });
        await tag('test_pacticipant', '1.2.3', 'prod').expect(201);
        expect(await branchesOf('test_pacticipant', '1.2.3')).to.deep.equal([]);
      });

      // ref: spec/lib/pact_broker/versions/service_spec.rb: "sets the branch"
      it('a version created within the time limit takes its first tag as its branch', async () => {
        await broker.data().consumer('test_pacticipant').version('1.2.3');
        await tag('test_pacticipant', '1.2.3', 'prod').expect(201);
        expect(await branchesOf('test_pacticipant', '1.2.3')).to.deep.equal(['prod']);
      });
    });

    describe('creating a tag (tags/service_spec.rb, api/resources/tag_spec.rb)', () => {
      // ref: spec/lib/pact_broker/tags/service_spec.rb: "creates the new tag"
      it('creates the tag, the version and the pacticipant', async () => {
        const res = await tag('test_pacticipant', '1.2.3', 'prod').expect(201);
        expect(res.body.name).to.equal('prod');
        expect(res.body._links['pb:version'].name).to.equal('1.2.3');
        expect(res.body._links['pb:pacticipant'].name).to.equal('test_pacticipant');
      });

      // ref: spec/lib/pact_broker/tags/service_spec.rb: "calls the version_service.maybe_set_version_branch_from_tag before creating the tag"
      it('decides on the branch before the tag exists, so the first tag counts as first', async () => {
        await tag('test_pacticipant', '1.2.3', 'feat-x').expect(201);
        expect(await branchesOf('test_pacticipant', '1.2.3')).to.deep.equal(['feat-x']);
      });

      // ref: spec/lib/pact_broker/tags/service_spec.rb: "calls the pacticipant_service.maybe_set_main_branch"
      it('a tag named like a main branch sets the main branch', async () => {
        await broker.data().consumer('Foo').version('1', { branch: 'feat' });
        await tag('Foo', '1', 'master').expect(201);
        expect((await request(broker.server).get('/pacticipants/Foo').expect(200)).body.mainBranch).to.equal('master');
      });

      // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "maybe creates a deployed version"
      it('a new tag named after an environment records the version as deployed there', async () => {
        await broker.data().environment('prod').consumer('Condor').version('1.3.0');
        await tag('Condor', '1.3.0', 'prod').expect(201);
        const deployed = await broker.prisma.deployedVersion.findMany({
          include: { version: true, environment: true },
        });
        expect(
          deployed.map((d) => `${d.version.number} ${d.environment.name} ${d.undeployedAt === null}`),
        ).to.deep.equal(['1.3.0 prod true']);
      });

      // ref: spec/lib/pact_broker/api/resources/tag_spec.rb: "maybe creates a deployed version"
      it('tagging again records the deployment if it is not current', async () => {
        await broker.data().environment('prod').consumer('Condor').version('1.3.0').tag('prod');
        expect(await broker.prisma.deployedVersion.count(), 'test data tags without the tag resource').to.equal(0);
        await tag('Condor', '1.3.0', 'prod').expect(200);
        expect(await broker.prisma.deployedVersion.count({ where: { undeployedAt: null } })).to.equal(1);
      });

      it('a tag with no environment of that name records no deployment', async () => {
        await broker.data().consumer('Condor').version('1.3.0');
        await tag('Condor', '1.3.0', 'prod').expect(201);
        expect(await broker.prisma.deployedVersion.count()).to.equal(0);
      });
    });

    describe('publishing with tags and no branch (contracts/service_spec.rb)', () => {
      // ref: spec/lib/pact_broker/contracts/service_spec.rb: "uses the first tag as the branch"
      it('the first tag becomes the branch', async () => {
        const pact = buildPact('Foo', 'Bar');
        await request(broker.server)
          .post('/contracts/publish')
          .set(json)
          .send({
            pacticipantName: 'Foo',
            pacticipantVersionNumber: '1',
            tags: ['a', 'b'],
            contracts: [
              {
                consumerName: 'Foo',
                providerName: 'Bar',
                specification: 'pact',
                contentType: 'application/json',
                content: Buffer.from(JSON.stringify(pact)).toString('base64'),
              },
            ],
          })
          .expect(200);
        expect(await branchesOf('Foo', '1')).to.deep.equal(['a']);
      });
    });

    describe('branch lookups (versions/repository_spec.rb)', () => {
      // ref: spec/lib/pact_broker/versions/repository_spec.rb: "returns the most recent version from the specified branch for the specified pacticipant"
      it("the latest version of a branch is the pacticipant's newest version on it", async () => {
        await broker
          .data()
          .consumer('Bar')
          .version('2.3.4', { branch: 'prod' })
          .consumer('Foo')
          .version('1.2.3', { branch: 'prod' })
          .version('2.3.4', { branch: 'prod' })
          .version('5.6.7');
        const res = await request(broker.server).get('/pacticipants/Foo/branches/prod/latest-version').expect(200);
        expect(res.body.number).to.equal('2.3.4');
        expect(res.body._links['pb:pacticipant'].name).to.equal('Foo');
      });

      // ref: spec/lib/pact_broker/versions/repository_spec.rb: "updates the branch head"
      it('deleting the latest version of a branch makes the previous one latest', async () => {
        await broker.data().consumer('Foo').version('1.2.3', { branch: 'main' }).version('4.5.6', { branch: 'main' });
        await request(broker.server).delete('/pacticipants/Foo/versions/4.5.6').expect(204);
        expect(
          (await request(broker.server).get('/pacticipants/Foo/branches/main/latest-version').expect(200)).body.number,
        ).to.equal('1.2.3');
      });

      // ref: spec/lib/pact_broker/versions/repository_spec.rb: "leaves the branch, but deletes the branch head (not sure about this, but thinking the branch creation date is handy for the WIP/pending calculation)"
      it('deleting the only version of a branch keeps the branch, with no latest version', async () => {
        await broker.data().consumer('Foo').version('4.5.6', { branch: 'main' });
        await request(broker.server).delete('/pacticipants/Foo/versions/4.5.6').expect(204);
        await request(broker.server).get('/pacticipants/Foo/branches/main').expect(200);
        await request(broker.server).get('/pacticipants/Foo/branches/main/latest-version').expect(404);
      });
    });
  });

  describe('each rule can be switched off', () => {
    const broker = useBroker({
      config: {
        branches: {
          autoDetectMainBranch: false,
          mainBranchCandidates: ['main'],
          useFirstTagAsBranch: false,
          useFirstTagAsBranchTimeLimitSeconds: 10,
          createDeployedVersionsForTags: false,
        },
      },
    });

    it('BROKER_AUTO_DETECT_MAIN_BRANCH=false: a version on main does not set the main branch', async () => {
      await request(broker.server).put('/pacticipants/Foo/branches/main/versions/1').set(json).send('{}').expect(201);
      expect((await request(broker.server).get('/pacticipants/Foo').expect(200)).body.mainBranch).to.equal(undefined);
    });

    it('BROKER_USE_FIRST_TAG_AS_BRANCH=false: a first tag does not become the branch', async () => {
      await request(broker.server).put('/pacticipants/Foo/versions/1/tags/prod').set(json).send('{}').expect(201);
      const version = (await request(broker.server).get('/pacticipants/Foo/versions/1').expect(200)).body;
      expect(version._embedded.branchVersions).to.deep.equal([]);
    });

    it('BROKER_CREATE_DEPLOYED_VERSIONS_FOR_TAGS=false: a tag named after an environment records no deployment', async () => {
      await broker.data().environment('prod').consumer('Foo').version('1');
      await request(broker.server).put('/pacticipants/Foo/versions/1/tags/prod').set(json).send('{}').expect(201);
      expect(await broker.prisma.deployedVersion.count()).to.equal(0);
    });
  });
});
