// Ported from the Pact Broker's spec/lib/pact_broker/matrix/integration_environment_spec.rb: can-i-deploy
// to an environment, with versions deployed (to several application instances) and released, over GET
// /matrix. Expected answers as in spec/fixtures/approvals/matrix_integration_environment_spec.approved.json.
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { getMatrix, reasonKinds, selectors } from './matrix-client.ts';

describe('reference conformance: can-i-deploy to an environment (matrix/integration_environment_spec.rb)', () => {
  const broker = useBroker();
  const cvpvTo = (environment: string) => ({ latestby: 'cvpv', environment });

  describe('one provider version in the test environment', () => {
    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "allows the consumer to be deployed"
    it('yes, when the provider version in test verified the pact (a later failure by another version does not count)', async () => {
      await broker
        .data()
        .environment('test')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('2')
        .provider('Bar')
        .version('2')
        .deployedTo('test')
        .verifiedBy('3', { success: false });
      const body = await getMatrix(broker, selectors({ Foo: '1' }), cvpvTo('test'));
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "does not allow the consumer to be deployed"
    it('no, when the provider version in test failed the pact', async () => {
      await broker
        .data()
        .environment('test')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('2', { success: false })
        .provider('Bar')
        .version('2')
        .deployedTo('test')
        .verifiedBy('3');
      const body = await getMatrix(broker, selectors({ Foo: '1' }), cvpvTo('test'));
      expect(body.summary.deployable).to.equal(false);
      expect(reasonKinds(body)).to.deep.equal(['VerificationFailed']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "does not allow the consumer to be deployed"
    it('unknown, when the provider is not in test at all', async () => {
      await broker.data().environment('test').consumer('Foo').version('1').pact('Bar').verifiedBy('2');
      const body = await getMatrix(broker, selectors({ Foo: '1' }), cvpvTo('test'));
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "allows the provider to be deployed"
    it('yes for the provider, when its consumer is not in test', async () => {
      await broker.data().environment('test').consumer('Foo').version('1').pact('Bar').verifiedBy('2');
      const body = await getMatrix(broker, selectors({ Bar: '2' }), cvpvTo('test'));
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['NoDependenciesMissing']);
    });
  });

  describe('deploying a provider with two consumer versions in prod (two application instances)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .deployedTo('prod', { applicationInstance: '1' })
        .verifiedBy('10')
        .version('2')
        .pact('Bar')
        .deployedTo('prod', { applicationInstance: '2' });
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "knows that there are multiple versions of the consumer in production"
    it('describes the consumer as one of several versions in prod', async () => {
      const body = await getMatrix(broker, selectors({ Bar: '10' }), { environment: 'prod' });
      expect(body.summary.reason).to.match(/one of the versions of Foo in prod \(2\)/);
      expect(body.summary.reason).to.match(/version 10 of Bar/);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "does not allow the provider to be deployed"
    it('is unknown while the newer prod consumer version is unverified', async () => {
      const body = await getMatrix(broker, selectors({ Bar: '10' }), { environment: 'prod' });
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "does allow the provider to be deployed"
    it('says yes once every prod consumer version is verified', async () => {
      await broker.data().consumer('Foo').version('2').pact('Bar').verifiedBy('10');
      const body = await getMatrix(broker, selectors({ Bar: '10' }), { environment: 'prod' });
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });
  });

  describe('deploying a consumer with two provider versions in prod (two application instances)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('10')
        .provider('Bar')
        .version('10')
        .deployedTo('prod', { applicationInstance: '1' })
        .consumer('Foo')
        .version('2')
        .pact('Bar')
        .provider('Bar')
        .version('11')
        .deployedTo('prod', { applicationInstance: '2' });
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "knows that there are multiple versions of the provider in production"
    it('describes the provider as one of several versions in prod', async () => {
      const body = await getMatrix(broker, selectors({ Foo: '2' }), { environment: 'prod' });
      expect(body.summary.reason).to.match(/one of the versions of Bar in prod \(11, 10\)/);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "does not allow the consumer to be deployed"
    it('is unknown while no prod provider version verified the pact', async () => {
      const body = await getMatrix(broker, selectors({ Foo: '2' }), { environment: 'prod' });
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "does allow the consumer to be deployed"
    it('says yes once the newer prod provider version verifies it (as the reference does: the older one never reported)', async () => {
      await broker.data().consumer('Foo').version('2').pact('Bar').verifiedBy('11');
      const body = await getMatrix(broker, selectors({ Foo: '2' }), { environment: 'prod' });
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });
  });

  describe('several provider versions released to prod, checked one by one (cvpv, pact_broker#903)', () => {
    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "does not allow the consumer to be deployed"
    it('no, when an older released provider version failed the pact', async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('10', { success: false })
        .verifiedBy('11')
        .provider('Bar')
        .version('10')
        .releasedTo('prod')
        .version('11')
        .releasedTo('prod');
      const body = await getMatrix(broker, selectors({ Foo: '1' }), cvpvTo('prod'));
      expect(body.summary.deployable).to.equal(false);
      expect(reasonKinds(body)).to.deep.equal(['VerificationFailed']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "allows the consumer to be deployed"
    it('yes, when every released provider version passed', async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('10')
        .verifiedBy('11')
        .provider('Bar')
        .version('10')
        .releasedTo('prod')
        .version('11')
        .releasedTo('prod');
      const body = await getMatrix(broker, selectors({ Foo: '1' }), cvpvTo('prod'));
      expect(body.summary.deployable).to.equal(true);
      expect(body.matrix).to.have.length(2);
    });
  });

  describe('several provider versions deployed to prod on different application instances (cvpv, pact_broker#903)', () => {
    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "does not allow the consumer to be deployed"
    it('no, when the older instance runs a version that failed the pact', async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('10', { success: false })
        .verifiedBy('11')
        .provider('Bar')
        .version('10')
        .deployedTo('prod', { applicationInstance: 'instance-1' })
        .version('11')
        .deployedTo('prod', { applicationInstance: 'instance-2' });
      const body = await getMatrix(broker, selectors({ Foo: '1' }), cvpvTo('prod'));
      expect(body.summary.deployable).to.equal(false);
      expect(reasonKinds(body)).to.deep.equal(['VerificationFailed']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "allows the consumer to be deployed"
    it('yes, when both instances run versions that passed', async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('10')
        .verifiedBy('11')
        .provider('Bar')
        .version('10')
        .deployedTo('prod', { applicationInstance: 'instance-1' })
        .version('11')
        .deployedTo('prod', { applicationInstance: 'instance-2' });
      const body = await getMatrix(broker, selectors({ Foo: '1' }), cvpvTo('prod'));
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });
  });

  describe('a redeployment without an application instance replaces the previous version', () => {
    // ref: spec/lib/pact_broker/matrix/integration_environment_spec.rb: "only considers the currently deployed version and allows the consumer to be deployed"
    it('only the current deployment counts: yes', async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('10', { success: false })
        .verifiedBy('11')
        .provider('Bar')
        .version('10')
        .deployedTo('prod')
        .version('11')
        .deployedTo('prod');
      const body = await getMatrix(broker, selectors({ Foo: '1' }), cvpvTo('prod'));
      expect(body.summary.deployable).to.equal(true);
      expect(body.matrix).to.have.length(1);
    });
  });
});
