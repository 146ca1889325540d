// Ported from the Pact Broker's spec/lib/pact_broker/matrix/repository_main_branch_spec.rb (the main-branch
// destination) and repository_latestby_filtering_spec.rb (the order of limit, latestby and the success
// filter), observed over GET /matrix.
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { getMatrix, selectors, type MatrixAnswerBody } from './matrix-client.ts';

/** "Foo1 Bar2": consumer and version, provider and version (the main-branch spec's short form). */
const pairs = (body: MatrixAnswerBody) =>
  body.matrix
    .map(
      (row) =>
        `${row.consumer.name}${row.consumer.version.number} ${row.provider.name}${row.provider.version?.number ?? '?'}`,
    )
    .sort();

describe('reference conformance: the main-branch destination and result filters (matrix repository specs)', () => {
  const broker = useBroker();

  describe("deploying a consumer against its providers' main branches", () => {
    beforeEach(async () => {
      await broker
        .data()
        .provider('Bar', { mainBranch: 'develop' })
        .provider('Baz', { mainBranch: 'main' })
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('1', { branch: 'develop' })
        .verifiedBy('2', { branch: 'develop' })
        .verifiedBy('3', { branch: 'not-develop' })
        .pact('Baz')
        .verifiedBy('10', { branch: 'main' })
        .verifiedBy('11', { branch: 'main' })
        .verifiedBy('12', { branch: 'not-main' });
    });

    // ref: spec/lib/pact_broker/matrix/repository_main_branch_spec.rb: "returns the rows between the consumer and the provider's main branches"
    it("with latest, uses the latest version of each provider's own main branch", async () => {
      const body = await getMatrix(broker, selectors({ Foo: '1' }), { mainBranch: true, latest: true });
      expect(pairs(body)).to.deep.equal(['Foo1 Bar2', 'Foo1 Baz11']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_main_branch_spec.rb: "sets the resolved branch name"
    it("those provider versions are on each provider's main branch", async () => {
      const body = await getMatrix(broker, selectors({ Foo: '1' }), { mainBranch: true, latest: true });
      const branches = Object.fromEntries(
        body.matrix.map((row) => [row.provider.name, (row.provider.version as { branch?: string }).branch]),
      );
      expect(branches).to.deep.equal({ Bar: 'develop', Baz: 'main' });
    });

    // ref: spec/lib/pact_broker/matrix/repository_main_branch_spec.rb: "returns the rows between the consumer and the latest version of each provider's main branch"
    it('without latest, uses every version of the main branches', async () => {
      const body = await getMatrix(broker, selectors({ Foo: '1' }), { mainBranch: true });
      expect(pairs(body)).to.deep.equal(['Foo1 Bar1', 'Foo1 Bar2', 'Foo1 Baz10', 'Foo1 Baz11']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_main_branch_spec.rb: "sets the resolved branch names"
    it('every one of those versions is on the main branch', async () => {
      const body = await getMatrix(broker, selectors({ Foo: '1' }), { mainBranch: true });
      const byProvider = (name: string) => [
        ...new Set(
          body.matrix
            .filter((row) => row.provider.name === name)
            .map((row) => (row.provider.version as { branch?: string }).branch),
        ),
      ];
      expect(byProvider('Bar')).to.deep.equal(['develop']);
      expect(byProvider('Baz')).to.deep.equal(['main']);
    });
  });

  describe("deploying a provider against its consumers' main branches", () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo', { mainBranch: 'develop' })
        .version('1', { branch: 'develop' })
        .pact('Bar')
        .verifiedBy('1')
        .version('2', { branch: 'develop' })
        .pact('Bar')
        .verifiedBy('1')
        .version('3', { branch: 'not-develop' })
        .pact('Bar')
        .verifiedBy('1')
        .consumer('Beep', { mainBranch: 'main' })
        .version('1', { branch: 'main' })
        .pact('Bar')
        .verifiedBy('1')
        .version('2', { branch: 'main' })
        .pact('Bar')
        .verifiedBy('1')
        .version('3', { branch: 'not-main' })
        .pact('Bar')
        .verifiedBy('1');
    });

    // ref: spec/lib/pact_broker/matrix/repository_main_branch_spec.rb: "returns the rows between the provider and the latest version of each consumer's main branches"
    it("with latest, uses the latest version of each consumer's main branch", async () => {
      const body = await getMatrix(broker, selectors({ Bar: '1' }), { mainBranch: true, latest: true });
      expect(pairs(body)).to.deep.equal(['Beep2 Bar1', 'Foo2 Bar1']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_main_branch_spec.rb: "sets the resolved branch name"
    it("those consumer versions are on each consumer's main branch", async () => {
      const body = await getMatrix(broker, selectors({ Bar: '1' }), { mainBranch: true, latest: true });
      const branches = Object.fromEntries(body.matrix.map((row) => [row.consumer.name, row.consumer.version.branch]));
      expect(branches).to.deep.equal({ Beep: 'main', Foo: 'develop' });
    });

    // ref: spec/lib/pact_broker/matrix/repository_main_branch_spec.rb: "returns the rows between the provider and the consumer's main branches"
    it('without latest, uses every version of the main branches', async () => {
      const body = await getMatrix(broker, selectors({ Bar: '1' }), { mainBranch: true });
      expect(pairs(body)).to.deep.equal(['Beep1 Bar1', 'Beep2 Bar1', 'Foo1 Bar1', 'Foo2 Bar1']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_main_branch_spec.rb: "sets the resolved branch names"
    it('every one of those consumer versions is on the main branch', async () => {
      const body = await getMatrix(broker, selectors({ Bar: '1' }), { mainBranch: true });
      const byConsumer = (name: string) => [
        ...new Set(body.matrix.filter((row) => row.consumer.name === name).map((row) => row.consumer.version.branch)),
      ];
      expect(byConsumer('Beep')).to.deep.equal(['main']);
      expect(byConsumer('Foo')).to.deep.equal(['develop']);
    });
  });

  describe('limit, then latestby, then the success filter (repository_latestby_filtering_spec.rb)', () => {
    describe('Foo 2 verified by Bar 20, then Foo 1 verified by Bar 10, 11 (failed) and 12', () => {
      beforeEach(async () => {
        await broker
          .data()
          .consumer('Foo')
          .version('2')
          .pact('Bar')
          .verifiedBy('20')
          .version('1')
          .pact('Bar')
          .verifiedBy('10')
          .verifiedBy('11', { success: false })
          .verifiedBy('12');
      });

      // ref: spec/lib/pact_broker/matrix/repository_latestby_filtering_spec.rb: "dedups pairA's 3 provider versions down to 1, keeping both integrations"
      it('latestby=cvp without a limit keeps one row per consumer version', async () => {
        const body = await getMatrix(broker, selectors({ Foo: undefined, Bar: undefined }), { latestby: 'cvp' });
        expect(body.matrix.map((row) => row.consumer.version.number).sort()).to.deep.equal(['1', '2']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_latestby_filtering_spec.rb: "applies the limit at the DB before the latestby dedup, losing pairB entirely"
      it('a limit applies to the newest rows before latestby groups them', async () => {
        const body = await getMatrix(broker, selectors({ Foo: undefined, Bar: undefined }), {
          latestby: 'cvp',
          limit: '2',
        });
        expect(pairs(body)).to.deep.equal(['Foo1 Bar12']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_latestby_filtering_spec.rb: "returns a row per pact/verification (EveryRow path)"
      it('without latestby, a row for every verification', async () => {
        const body = await getMatrix(broker, selectors({ Foo: undefined, Bar: undefined }), { limit: '10' });
        expect(body.matrix).to.have.length(4);
      });
    });

    // ref: spec/lib/pact_broker/matrix/repository_latestby_filtering_spec.rb: "does not resurrect the earlier successful verification once latestby has picked the (failing) highest provider_version_order row for the pair"
    it('success=true after latestby=cvp picked a failure leaves no row', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('5').verifiedBy('6', { success: false });
      const body = await getMatrix(broker, selectors({ Foo: undefined, Bar: undefined }), {
        latestby: 'cvp',
        success: 'true',
      });
      expect(body.matrix).to.deep.equal([]);
    });
  });
});
