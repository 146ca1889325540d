// Ported from the Pact Broker's spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: the three-
// valued answer (deployable), the reasons and the counts for each situation. The reference builds the
// situations from doubles; here each is built as data (Foo's version has pacts with Bar and Baz) and asked
// over GET /matrix.
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import type { BrokerTestData } from '../../../testing/test-data.ts';
import { getMatrix, reasonKinds, selectors, type MatrixAnswerBody } from './matrix-client.ts';

const counts = (body: MatrixAnswerBody) => {
  const { success, failed, unknown, ignored } = body.summary;
  return { success, failed, unknown, ...(ignored === undefined ? {} : { ignored }) };
};

describe('reference conformance: the deployment status (matrix/deployment_status_summary_spec.rb)', () => {
  const broker = useBroker();

  /** Foo 10 -> Bar (verified by Bar 11 as `bar` says) and -> Baz (verified by Baz 12); Bar 11 and Baz 12 in prod. */
  const fooWithBarAndBaz = (bar: { verified: boolean; success?: boolean }, baz = { verified: true }) => {
    let data: BrokerTestData = broker.data().environment('prod').consumer('Foo').version('10').pact('Bar');
    if (bar.verified) data = data.verifiedBy('11', { success: bar.success ?? true });
    data = data.pact('Baz');
    if (baz.verified) data = data.verifiedBy('12');
    return data.provider('Bar').version('11').deployedTo('prod').provider('Baz').version('12').deployedTo('prod');
  };
  const deployFoo = (extra: Record<string, string> = {}) =>
    getMatrix(broker, selectors({ Foo: '10' }), { environment: 'prod', latestby: 'cvpv', ...extra });

  describe('a row for every integration, all verified', () => {
    beforeEach(async () => {
      await fooWithBarAndBaz({ verified: true });
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be true"
    it('deployable', async () => {
      expect((await deployFoo()).summary.deployable).to.equal(true);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [Successful.new]"
    it('one reason: every verification passed', async () => {
      expect(reasonKinds(await deployFoo())).to.deep.equal(['Successful']);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>2, :failed=>0, :unknown=>0}"
    it('two successes', async () => {
      expect(counts(await deployFoo())).to.deep.equal({ success: 2, failed: 0, unknown: 0 });
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to have key :ignored"
    it('with ignore selectors, counts the ignored rows too', async () => {
      expect(counts(await deployFoo({ 'ignore[][pacticipant]': 'Nobody' }))).to.have.property('ignored', 0);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [IgnoreSelectorDoesNotExist.new(resolved_ignore_selectors.first), PactBroker::Matrix::Successful.new]"
    it('an ignore selector matching nothing adds a warning', async () => {
      const body = await deployFoo({ 'ignore[][pacticipant]': 'Nobody' });
      expect(reasonKinds(body)).to.deep.equal(['IgnoreSelectorDoesNotExist', 'Successful']);
      expect(body.notices.map((n) => n.type)).to.deep.equal(['warning', 'success']);
    });
  });

  describe('no verified rows', () => {
    beforeEach(async () => {
      await fooWithBarAndBaz({ verified: false }, { verified: false });
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be nil"
    it('unknown', async () => {
      expect((await deployFoo()).summary.deployable).to.equal(null);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [PactNotVerifiedByRequiredProviderVersion.new(resolved_selectors.first, resolved_selectors[1]), PactNotVerifiedByRequiredProviderVersion.new(resolved_selectors.first, resolved_selectors.last)]"
    it('a reason for each provider', async () => {
      const body = await deployFoo();
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider', 'PactNotEverVerifiedByProvider']);
      expect(body.summary.reason).to.match(/Bar/).and.to.match(/Baz/);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>0, :failed=>0, :unknown=>2}"
    it('two unknowns', async () => {
      expect(counts(await deployFoo())).to.deep.equal({ success: 0, failed: 0, unknown: 2 });
    });
  });

  describe('one row not verified', () => {
    beforeEach(async () => {
      await fooWithBarAndBaz({ verified: false });
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be nil"
    it('unknown', async () => {
      expect((await deployFoo()).summary.deployable).to.equal(null);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [PactNotEverVerifiedByProvider.new(resolved_selectors.first, resolved_selectors[1])]"
    it('one reason, naming Foo 10 and Bar', async () => {
      const body = await deployFoo();
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
      expect(body.summary.reason)
        .to.match(/version 10 of Foo/)
        .and.to.match(/Bar/);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>1, :failed=>0, :unknown=>1}"
    it('one success, one unknown', async () => {
      expect(counts(await deployFoo())).to.deep.equal({ success: 1, failed: 0, unknown: 1 });
    });

    describe('when that row is ignored', () => {
      const ignoringBar = () => deployFoo({ 'ignore[][pacticipant]': 'Bar' });

      // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be true"
      it('deployable', async () => {
        expect((await ignoringBar()).summary.deployable).to.equal(true);
      });

      // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [Successful.new]"
      it('one reason: success', async () => {
        expect(reasonKinds(await ignoringBar())).to.deep.equal(['Successful']);
      });

      // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>1, :failed=>0, :unknown=>0, :ignored=>1}"
      it('one success, one ignored', async () => {
        expect(counts(await ignoringBar())).to.deep.equal({ success: 1, failed: 0, unknown: 0, ignored: 1 });
      });
    });
  });

  describe('one row failed', () => {
    beforeEach(async () => {
      await fooWithBarAndBaz({ verified: true, success: false });
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be false"
    it('not deployable', async () => {
      expect((await deployFoo()).summary.deployable).to.equal(false);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [VerificationFailed.new(resolved_selectors.first, resolved_selectors[1])]"
    it('one reason: the failed verification with Bar', async () => {
      const body = await deployFoo();
      expect(reasonKinds(body)).to.deep.equal(['VerificationFailed']);
      expect(body.summary.reason).to.match(/Bar/);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>1, :failed=>1, :unknown=>0}"
    it('one success, one failure', async () => {
      expect(counts(await deployFoo())).to.deep.equal({ success: 1, failed: 1, unknown: 0 });
    });

    describe('when that row is ignored', () => {
      const ignoringBar = () => deployFoo({ 'ignore[][pacticipant]': 'Bar' });

      // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be true"
      it('deployable', async () => {
        expect((await ignoringBar()).summary.deployable).to.equal(true);
      });

      // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [Successful.new]"
      it('one reason: success', async () => {
        expect(reasonKinds(await ignoringBar())).to.deep.equal(['Successful']);
      });

      // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>1, :failed=>0, :unknown=>0, :ignored=>1}"
      it('one success, one ignored', async () => {
        expect(counts(await ignoringBar())).to.deep.equal({ success: 1, failed: 0, unknown: 0, ignored: 1 });
      });
    });
  });

  describe('a required provider in prod never verified this pact (an integration without a verified row)', () => {
    beforeEach(async () => {
      await fooWithBarAndBaz({ verified: true }, { verified: false });
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be nil"
    it('unknown', async () => {
      expect((await deployFoo()).summary.deployable).to.equal(null);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [PactNotVerifiedByRequiredProviderVersion.new(resolved_selectors.first, resolved_selectors.last)]"
    it('one reason, naming Baz', async () => {
      const body = await deployFoo();
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
      expect(body.summary.reason).to.match(/Baz/);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>1, :failed=>0, :unknown=>1}"
    it('one success, one unknown', async () => {
      expect(counts(await deployFoo())).to.deep.equal({ success: 1, failed: 0, unknown: 1 });
    });
  });

  describe('a provider required by a consumer that is not in prod (only the provider given)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('2')
        .deployedTo('prod') // Foo 1
        .consumer('Baz')
        .version('3')
        .pact('Bar');
    });
    const deployBar = () => getMatrix(broker, selectors({ Bar: '2' }), { environment: 'prod', latestby: 'cvpv' });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be true"
    it('deployable: Baz does not need this Bar', async () => {
      expect((await deployBar()).summary.deployable).to.equal(true);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [Successful.new]"
    it('one reason: success', async () => {
      expect(reasonKinds(await deployBar())).to.deep.equal(['Successful']);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>1, :failed=>0, :unknown=>0}"
    it('one success', async () => {
      expect(counts(await deployBar())).to.deep.equal({ success: 1, failed: 0, unknown: 0 });
    });
  });

  describe('a provider with no consumer in prod (only the provider given)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .consumer('Baz')
        .version('3')
        .pact('Bar')
        .provider('Bar')
        .version('2');
    });
    const deployBar = () => getMatrix(broker, selectors({ Bar: '2' }), { environment: 'prod', latestby: 'cvpv' });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be true"
    it('deployable', async () => {
      expect((await deployBar()).summary.deployable).to.equal(true);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [NoDependenciesMissing.new]"
    it('one reason: nothing it depends on is missing', async () => {
      expect(reasonKinds(await deployBar())).to.deep.equal(['NoDependenciesMissing']);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>0, :failed=>0, :unknown=>0}"
    it('nothing counted', async () => {
      expect(counts(await deployBar())).to.deep.equal({ success: 0, failed: 0, unknown: 0 });
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "sets the type of the reason to :success (rendered as the JSON type field)"
    it('that reason has the type success', async () => {
      expect((await deployBar()).notices.map((n) => n.type)).to.deep.equal(['success']);
    });
  });

  describe('a required provider not in prod (only the consumer given)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('10')
        .pact('Bar')
        .verifiedBy('11')
        .pact('Baz')
        .provider('Bar')
        .version('11')
        .deployedTo('prod');
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be nil"
    it('unknown', async () => {
      expect((await deployFoo()).summary.deployable).to.equal(null);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [PactNotVerifiedByRequiredProviderVersion.new(resolved_selectors.first, resolved_selectors.last)]"
    it('one reason, naming Baz', async () => {
      const body = await deployFoo();
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
      expect(body.summary.reason).to.match(/a version of Baz in prod/);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq {:success=>1, :failed=>0, :unknown=>1}"
    it('one success, one unknown', async () => {
      expect(counts(await deployFoo())).to.deep.equal({ success: 1, failed: 0, unknown: 1 });
    });
  });

  describe('no destination and a pact never verified', () => {
    beforeEach(async () => {
      await broker.data().consumer('Foo').version('1.1.0').pact('Bar');
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to be nil"
    it('unknown', async () => {
      expect((await getMatrix(broker, selectors({ Foo: '1.1.0' }))).summary.deployable).to.equal(null);
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to eq [PactNotEverVerifiedByProvider.new(resolved_selectors.first, dummy_selector)]"
    it('the reason names any version of the provider', async () => {
      const body = await getMatrix(broker, selectors({ Foo: '1.1.0' }));
      expect(reasonKinds(body)).to.deep.equal(['NoEnvironmentSpecified', 'PactNotEverVerifiedByProvider']);
      expect(body.summary.reason).to.match(/version 1\.1\.0 of Foo and any version of Bar/);
    });
  });

  describe('warnings about the query', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['asdf'] })
        .pact('Bar')
        .verifiedBy('2');
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to include SelectorWithoutPacticipantVersionNumberSpecified.new"
    it('no selector with a version number: a warning', async () => {
      const body = await getMatrix(broker, [{ pacticipant: 'Foo', latest: true, tag: 'asdf' }]);
      expect(reasonKinds(body)).to.include('SelectorWithoutPacticipantVersionNumberSpecified');
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected not to include SelectorWithoutPacticipantVersionNumberSpecified.new"
    it('only pacticipant names (a matrix view, not can-i-deploy): no such warning', async () => {
      const body = await getMatrix(broker, selectors({ Foo: undefined, Bar: undefined }));
      expect(reasonKinds(body)).to.not.include('SelectorWithoutPacticipantVersionNumberSpecified');
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected to include NoEnvironmentSpecified.new"
    it('one selector without a tag or environment: a warning', async () => {
      const body = await getMatrix(broker, selectors({ Foo: '1' }), { latest: true });
      expect(reasonKinds(body)).to.include('NoEnvironmentSpecified');
    });

    // ref: spec/lib/pact_broker/matrix/deployment_status_summary_spec.rb: "is expected not to include NoEnvironmentSpecified.new"
    it('several selectors: no such warning', async () => {
      const body = await getMatrix(broker, selectors({ Foo: '1', Bar: '2' }));
      expect(reasonKinds(body)).to.not.include('NoEnvironmentSpecified');
    });
  });
});
