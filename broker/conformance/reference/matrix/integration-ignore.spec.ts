// Ported from the Pact Broker's spec/lib/pact_broker/matrix/integration_ignore_spec.rb: can-i-deploy with
// ignore selectors (`ignore[][pacticipant]=...`), over GET /matrix. Expected answers as in
// spec/fixtures/approvals/matrix_integration_ignore_spec.approved.json.
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import type { BrokerTestData } from '../../../testing/test-data.ts';
import { getMatrix, reasonKinds, selectors, type Selector } from './matrix-client.ts';

type Ignore = { pacticipant: string; version?: string };

describe('reference conformance: can-i-deploy ignoring pacticipants (matrix/integration_ignore_spec.rb)', () => {
  const broker = useBroker();
  const toProd = { latest: true, tag: 'prod', latestby: 'cvp' };

  /** Asks with at most one ignore selector (`ignore[][pacticipant]=...&ignore[][version]=...`), as every example here needs. */
  const ask = (query: Selector[], ignore: Ignore[]) => {
    const [selector] = ignore;
    return getMatrix(broker, query, {
      ...toProd,
      'ignore[][pacticipant]': selector?.pacticipant,
      'ignore[][version]': selector?.version,
    });
  };

  /** Asks with and without ignoring `ignore`: the reference's "with ignore selectors" / "without any" pair. */
  function withAndWithout(
    name: string,
    build: (data: BrokerTestData) => BrokerTestData,
    query: Selector[],
    ignore: Ignore[],
    expected: { ignoring: string[]; without: { deployable: boolean | null; reasons: string[] } },
  ) {
    describe(name, () => {
      beforeEach(async () => {
        await build(broker.data());
      });

      // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "is expected to be deployable"
      it('ignoring it: deployable', async () => {
        const body = await ask(query, ignore);
        expect(body.summary.deployable).to.equal(true);
        expect(reasonKinds(body)).to.deep.equal(expected.ignoring);
      });

      // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "is expected not to be deployable"
      it(`without ignoring it: ${String(expected.without.deployable)}`, async () => {
        const body = await ask(query, []);
        expect(body.summary.deployable).to.equal(expected.without.deployable);
        expect(reasonKinds(body)).to.deep.equal(expected.without.reasons);
      });
    });
  }

  const foo1 = selectors({ Foo: '1' });
  const bar = [{ pacticipant: 'Bar' }];

  describe('deploying a consumer and ignoring a provider', () => {
    withAndWithout(
      'a missing verification from the prod provider',
      (data) =>
        data
          .consumer('Foo')
          .version('1')
          .pact('Bar')
          .provider('Bar')
          .version('2', { tags: ['prod'] }),
      foo1,
      bar,
      {
        ignoring: ['NoDependenciesMissing'],
        without: { deployable: null, reasons: ['PactNotEverVerifiedByProvider'] },
      },
    );

    withAndWithout(
      'a failed verification by the prod provider',
      (data) =>
        data
          .consumer('Foo')
          .version('1')
          .pact('Bar')
          .verifiedBy('2', { tags: ['prod'], success: false }),
      foo1,
      bar,
      { ignoring: ['NoDependenciesMissing'], without: { deployable: false, reasons: ['VerificationFailed'] } },
    );

    describe('a failed verification, ignoring one provider version', () => {
      beforeEach(async () => {
        await broker
          .data()
          .consumer('Foo')
          .version('1')
          .pact('Bar')
          .verifiedBy('2', { tags: ['prod'], success: false });
      });

      // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "is expected to be deployable"
      it('ignoring the failing provider version: deployable', async () => {
        const body = await ask(foo1, [{ pacticipant: 'Bar', version: '2' }]);
        expect(body.summary.deployable).to.equal(true);
        expect(reasonKinds(body)).to.deep.equal(['NoDependenciesMissing']);
      });

      // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "is expected not to be deployable"
      it('ignoring another (missing) provider version: still no, with a warning', async () => {
        const body = await ask(foo1, [{ pacticipant: 'Bar', version: '999' }]);
        expect(body.summary.deployable).to.equal(false);
        expect(reasonKinds(body)).to.deep.equal(['IgnoreSelectorDoesNotExist', 'VerificationFailed']);
      });
    });

    withAndWithout(
      'a provider that has not been deployed',
      (data) => data.consumer('Foo').version('1').pact('Bar').verifiedBy('2'),
      foo1,
      bar,
      {
        ignoring: ['NoDependenciesMissing'],
        without: { deployable: null, reasons: ['PactNotEverVerifiedByProvider'] },
      },
    );

    withAndWithout(
      'consumer and provider both given',
      (data) =>
        data
          .consumer('Foo')
          .version('1')
          .pact('Bar')
          .verifiedBy('2', { success: false, tags: ['prod'] }),
      [
        { pacticipant: 'Foo', version: '1' },
        { pacticipant: 'Bar', tag: 'prod', latest: true },
      ],
      bar,
      { ignoring: ['NoDependenciesMissing'], without: { deployable: false, reasons: ['VerificationFailed'] } },
    );

    withAndWithout(
      'consumer and provider both given, but the provider version does not exist',
      (data) => data.consumer('Foo').version('1').pact('Bar').verifiedBy('2'),
      [
        { pacticipant: 'Foo', version: '1' },
        { pacticipant: 'Bar', tag: 'prod', latest: true },
      ],
      bar,
      {
        ignoring: ['NoDependenciesMissing'],
        without: { deployable: false, reasons: ['SpecifiedVersionDoesNotExist'] },
      },
    );

    // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "includes a warning about the incorrect ignore selector"
    it('warns when the pacticipant to ignore does not exist', async () => {
      await broker.data().consumer('Foo').version('1').pact('NotBar').verifiedBy('2');
      const body = await ask(foo1, bar);
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['IgnoreSelectorDoesNotExist', 'PactNotEverVerifiedByProvider']);
    });

    // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "includes a warning about the incorrect ignore selector"
    it('warns when the version to ignore does not exist', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('2');
      const body = await ask(foo1, [{ pacticipant: 'Bar', version: '999' }]);
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.deep.equal(['IgnoreSelectorDoesNotExist', 'PactNotEverVerifiedByProvider']);
    });
  });

  describe('deploying a provider and ignoring a consumer', () => {
    const bar2 = selectors({ Bar: '2' });

    // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "does not allows the provider to be deployed"
    it('is unknown when the prod consumer version is unverified', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['prod'] })
        .pact('Bar')
        .provider('Bar')
        .version('2');
      const body = await ask(bar2, []);
      expect(body.summary.deployable).to.equal(null);
      expect(reasonKinds(body)).to.include('PactNotEverVerifiedByProvider');
    });

    withAndWithout(
      'a failed verification of the prod consumer version',
      (data) =>
        data
          .consumer('Foo')
          .version('1', { tags: ['prod'] })
          .pact('Bar')
          .verifiedBy('2', { success: false }),
      bar2,
      [{ pacticipant: 'Foo' }],
      { ignoring: ['NoDependenciesMissing'], without: { deployable: false, reasons: ['VerificationFailed'] } },
    );

    describe('a failed verification, ignoring one consumer version', () => {
      beforeEach(async () => {
        await broker
          .data()
          .consumer('Foo')
          .version('1', { tags: ['prod'] })
          .pact('Bar')
          .verifiedBy('2', { success: false });
      });

      // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "is expected to be deployable"
      it('ignoring that consumer version: deployable', async () => {
        const body = await ask(bar2, [{ pacticipant: 'Foo', version: '1' }]);
        expect(body.summary.deployable).to.equal(true);
        expect(reasonKinds(body)).to.deep.equal(['NoDependenciesMissing']);
      });

      // ref: spec/lib/pact_broker/matrix/integration_ignore_spec.rb: "is expected not to be deployable"
      it('ignoring a consumer version that does not exist: still no, with a warning', async () => {
        const body = await ask(bar2, [{ pacticipant: 'Foo', version: 'wrong' }]);
        expect(body.summary.deployable).to.equal(false);
        expect(reasonKinds(body)).to.deep.equal(['IgnoreSelectorDoesNotExist', 'VerificationFailed']);
      });
    });
  });
});
