// Ported from the Pact Broker's spec/lib/pact_broker/matrix/integration_spec.rb: can-i-deploy answers
// (deployable, and the kinds of reason given; the reference records both in its approval file
// spec/fixtures/approvals/matrix_integration_spec.approved.json) for deployments to a tag and between
// explicit versions, over GET /matrix.
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { getMatrix, reasonKinds, selectors, shortRows, type Selector } from './matrix-client.ts';

describe('reference conformance: can-i-deploy scenarios (matrix/integration_spec.rb)', () => {
  const broker = useBroker();
  const toProd = { latest: true, tag: 'prod', latestby: 'cvp' };
  const ask = (query: Selector[], options: Record<string, string | boolean | undefined>) =>
    getMatrix(broker, query, options);

  describe('one consumer, latest prod version of its provider', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "returns a QueryResultsWithDeploymentStatusSummary"
    it('finds the one integration and its prod provider version, and says yes', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1')
        .pact('bar')
        .verifiedBy('2', { tags: ['prod'] });
      const body = await ask([{ pacticipant: 'foo' }], toProd);
      expect(shortRows(body)).to.deep.equal(['foo1 bar2 n1']);
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });
  });

  describe('deploying a provider when one of the prod consumer versions is not verified', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the provider to be deployed"
    it('is unknown, and warns that no version number was given', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['prod'] })
        .pact('Bar')
        .verifiedBy('10', { tags: ['test'] })
        .version('2', { tags: ['prod'] })
        .pact('Bar');
      const body = await ask([{ pacticipant: 'Bar', latest: true, tag: 'test' }], { tag: 'prod', latestby: 'cvp' });
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal([
        'PactNotEverVerifiedByProvider',
        'SelectorWithoutPacticipantVersionNumberSpecified',
      ]);
    });
  });

  describe('deploying a consumer that no provider has verified', () => {
    beforeEach(async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').pact('Baz');
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "returns 2 integrations"
    it('reports both integrations as unknown', async () => {
      const body = await ask(selectors({ Foo: '1' }), toProd);
      expect(body.summary.unknown).to.equal(2);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "it creates selectors for the providers"
    it('names each provider (with no prod version) in the reasons', async () => {
      const body = await ask(selectors({ Foo: '1' }), toProd);
      expect(body.summary.reason).to.match(/Bar/).and.to.match(/Baz/);
      expect(shortRows(body)).to.have.members(['Foo1 Bar? n?', 'Foo1 Baz? n?']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the consumer to be deployed"
    it('is unknown, never yes', async () => {
      const body = await ask(selectors({ Foo: '1' }), toProd);
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider', 'PactNotEverVerifiedByProvider']);
    });
  });

  describe('pact_broker-client #33: two providers in prod, one has not verified this consumer version', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('3.0.0')
        .pact('Bar')
        .verifiedBy('10.0.0', { tags: ['prod'] })
        .pact('Baz')
        .verifiedBy('20', { tags: ['prod'] })
        .version('2.0.0')
        .pact('Bar')
        .verifiedBy('11.0.0', { tags: ['prod'] });
    });

    const answer = () => ask(selectors({ Foo: '3.0.0' }), toProd);

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "returns 2 integrations"
    it('has a row for each integration', async () => {
      expect(shortRows(await answer())).to.have.members(['Foo3.0.0 Bar? n?', 'Foo3.0.0 Baz20 n1']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "returns 1 row with a verification"
    it('one row has a verification', async () => {
      expect((await answer()).matrix.filter((row) => row.verificationResult !== null)).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "returns 1 row without a verification"
    it('one row has none', async () => {
      expect((await answer()).matrix.filter((row) => row.verificationResult === null)).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the consumer to be deployed"
    it('is unknown', async () => {
      const body = await answer();
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });
  });

  describe('deploying an old consumer version that predates a new provider', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "allows the old version of the consumer to be deployed"
    it('says yes: the old version does not need the new provider', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('2', { tags: ['prod'] })
        .version('2')
        .pact('Bar')
        .verifiedBy('3')
        .pact('Wiffle')
        .verifiedBy('10');
      const body = await ask(selectors({ Foo: '1' }), toProd);
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });
  });

  describe('when the version given does not exist', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the app to be deployed"
    it('says no, and warns that no environment was given', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar');
      const body = await ask(selectors({ Bar: '5' }), {});
      expect(body.summary.deployable).to.equal(false);
      expect(reasonKinds(body)).to.deep.equal(['NoEnvironmentSpecified', 'SpecifiedVersionDoesNotExist']);
    });
  });

  describe('first deployments', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "allows the app to be deployed"
    it('a provider whose consumer is not in prod yet may deploy', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('2');
      const body = await ask(selectors({ Bar: '2' }), toProd);
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['NoDependenciesMissing']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the app to be deployed"
    it('a consumer whose provider is not in prod yet may not', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('2');
      const body = await ask(selectors({ Foo: '1' }), toProd);
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the app to be deployed"
    it('a consumer-and-provider whose own provider is not in prod yet may not', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('2')
        .consumer('Bar')
        .version('2')
        .pact('Baz');
      const body = await ask(selectors({ Bar: '2' }), toProd);
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "allows the app to be deployed"
    it('a consumer-and-provider whose own provider in prod verified it may', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('2')
        .consumer('Bar')
        .version('2')
        .pact('Baz')
        .verifiedBy('4', { tags: ['prod'] });
      const body = await ask(selectors({ Bar: '2' }), toProd);
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "allows the app to be deployed"
    it('a provider version that verified nothing may deploy when no consumer is in prod', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').provider('Bar').version('2');
      const body = await ask(selectors({ Bar: '2' }), toProd);
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['NoDependenciesMissing']);
    });
  });

  describe('a consumer verified by a provider version other than the one in prod', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "returns a reason indicating that the pact has not been verified by the required provider version"
    it('is unknown: no verified pact with the prod version', async () => {
      await broker
        .data()
        .provider('Bar')
        .version('2', { tags: ['prod'] })
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('3');
      const body = await ask(selectors({ Foo: '1' }), toProd);
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
      expect(body.summary.reason).to.match(/latest version of Bar tagged prod \(2\)/);
    });
  });

  describe('two applications with pacts with each other (the nureva case)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('ServiceB')
        .version('100')
        .pact('ServiceA')
        .verifiedBy('99')
        .consumer('ServiceA')
        .version('1')
        .pact('ServiceB')
        .verifiedBy('100');
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the two apps to be deployed together"
    it('both versions given: not yes, ServiceB 100 was never verified by ServiceA 1', async () => {
      const body = await ask(selectors({ ServiceA: '1', ServiceB: '100' }), { latestby: 'cvpv' });
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the two apps to be deployed together"
    it('one version against the latest of the other: not yes', async () => {
      const body = await ask(selectors({ ServiceB: '100' }), { latestby: 'cvp', latest: true });
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['NoEnvironmentSpecified', 'PactNotEverVerifiedByProvider']);
    });
  });

  describe('a provider with several prod versions of one consumer (given) and one of another (inferred)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['prod'] })
        .pact('Bar')
        .verifiedBy('2')
        .version('2', { tags: ['prod'] })
        .pact('Bar')
        .verifiedBy('2')
        .version('3')
        .pact('Bar')
        .verifiedBy('2', { success: false })
        .consumer('Cat')
        .version('20', { tags: ['prod'] })
        .pact('Bar')
        .consumer('Dog')
        .version('40')
        .pact('Bar')
        .verifiedBy('2');
    });

    const given: Selector[] = [
      { pacticipant: 'Bar', version: '2' },
      { pacticipant: 'Foo', tag: 'prod' },
    ];

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "determines the number of integrations"
    it('covers the integrations with Foo and Cat (Dog is not in prod)', async () => {
      const body = await ask(given, { latest: true, tag: 'prod' });
      expect([...new Set(body.matrix.map((row) => row.consumer.name))]).to.have.members(['Foo', 'Cat']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "finds all prod versions of Foo"
    it('has a row for each prod version of Foo', async () => {
      const body = await ask(given, { latest: true, tag: 'prod' });
      expect(body.matrix.filter((row) => row.consumer.name === 'Foo')).to.have.length(2);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "finds the single prod version of Cat"
    it('has a row for the prod version of Cat', async () => {
      const body = await ask(given, { latest: true, tag: 'prod' });
      expect(body.matrix.filter((row) => row.consumer.name === 'Cat')).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "is not deployable because of the missing verification for Cat v20"
    it("is unknown, for the one reason that Cat 20's pact is unverified", async () => {
      const body = await ask(given, { latest: true, tag: 'prod' });
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
      expect(body.notices.at(-1)!.text).to.match(/Cat/);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "is deployable"
    it('without a destination, only the given versions count: yes', async () => {
      const body = await ask(given, {});
      expect(body.summary.deployable).to.equal(true);
    });
  });

  describe('a consumer with two providers, only the explicitly given one verified it', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "allows the consumer to be deployed"
    it('says yes: only the given versions count', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('2', { tags: ['prod'] })
        .pact('Wiffle');
      const body = await ask(
        [
          { pacticipant: 'Foo', version: '1' },
          { pacticipant: 'Bar', tag: 'prod', latest: true },
        ],
        { latestby: 'cvpv' },
      );
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });
  });

  describe('pact_broker#485: a provider version with no result for the consumer version in the environment', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "does not allow the provider to be deployed"
    it('is unknown, because that pact was never verified by this provider version', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('1')
        .consumer('NotInTest')
        .version('1', { tags: ['test'] })
        .pact('Bar')
        .verifiedBy('1')
        .provider('Bar')
        .version('2');
      const body = await ask(selectors({ Bar: '2' }), { latestby: 'cvp', tag: 'test', latest: true });
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });
  });

  describe('adding a new provider', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('c1')
        .version('1', { tags: ['test'] })
        .pact('p1')
        .verifiedBy('1', { tags: ['test'] })
        .version('2')
        .pact('p2')
        .verifiedBy('1');
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "is not allowed to be deployed because it relies on p2 which has not been deployed yet"
    it('the consumer version that needs the new provider may not deploy before it', async () => {
      const body = await ask(selectors({ c1: '2' }), { latestby: 'cvp', latest: true, tag: 'test' });
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "is allowed to be deployed because the version of c1 that is in test does not care about p2"
    it('the new provider may deploy: the consumer version in test does not use it', async () => {
      const body = await ask(selectors({ p2: '1' }), { latestby: 'cvp', latest: true, tag: 'test' });
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['NoDependenciesMissing']);
    });
  });

  describe('the consumer version in prod has no pact with the provider', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "allows the provider to be deployed"
    it('the provider may deploy', async () => {
      await broker
        .data()
        .consumer('c1')
        .version('1')
        .pact('p1')
        .verifiedBy('1')
        .version('2', { tags: ['prod'] });
      const body = await ask(selectors({ p1: '1' }), { latestby: 'cvp', latest: true, tag: 'prod' });
      expect(body.summary.deployable).to.equal(true);
      expect(reasonKinds(body)).to.deep.equal(['NoDependenciesMissing']);
    });
  });

  describe('a selector that stands for several versions (every prod version of the provider)', () => {
    // ref: spec/lib/pact_broker/matrix/integration_spec.rb: "identifies the correct selector for a failing row"
    it('names the failing provider version in the reason', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1')
        .pact('bar')
        .verifiedBy('1', { tags: ['prod'] })
        .verifiedBy('2', { success: false, tags: ['prod'] });
      const body = await ask(selectors({ foo: '1' }), { latestby: 'cvp', tag: 'prod' });
      expect(body.summary.deployable).to.equal(false);
      expect(reasonKinds(body)).to.deep.equal(['VerificationFailed']);
      expect(body.notices[0]!.text).to.match(/bar tagged prod \(2\)|bar.*\(2\)/);
    });
  });
});
