// Ported from the Pact Broker's can-i-deploy examples: spec/features/can_i_deploy_spec.rb and
// can_i_deploy_approval_spec.rb (answers as in spec/fixtures/approvals/features_can_i_deploy_approval_spec
// .approved.json), the resources' specs (can_i_deploy, by branch to environment and its badge, by tag to
// tag) and the query schema (api/contracts/can_i_deploy_query_schema_spec.rb), all over HTTP.
import { badgeColour } from '../../../testing/badge-colour.ts';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { reasonKinds, shortRows, type MatrixAnswerBody } from './matrix-client.ts';

describe('reference conformance: can-i-deploy (features and resources)', () => {
  const broker = useBroker();
  const get = (path: string) => request(broker.server).get(path).set('Accept', 'application/hal+json');

  describe('GET /can-i-deploy and the URL forms (features/can_i_deploy_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1.2.3', { branch: 'main', tags: ['dev'] })
        .pact('Bar')
        .environment('prod');
    });

    // ref: spec/features/can_i_deploy_spec.rb: "returns the matrix response"
    it('to a tag: answers with the matrix', async () => {
      const res = await get('/can-i-deploy?pacticipant=Foo&version=1.2.3&to=prod').expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
      expect(res.body.matrix).to.be.an('array');
    });

    // ref: spec/features/can_i_deploy_spec.rb: "returns the matrix response"
    it('the latest version with a tag, to a tag (URL form): answers with the matrix', async () => {
      const res = await get('/pacticipants/Foo/latest-version/dev/can-i-deploy/to/prod').expect(200);
      expect(res.body.matrix).to.be.an('array');
    });

    // ref: spec/features/can_i_deploy_spec.rb: "returns the matrix response"
    it('the latest version of a branch, to an environment (URL form): answers with the matrix', async () => {
      const res = await get('/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/prod').expect(
        200,
      );
      expect(res.body.matrix).to.be.an('array');
    });

    // ref: spec/features/can_i_deploy_spec.rb: "returns an error response"
    it('without parameters: 400 with the errors by parameter', async () => {
      const res = await get('/can-i-deploy').expect(400);
      expect(res.body.errors).to.be.an('object').that.is.not.an('array');
      expect(res.body.errors.pacticipant).to.have.length(1);
    });
  });

  describe('two live provider versions (features/can_i_deploy_spec.rb, pact_broker#903)', () => {
    const waffle = '/can-i-deploy?pacticipant=Waffle&version=1&environment=production';
    const setUp = async (
      first: { success: boolean },
      second: { success: boolean },
      live: (data: ReturnType<typeof broker.data>, version: string, n: number) => ReturnType<typeof broker.data>,
    ) => {
      let data = broker
        .data()
        .environment('production')
        .consumer('Waffle')
        .version('1')
        .pact('Pancake')
        .verifiedBy('10', first)
        .verifiedBy('11', second)
        .provider('Pancake');
      data = live(data.version('10'), '10', 1);
      data = live(data.version('11'), '11', 2);
      await data;
      return (await get(waffle).expect(200)).body as MatrixAnswerBody;
    };
    const released = (data: ReturnType<typeof broker.data>) => data.releasedTo('production');
    const onInstance = (data: ReturnType<typeof broker.data>, _version: string, n: number) =>
      data.deployedTo('production', { applicationInstance: `instance-${n}` });
    const deployed = (data: ReturnType<typeof broker.data>) => data.deployedTo('production');

    // ref: spec/features/can_i_deploy_spec.rb: "returns a row for every released provider version and is not deployable"
    it('both released, the older one failed: a row for each, not deployable', async () => {
      const body = await setUp({ success: false }, { success: true }, released);
      expect(body.matrix).to.have.length(2);
      expect(body.summary.deployable).to.equal(false);
    });

    // ref: spec/features/can_i_deploy_spec.rb: "returns a row for every released provider version and is deployable"
    it('both released, both passed: a row for each, deployable', async () => {
      const body = await setUp({ success: true }, { success: true }, released);
      expect(body.matrix).to.have.length(2);
      expect(body.summary.deployable).to.equal(true);
    });

    // ref: spec/features/can_i_deploy_spec.rb: "returns a row for every deployed provider version and is deployable"
    it('deployed to two application instances, both passed: a row for each, deployable', async () => {
      const body = await setUp({ success: true }, { success: true }, onInstance);
      expect(body.matrix).to.have.length(2);
      expect(body.summary.deployable).to.equal(true);
    });

    // ref: spec/features/can_i_deploy_spec.rb: "returns a row for every deployed provider version and is not deployable"
    it('deployed to two application instances, the older one failed: a row for each, not deployable', async () => {
      const body = await setUp({ success: false }, { success: true }, onInstance);
      expect(body.matrix).to.have.length(2);
      expect(body.summary.deployable).to.equal(false);
    });

    // ref: spec/features/can_i_deploy_spec.rb: "is not deployable"
    it('one version deployed without an instance, and it failed: not deployable', async () => {
      await broker
        .data()
        .environment('production')
        .consumer('Waffle')
        .version('1')
        .pact('Pancake')
        .verifiedBy('10', { success: false })
        .provider('Pancake')
        .version('10')
        .deployedTo('production');
      const body = (await get(waffle).expect(200)).body as MatrixAnswerBody;
      expect(body.matrix).to.have.length(1);
      expect(body.summary.deployable).to.equal(false);
    });

    // ref: spec/features/can_i_deploy_spec.rb: "only considers the currently deployed version (the redeployment replaced the previous one) and is not deployable"
    it('redeployed without an instance to a failing version: only the current one counts, not deployable', async () => {
      const body = await setUp({ success: true }, { success: false }, deployed);
      expect(body.matrix).to.have.length(1);
      expect(body.summary.deployable).to.equal(false);
    });

    // ref: spec/features/can_i_deploy_spec.rb: "only considers the currently deployed version (the redeployment replaced the previous one) and is deployable"
    it('redeployed without an instance to a passing version: only the current one counts, deployable', async () => {
      const body = await setUp({ success: false }, { success: true }, deployed);
      expect(body.matrix).to.have.length(1);
      expect(body.summary.deployable).to.equal(true);
    });
  });

  describe('the approved answers (features/can_i_deploy_approval_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('production')
        .consumer('Foo')
        .version('1', { tags: ['dev'] })
        .pact('Bar')
        .verifiedBy('10', { tags: ['prod'] })
        .provider('Bar')
        .version('10')
        .deployedTo('production');
    });

    // ref: spec/features/can_i_deploy_approval_spec.rb: "snapshots"
    it('Foo 1 to production: yes, one success', async () => {
      const body = (await get('/can-i-deploy?pacticipant=Foo&version=1&environment=production').expect(200)).body;
      expect(body.summary).to.include({ deployable: true, success: 1, failed: 0, unknown: 0 });
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });

    // ref: spec/features/can_i_deploy_approval_spec.rb: "snapshots"
    it("Foo's latest dev version to Bar's prod tag (URL form): yes, warning that no version number was given", async () => {
      const body = (await get('/pacticipants/Foo/latest-version/dev/can-i-deploy/to/prod').expect(200)).body;
      expect(body.summary).to.include({ deployable: true, success: 1, failed: 0, unknown: 0 });
      expect(reasonKinds(body)).to.deep.equal(['SelectorWithoutPacticipantVersionNumberSpecified', 'Successful']);
      expect(body.notices.map((notice: { type: string }) => notice.type)).to.deep.equal(['warning', 'success']);
    });

    // ref: spec/features/can_i_deploy_approval_spec.rb: "snapshots"
    it('without the required parameters: 400 and no summary', async () => {
      const res = await get('/can-i-deploy').expect(400);
      expect(res.body.summary).to.equal(undefined);
    });

    // ref: spec/features/can_i_deploy_approval_spec.rb: "snapshots"
    it('with a second provider not in production: unknown, one success and one unknown', async () => {
      await broker.data().consumer('Foo').version('1').pact('Baz').verifiedBy('99', { success: false });
      const body = (await get('/can-i-deploy?pacticipant=Foo&version=1&environment=production').expect(200)).body;
      expect(body.summary).to.include({ deployable: null, success: 1, failed: 0, unknown: 1 });
      expect(body.summary.reason).to.match(/version 1 of Foo and a version of Baz in production/);
    });

    // ref: spec/features/can_i_deploy_approval_spec.rb: "snapshots"
    it('ignoring that second provider: yes, with one ignored row', async () => {
      await broker.data().consumer('Foo').version('1').pact('Baz').verifiedBy('99', { success: false });
      const res = await get('/can-i-deploy?pacticipant=Foo&version=1&environment=production&ignore[]=Baz').expect(200);
      expect(res.body.summary).to.deep.include({ deployable: true, success: 1, failed: 0, unknown: 0, ignored: 1 });
      expect(reasonKinds(res.body)).to.deep.equal(['Successful']);
    });
  });

  describe('GET /can-i-deploy parameters (api/resources/can_i_deploy_spec.rb, can_i_deploy_query_schema_spec.rb)', () => {
    beforeEach(async () => {
      await broker.data().consumer('foo').version('1').pact('Bar').environment('prod');
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_spec.rb: "returns a 400"
    it('without a query: 400 naming the pacticipant parameter', async () => {
      const res = await get('/can-i-deploy').expect(400);
      expect(res.body.errors.pacticipant[0]).to.be.a('string').that.is.not.empty;
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to be empty"
    it('a pacticipant, version and tag are enough', async () => {
      await get('/can-i-deploy?pacticipant=foo&version=1&to=prod').expect(200);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected not to be empty"
    it('empty parameters are errors', async () => {
      const res = await get('/can-i-deploy?pacticipant=&version=&to=').expect(400);
      expect(Object.keys(res.body.errors)).to.include.members(['pacticipant', 'version']);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to eq [\"must be a string\"]"
    it('a pacticipant given as a list is an error on pacticipant', async () => {
      const res = await get('/can-i-deploy?pacticipant[]=foo&version=1&to=prod').expect(400);
      expect(res.body.errors.pacticipant).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to eq [\"must be a string\"]"
    it('a version given as a list is an error on version', async () => {
      const res = await get('/can-i-deploy?pacticipant=foo&version[]=1&to=prod').expect(400);
      expect(res.body.errors.version).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to eq [\"must be a string\"]"
    it('a tag given as a list is an error on to', async () => {
      const res = await get('/can-i-deploy?pacticipant=foo&version=1&to[x]=prod').expect(400);
      expect(res.body.errors.to).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to include \"both\""
    it('a tag and an environment together: an error on the whole query', async () => {
      const res = await get('/can-i-deploy?pacticipant=foo&version=1&to=prod&environment=prod').expect(400);
      expect(res.body.errors['']).to.have.length(1);
      expect(res.body.errors[''][0]).to.match(/not both/);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to include \"either\""
    it('neither a tag nor an environment: an error on the whole query', async () => {
      const res = await get('/can-i-deploy?pacticipant=foo&version=1').expect(400);
      expect(res.body.errors['']).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to be empty"
    it('an environment that exists is accepted', async () => {
      await get('/can-i-deploy?pacticipant=foo&version=1&environment=prod').expect(200);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to eq \"with name 'prod' does not exist\""
    it('an environment that does not exist: an error on environment naming it', async () => {
      const res = await get('/can-i-deploy?pacticipant=foo&version=1&environment=staging').expect(400);
      expect(res.body.errors.environment[0]).to.match(/'staging' does not exist/);
    });

    // ref: spec/lib/pact_broker/api/contracts/can_i_deploy_query_schema_spec.rb: "is expected to eq \"does not match an existing pacticipant\""
    it('a pacticipant that does not exist: an error on pacticipant', async () => {
      const res = await get('/can-i-deploy?pacticipant=nobody&version=1&to=prod').expect(400);
      expect(res.body.errors.pacticipant[0]).to.match(/nobody not found/);
    });
  });

  describe('the latest version of a branch to an environment (can_i_deploy_pacticipant_version_by_branch_to_environment_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('dev')
        .consumer('Foo')
        .version('1', { branch: 'main' })
        .pact('Bar')
        .verifiedBy('5', { success: false })
        .version('2', { branch: 'main' })
        .pact('Bar')
        .verifiedBy('5')
        .verifiedBy('4', { success: false }) // Bar 4 is not in dev unless a test deploys it
        .version('3', { branch: 'feat' })
        .pact('Bar')
        .provider('Bar')
        .version('5')
        .deployedTo('dev');
    });

    const path = '/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/dev';

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_spec.rb: "looks up the by branch"
    it("checks the branch's latest version", async () => {
      const body = (await get(path).expect(200)).body as MatrixAnswerBody;
      expect(shortRows(body)).to.deep.equal(['Foo2 Bar5 n1']);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_spec.rb: "checks if the version can be deployed to the environment"
    it('against the versions in the environment', async () => {
      const body = (await get(path).expect(200)).body as MatrixAnswerBody;
      expect(body.summary.deployable).to.equal(true);
      expect(body.summary.reason).to.not.match(/WARN: no environment/);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_spec.rb: "uses the cvpv latestby so all versions released/deployed to the environment are evaluated"
    it('checks every version live in the environment (cvpv)', async () => {
      await broker.data().provider('Bar').version('4').deployedTo('dev', { applicationInstance: 'other' });
      const body = (await get(path).expect(200)).body as MatrixAnswerBody;
      expect(shortRows(body)).to.have.members(['Foo2 Bar5 n1', 'Foo2 Bar4 n2']);
      expect(body.summary.deployable).to.equal(false);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_spec.rb: "is expected to be a hal json success response"
    it('answers 200 with HAL JSON', async () => {
      const res = await get(path).expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_spec.rb: "is expected to eq 404"
    it('404 when the environment does not exist', async () => {
      await get('/pacticipants/Foo/branches/main/latest-version/can-i-deploy/to-environment/nowhere').expect(404);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_badge_spec.rb: "return the badge URL"
    it('its badge shows the label asked for and the answer', async () => {
      const res = await request(broker.server).get(`${path}/badge?label=custom-label`).expect(200);
      const svg = Buffer.from(res.body as Buffer).toString('utf8');
      expect(svg).to.contain('custom-label').and.to.contain('main to dev');
      expect(badgeColour(svg)).to.equal('brightgreen');
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_badge_spec.rb: "uses the cvpv latestby so all versions released/deployed to the environment are evaluated"
    it('its badge also checks every version live in the environment', async () => {
      await broker.data().provider('Bar').version('4').deployedTo('dev', { applicationInstance: 'other' });
      const res = await request(broker.server).get(`${path}/badge`).expect(200);
      expect(badgeColour(res.body as Buffer)).to.equal('red');
    });
  });

  describe('the latest version with a tag to a tag (can_i_deploy_pacticipant_version_by_tag_to_tag_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['main'] })
        .pact('Bar')
        .verifiedBy('5', { tags: ['prod'] })
        .version('2', { tags: ['main'] })
        .pact('Bar')
        .verifiedBy('5');
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_tag_to_tag_spec.rb: "looks up the by tag"
    it("checks the tag's latest version", async () => {
      const body = (await get('/pacticipants/Foo/latest-version/main/can-i-deploy/to/prod').expect(200)).body;
      expect(shortRows(body)).to.deep.equal(['Foo2 Bar5 n1']);
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_tag_to_tag_spec.rb: "is expected to be a hal json success response"
    it('answers 200 with HAL JSON', async () => {
      const res = await get('/pacticipants/Foo/latest-version/main/can-i-deploy/to/prod').expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_tag_to_tag_spec.rb: "is expected to eq 404"
    it('404 when no version has the tag', async () => {
      await get('/pacticipants/Foo/latest-version/nope/can-i-deploy/to/prod').expect(404);
    });
  });
});
