// Ported from the Pact Broker's spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb (the shape of
// a matrix row: consumer, provider, pact and verification result, with branches, tags and environments)
// and the limit examples of spec/lib/pact_broker/matrix/repository_query_limit_spec.rb and
// repository_dependency_spec.rb, over GET /matrix.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { getMatrix, selectors } from './matrix-client.ts';

interface Named {
  name: string;
  latest?: boolean;
  displayName?: string;
}

interface VersionInRow {
  number: string;
  branch?: string;
  branches: Named[];
  branchVersions: Named[];
  environments: Named[];
  tags: (Named & { _links: { self: { href: string } } })[];
  _links: { self: { href: string } };
}

/** A matrix row with every field the Pact Broker's decorator spec looks at. */
interface FullRow {
  consumer: { name: string; version: VersionInRow; _links: { self: { href: string } } };
  provider: { name: string; version: VersionInRow; _links: { self: { href: string } } };
  pact: { createdAt: string; _links: { self: { href: string } } };
  verificationResult: { success: boolean; verifiedAt: string; _links: { self: { href: string } } };
}

describe('reference conformance: the matrix body and its limit', () => {
  const broker = useBroker();

  describe('a verified row and an unverified one (matrix_decorator_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('test')
        .environment('production', { production: true })
        .consumer('Consumer')
        .version('1.0.0', { branch: 'main', tags: ['prod'] })
        .deployedTo('test')
        .releasedTo('production')
        .pact('Provider')
        .verifiedBy('4.5.6', { branch: 'feat/x', tags: ['master'] })
        .provider('Provider')
        .version('4.5.6')
        .deployedTo('test')
        .releasedTo('production')
        .version('9', { tags: ['master'] })
        .consumer('Consumer')
        .version('2.0.0')
        .pact('Provider');
    });

    const answer = () =>
      getMatrix(broker, selectors({ Consumer: undefined, Provider: undefined }), { latestby: 'cvpv' });
    const verified = async () =>
      (await answer()).matrix.find((row) => row.verificationResult !== null)! as unknown as FullRow;

    // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "includes the consumer details"
    it("the consumer: its name and link, the version's number, branch, branches, environments and tags", async () => {
      const { consumer } = await verified();
      expect(consumer.name).to.equal('Consumer');
      expect(consumer._links.self.href).to.equal(`${broker.url}/pacticipants/Consumer`);
      expect(consumer.version).to.deep.include({ number: '1.0.0', branch: 'main' });
      expect(consumer.version.branches.map((b) => b.name)).to.deep.equal(['main']);
      expect(consumer.version.branchVersions.map((b) => b.name)).to.deep.equal(['main']);
      expect(consumer.version.environments.map((e) => [e.name, e.displayName])).to.deep.equal([
        ['test', 'Test'],
        ['production', 'Production'],
      ]);
      expect(consumer.version._links.self.href).to.equal(`${broker.url}/pacticipants/Consumer/versions/1.0.0`);
      expect(consumer.version.tags).to.deep.equal([
        {
          name: 'prod',
          latest: true,
          _links: { self: { href: `${broker.url}/pacticipants/Consumer/versions/1.0.0/tags/prod` } },
        },
      ]);
    });

    // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "includes the provider details"
    it('the provider: the same, with a tag that is no longer the latest', async () => {
      const { provider } = await verified();
      expect(provider.name).to.equal('Provider');
      expect(provider._links.self.href).to.equal(`${broker.url}/pacticipants/Provider`);
      expect(provider.version).to.deep.include({ number: '4.5.6', branch: 'feat/x' });
      expect(provider.version.branchVersions).to.have.length(1);
      expect(provider.version.branchVersions[0]).to.include({ name: 'feat/x', latest: true });
      expect(provider.version.environments.map((e) => e.name)).to.deep.equal(['test', 'production']);
      expect(provider.version.tags).to.deep.equal([
        {
          name: 'master',
          latest: false,
          _links: { self: { href: `${broker.url}/pacticipants/Provider/versions/4.5.6/tags/master` } },
        },
      ]);
    });

    // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "includes the verification details"
    it('the verification result: success, when, and a link that resolves', async () => {
      const { verificationResult } = await verified();
      expect(verificationResult.success).to.equal(true);
      expect(new Date(verificationResult.verifiedAt).toISOString()).to.equal(verificationResult.verifiedAt);
      const path = new URL(verificationResult._links.self.href).pathname;
      expect(path).to.match(
        /^\/pacts\/provider\/Provider\/consumer\/Consumer\/pact-version\/\w+\/verification-results\/1$/,
      );
      await request(broker.server).get(path).expect(200);
    });

    // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "includes the pact details"
    it('the pact: when it was published, and its link', async () => {
      const { pact } = await verified();
      expect(pact.createdAt).to.be.a('string');
      expect(pact._links.self.href).to.equal(`${broker.url}/pacts/provider/Provider/consumer/Consumer/version/1.0.0`);
    });

    // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "includes a summary"
    it('a summary: deployable, the reasons joined by new lines, the counts', async () => {
      const body = await answer();
      expect(body.summary.deployable).to.equal(null);
      expect(body.summary.reason).to.equal(body.notices.map((notice) => notice.text).join('\n'));
      expect(body.summary.success).to.equal(1);
    });

    // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "includes notices"
    it('the notices: each reason with its text and type', async () => {
      const body = await answer();
      for (const notice of body.notices) expect(Object.keys(notice).sort()).to.deep.equal(['text', 'type']);
      expect(body.notices.map((notice) => notice.type)).to.deep.equal(['error']);
    });

    // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "has empty provider details"
    it('an unverified row has the provider without a version', async () => {
      const row = (await answer()).matrix.find((r) => r.verificationResult === null)!;
      expect(row.provider).to.deep.equal({
        name: 'Provider',
        version: null,
        _links: { self: { href: `${broker.url}/pacticipants/Provider` } },
      });
    });

    // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "has a nil verificationResult"
    it('and a null verification result', async () => {
      const row = (await answer()).matrix.find((r) => r.consumer.version.number === '2.0.0')!;
      expect(row.verificationResult).to.equal(null);
    });

    describe('with ignored rows', () => {
      const ignoring = () =>
        getMatrix(broker, selectors({ Consumer: undefined, Provider: undefined }), {
          latestby: 'cvpv',
          'ignore[][pacticipant]': 'Consumer',
          'ignore[][version]': '1.0.0',
        });

      // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "includes the considered and ignored rows"
      it('lists the considered rows, then the ignored ones', async () => {
        const body = await ignoring();
        expect(body.matrix).to.have.length(2);
        expect(body.matrix[0]).to.not.have.property('ignored');
      });

      // ref: spec/lib/pact_broker/api/decorators/matrix_decorator_spec.rb: "includes the ignored flag"
      it('marks the ignored ones', async () => {
        expect((await ignoring()).matrix.at(-1)!.ignored).to.equal(true);
      });
    });
  });

  describe('the limit (repository_query_limit_spec.rb)', () => {
    // ref: spec/lib/pact_broker/matrix/repository_query_limit_spec.rb: "does not remove relevant rows from the query due to the specified limit"
    it('many verifications by one provider version do not crowd out other integrations', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('2', { tags: ['staging'] })
        .verifiedBy('2')
        .verifiedBy('2')
        .verifiedBy('2')
        .verifiedBy('3')
        .pact('Wiffle')
        .verifiedBy('6', { tags: ['staging'] });
      const res = await request(broker.server)
        .get('/matrix?q[][pacticipant]=Foo&q[][version]=1&tag=staging&latestby=cvp&limit=2')
        .expect(200);
      expect(res.body.summary.deployable).to.equal(true);
    });

    describe('pacts in both directions', () => {
      beforeEach(async () => {
        const data = broker.data();
        for (const [foo, bar] of [
          ['1', '2'],
          ['3', '4'],
          ['5', '6'],
        ] as const) {
          data
            .consumer('Foo')
            .version(foo)
            .pact('Bar')
            .verifiedBy(bar)
            .consumer('Bar')
            .version(bar)
            .pact('Foo')
            .verifiedBy(foo);
        }
        await data;
      });
      const countsByConsumer = async (options: Record<string, string>) => {
        const body = await getMatrix(broker, selectors({ Foo: undefined, Bar: undefined }), options);
        return [
          body.matrix.filter((r) => r.consumer.name === 'Foo').length,
          body.matrix.filter((r) => r.consumer.name === 'Bar').length,
        ];
      };

      // ref: spec/lib/pact_broker/matrix/repository_query_limit_spec.rb: "includes rows from each direction"
      it('a limit keeps rows of both directions', async () => {
        const [foo, bar] = await countsByConsumer({ limit: '4' });
        expect(foo).to.equal(bar);
      });

      // ref: spec/lib/pact_broker/matrix/repository_query_limit_spec.rb: "includes rows from each direction"
      it('with latestby too', async () => {
        const [foo, bar] = await countsByConsumer({ limit: '4', latestby: 'cvpv' });
        expect(foo).to.equal(bar);
      });
    });
  });

  describe('first deployments (repository_dependency_spec.rb)', () => {
    beforeEach(async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('2');
    });

    // ref: spec/lib/pact_broker/matrix/repository_dependency_spec.rb: "returns an empty array"
    it('a provider whose consumer is not in prod: no rows', async () => {
      const body = await getMatrix(broker, selectors({ Bar: '2' }), { latest: true, tag: 'prod' });
      expect(body.matrix).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/matrix/repository_dependency_spec.rb: "returns an array with one row that does not have a verification"
    it('a consumer whose provider is not in prod: one unverified row, the provider version missing', async () => {
      const body = await getMatrix(broker, selectors({ Foo: '1' }), { latest: true, tag: 'prod' });
      expect(body.matrix).to.have.length(1);
      expect(body.matrix[0]!.verificationResult).to.equal(null);
      expect(body.summary.reason).to.match(/Bar tagged prod \(none exists\)/);
    });
  });
});
