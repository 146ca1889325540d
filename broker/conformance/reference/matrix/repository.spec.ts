// Ported from the Pact Broker's spec/lib/pact_broker/matrix/repository_spec.rb: which rows the matrix
// returns for each kind of selector and each `latestby`, observed over GET /matrix.
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { getMatrix, selectors, shortRows } from './matrix-client.ts';

describe('reference conformance: matrix rows (repository_spec.rb)', () => {
  const broker = useBroker();

  describe('A1 verified by B1 (failed, then passed) and B2, and by C1; A2 verified by C3, A2 -> B unverified', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('A')
        .version('1')
        .pact('B')
        .verifiedBy('1', { success: false })
        .verifiedBy('1')
        .verifiedBy('2')
        .pact('C')
        .verifiedBy('1')
        .version('2')
        .pact('C')
        .verifiedBy('3')
        .pact('B');
    });

    const rows = async (versions: Record<string, string | undefined>, latestby?: string) =>
      shortRows(await getMatrix(broker, selectors(versions), { latestby }));

    describe('when just the consumer name is given', () => {
      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns all rows"
      it('without latestby, returns every verification of every pact', async () => {
        const result = await rows({ A: undefined });
        expect(result).to.include.members(['A1 B1 n1', 'A1 B1 n2', 'A1 C1 n1', 'A2 B? n?']);
        expect(result).to.have.length(6);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest rows per consumer version/provider version"
      it('with latestby=cvpv, keeps the latest verification per consumer version and provider version', async () => {
        const result = await rows({ A: undefined }, 'cvpv');
        expect(result).to.not.include('A1 B1 n1');
        expect(result).to.include.members(['A1 B1 n2', 'A1 C1 n1', 'A2 B? n?']);
        expect(result).to.have.length(5);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest row for each provider for each consumer version"
      it('with latestby=cvp, keeps the newest provider version per consumer version and provider', async () => {
        const result = await rows({ A: undefined }, 'cvp');
        expect(result).to.not.include.members(['A1 B1 n1']);
        expect(result).to.not.include('A1 B1 n2');
        expect(result).to.include.members(['A1 B2 n3', 'A1 C1 n1', 'A2 B? n?']);
        expect(result).to.have.length(4);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest rows per consumer/provider"
      it('with latestby=cp, keeps one row per consumer and provider', async () => {
        const result = await rows({ A: undefined }, 'cp');
        expect(result).to.include.members(['A2 C3 n1', 'A2 B? n?']);
        expect(result).to.have.length(2);
      });
    });

    describe('when the consumer version is given', () => {
      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns all the rows for the consumer version"
      it('without latestby, returns every row of that consumer version', async () => {
        expect(await rows({ A: '1' })).to.have.length(4);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest verification for each provider version for the specified consumer version"
      it('with latestby=cvpv, returns the latest verification by each provider version', async () => {
        const result = await rows({ A: '1' }, 'cvpv');
        expect(result).to.not.include('A1 B1 n1');
        expect(result).to.include.members(['A1 B1 n2', 'A1 C1 n1']);
        expect(result).to.have.length(3);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest verifications for each provider for the specified consumer version"
      it('with latestby=cvp, returns the newest provider version of each provider', async () => {
        const result = await rows({ A: '1' }, 'cvp');
        expect(result).to.have.members(['A1 B2 n3', 'A1 C1 n1']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the same as latestby=cvp"
      it('with latestby=cp, answers as cvp does for one consumer version', async () => {
        expect(await rows({ A: '1' }, 'cp')).to.have.members(['A1 B2 n3', 'A1 C1 n1']);
      });
    });

    describe('when the consumer version and the provider name are given', () => {
      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns all the rows for the given consumer version and given provider"
      it('without latestby, returns every verification of that pact by the provider', async () => {
        expect(await rows({ A: '1', B: undefined })).to.have.members(['A1 B1 n1', 'A1 B1 n2', 'A1 B2 n3']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest verification for each provider version for the given consumer version"
      it('with latestby=cvpv, returns the latest verification by each provider version', async () => {
        expect(await rows({ A: '1', B: undefined }, 'cvpv')).to.have.members(['A1 B1 n2', 'A1 B2 n3']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest verification for the given provider for the given consumer version"
      it('with latestby=cvp, returns only the newest provider version', async () => {
        expect(await rows({ A: '1', B: undefined }, 'cvp')).to.deep.equal(['A1 B2 n3']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the same as latestby=cvp"
      it('with latestby=cp, answers as cvp does', async () => {
        expect(await rows({ A: '1', B: undefined }, 'cp')).to.deep.equal(['A1 B2 n3']);
      });
    });

    describe('when both versions are given', () => {
      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns all the rows for the given consumer/version and given provider/version"
      it('without latestby, returns both verifications by that provider version', async () => {
        expect(await rows({ A: '1', B: '1' })).to.have.members(['A1 B1 n1', 'A1 B1 n2']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest verification for the given provider version for the given consumer version"
      it('with latestby=cvpv, returns the latest verification', async () => {
        expect(await rows({ A: '1', B: '1' }, 'cvpv')).to.deep.equal(['A1 B1 n2']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the same as latestby=cvpv"
      it('with latestby=cvp, answers as cvpv does', async () => {
        expect(await rows({ A: '1', B: '1' }, 'cvp')).to.deep.equal(['A1 B1 n2']);
      });

      // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the same as latestby=cvp"
      it('with latestby=cp, answers as cvp does', async () => {
        expect(await rows({ A: '1', B: '1' }, 'cp')).to.deep.equal(['A1 B1 n2']);
      });
    });
  });

  describe('when a pact is revised, then verified', () => {
    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns one row"
    it('returns one row for the verified revision', async () => {
      await broker.data().consumer('A').version('1').pact('B').revisePact().verifiedBy('1');
      const body = await getMatrix(broker, selectors({ A: '1', B: '1' }), { latestby: 'cvpv' });
      expect(shortRows(body)).to.deep.equal(['A1 B1 n1']);
    });
  });

  describe('when a provider version exists but has verified nothing', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('A')
        .version('1.2.3')
        .pact('B')
        .provider('B')
        .version('2.0.0')
        .provider('C')
        .version('3.0.0')
        .consumer('A')
        .pact('C');
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns a row for each pact"
    it('returns a row for each pact', async () => {
      const body = await getMatrix(broker, selectors({ A: '1.2.3', B: '2.0.0', C: '3.0.0' }));
      expect(body.matrix).to.have.length(2);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns an row with a blank provider_version_number"
    it('each row has no provider version', async () => {
      const body = await getMatrix(broker, selectors({ A: '1.2.3', B: '2.0.0', C: '3.0.0' }));
      expect(shortRows(body)).to.have.members(['A1.2.3 B? n?', 'A1.2.3 C? n?']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "only returns 1 row"
    it('with only two selectors, returns only the row between them', async () => {
      const body = await getMatrix(broker, selectors({ A: '1.2.3', B: '2.0.0' }));
      expect(shortRows(body)).to.deep.equal(['A1.2.3 B? n?']);
    });
  });

  describe('when one pacticipant version is given and it is a consumer', () => {
    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns a row for each verification for that version"
    it('returns a row for each verification of its pacts', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1.2.3')
        .pact('B')
        .verifiedBy('4.5.6')
        .pact('D')
        .verifiedBy('6.7.8')
        .version('5.5.5')
        .pact('D')
        .verifiedBy('4.5.6');
      const body = await getMatrix(broker, selectors({ A: '1.2.3' }));
      expect(shortRows(body)).to.have.members(['A1.2.3 B4.5.6 n1', 'A1.2.3 D6.7.8 n1']);
    });
  });

  describe('when one pacticipant name is given and it is a consumer', () => {
    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns a row for each verification for the pacticipant"
    it('returns its rows only, verified or not', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1.2.3')
        .pact('B')
        .verifiedBy('4.5.6')
        .pact('D')
        .consumer('X')
        .version('1.2.3')
        .pact('Y');
      const body = await getMatrix(broker, selectors({ A: undefined }));
      expect([...new Set(body.matrix.map((row) => row.consumer.name))]).to.deep.equal(['A']);
      expect(body.matrix.map((row) => row.provider.version?.number ?? null)).to.include.members([null, '4.5.6']);
    });
  });

  describe('when one pacticipant is given and it is a provider', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('A')
        .version('1.2.3')
        .pact('B')
        .verifiedBy('4.5.6')
        .consumer('D')
        .version('3.4.5')
        .pact('B')
        .verifiedBy('4.5.6')
        .verifiedBy('6.7.8');
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns a row for each verification for that version"
    it('with a version, returns a row for each pact that version verified', async () => {
      const body = await getMatrix(broker, selectors({ B: '4.5.6' }));
      expect(shortRows(body)).to.have.members(['A1.2.3 B4.5.6 n1', 'D3.4.5 B4.5.6 n1']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns a row for each verification for that version"
    it('by name, returns a row for each verification by any of its versions', async () => {
      const body = await getMatrix(broker, selectors({ B: undefined }));
      expect(shortRows(body)).to.have.members(['A1.2.3 B4.5.6 n1', 'D3.4.5 B4.5.6 n1', 'D3.4.5 B6.7.8 n2']);
    });
  });

  describe('when one pacticipant version is both a consumer and a provider', () => {
    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns rows where the pacticipant is the consumer and rows where the pacticipant is the provider"
    it('returns its rows as consumer and as provider', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1')
        .pact('B')
        .verifiedBy('1')
        .verifiedBy('2', { success: false })
        .verifiedBy('4')
        .provider('B')
        .version('5')
        .consumer('B')
        .version('1')
        .pact('C')
        .verifiedBy('1', { success: false });
      const body = await getMatrix(broker, selectors({ B: '1' }));
      expect(shortRows(body)).to.have.members(['A1 B1 n1', 'B1 C1 n1']);
    });
  });

  describe('when every version with a tag must be compatible', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('android app')
        .version('1', { tags: ['prod'] })
        .pact('BFF')
        .verifiedBy('5')
        .version('2', { tags: ['prod'] })
        .pact('BFF')
        .verifiedBy('5')
        .version('3')
        .pact('BFF')
        .verifiedBy('5')
        .consumer('ios app')
        .version('20', { tags: ['prod'] })
        .pact('BFF')
        .verifiedBy('5');
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the matrix for all of the versions for the specified pacticipants with the given tag"
    it('a tag selector for a named consumer selects each of its versions with the tag', async () => {
      const body = await getMatrix(broker, [
        { pacticipant: 'android app', tag: 'prod' },
        { pacticipant: 'BFF', version: '5' },
      ]);
      expect(shortRows(body)).to.have.members(['android app1 BFF5 n1', 'android app2 BFF5 n1']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the matrix for all of the versions with the given tag"
    it('with tag=prod and no other selector, checks every consumer version with the tag', async () => {
      const body = await getMatrix(broker, [{ pacticipant: 'BFF', version: '5' }], { tag: 'prod' });
      expect(shortRows(body)).to.include.members(['android app1 BFF5 n1', 'android app2 BFF5 n1', 'ios app20 BFF5 n1']);
    });
  });

  describe('the success option', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('A')
        .version('1.2.3')
        .pact('B')
        .verifiedBy('1.0.0')
        .version('1.2.4')
        .pact('B')
        .verifiedBy('2.0.0', { success: false })
        .version('1.2.5')
        .pact('B');
    });

    const withSuccess = async (success?: string) =>
      (await getMatrix(broker, selectors({ A: undefined, B: undefined }), success === undefined ? {} : { success }))
        .matrix;

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns all rows specified by the selectors"
    it('when not set, returns every row', async () => {
      expect(await withSuccess()).to.have.length(3);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "only includes successes"
    it('success=true keeps only successes', async () => {
      const rows = await withSuccess('true');
      expect(rows.map((row) => row.provider.version?.number)).to.deep.equal(['1.0.0']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "only includes failures"
    it('success=false keeps only failures', async () => {
      const rows = await withSuccess('false');
      expect(rows.map((row) => row.provider.version?.number)).to.deep.equal(['2.0.0']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "only includes unverified rows"
    it('an empty success keeps only unverified rows', async () => {
      const rows = await withSuccess('');
      expect(rows.map((row) => row.provider.version)).to.deep.equal([null]);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns all matching rows"
    it('several success values keep rows matching any of them', async () => {
      const body = await getMatrix(broker, selectors({ A: undefined, B: undefined }));
      const res = await import('supertest').then(({ default: request }) =>
        request(broker.server)
          .get('/matrix?q[][pacticipant]=A&q[][pacticipant]=B&success[]=false&success[]=')
          .expect(200),
      );
      expect(body.matrix).to.have.length(3);
      const versions = (res.body.matrix as { provider: { version: { number: string } | null } }[]).map(
        (row) => row.provider.version?.number ?? null,
      );
      expect(versions).to.have.members([null, '2.0.0']);
    });
  });

  describe('latest versions of a provider', () => {
    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the row for the version "
    it('latest with a tag selects the newest provider version with the tag', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1.2.3')
        .pact('B')
        .verifiedBy('1.0.0', { tags: ['prod'] })
        .verifiedBy('2.0.0', { tags: ['prod'] })
        .verifiedBy('3.0.0');
      const body = await getMatrix(broker, [
        { pacticipant: 'A', version: '1.2.3' },
        { pacticipant: 'B', latest: true, tag: 'prod' },
      ]);
      expect(shortRows(body)).to.deep.equal(['A1.2.3 B2.0.0 n2']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the tag information"
    it("shows the provider version's tags, marking the latest", async () => {
      await broker
        .data()
        .consumer('A')
        .version('1.2.3')
        .pact('B')
        .verifiedBy('1.0.0', { tags: ['prod'] })
        .verifiedBy('2.0.0', { tags: ['prod'] });
      const body = await getMatrix(broker, [
        { pacticipant: 'A', version: '1.2.3' },
        { pacticipant: 'B', latest: true, tag: 'prod' },
      ]);
      expect(body.matrix[0]!.provider.version!.tags).to.deep.include({
        ...body.matrix[0]!.provider.version!.tags[0]!,
        name: 'prod',
        latest: true,
      });
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the row for the version "
    it('latest without a tag selects the newest provider version', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1.2.3')
        .pact('B')
        .verifiedBy('1.0.0')
        .verifiedBy('2.0.0')
        .verifiedBy('3.0.0');
      const body = await getMatrix(broker, [
        { pacticipant: 'A', version: '1.2.3' },
        { pacticipant: 'B', latest: true },
      ]);
      expect(shortRows(body)).to.deep.equal(['A1.2.3 B3.0.0 n3']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns a row with no verification"
    it('when the newest provider version verified nothing, the row has no verification', async () => {
      await broker.data().consumer('A').version('1.2.3').pact('B').verifiedBy('1.0.0').provider('B').version('5.0.0');
      const body = await getMatrix(broker, [
        { pacticipant: 'A', version: '1.2.3' },
        { pacticipant: 'B', latest: true },
      ]);
      expect(body.matrix).to.have.length(1);
      expect(body.matrix[0]!.verificationResult).to.equal(null);
    });
  });

  describe('one selector with a destination for every other pacticipant', () => {
    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "finds the matrix for the latest tagged versions of each of the other other pacticipants"
    it('latest tag: one consumer version against the latest tagged version of each provider', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1')
        .pact('B')
        .verifiedBy('1', { tags: ['prod'] })
        .verifiedBy('2')
        .pact('C')
        .verifiedBy('3', { tags: ['prod'] })
        .verifiedBy('4');
      const body = await getMatrix(broker, selectors({ A: '1' }), { tag: 'prod', latest: true });
      expect(shortRows(body)).to.have.members(['A1 B1 n1', 'A1 C3 n1']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "finds the matrix for the latest tagged versions of each of the other other pacticipants"
    it('latest: one consumer version against the latest version of each provider', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1')
        .pact('B')
        .verifiedBy('1')
        .verifiedBy('2')
        .pact('C')
        .verifiedBy('3')
        .verifiedBy('4');
      const body = await getMatrix(broker, selectors({ A: '1' }), { latest: true });
      expect(shortRows(body)).to.have.members(['A1 B2 n2', 'A1 C4 n2']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "finds the matrix for the latest tagged versions of each of the other other pacticipants"
    it('latest tag: every version of a consumer given by name', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1')
        .pact('B')
        .verifiedBy('1', { tags: ['prod'] })
        .verifiedBy('2')
        .pact('C')
        .verifiedBy('3', { tags: ['prod'] })
        .verifiedBy('4')
        .version('2')
        .pact('C');
      const body = await getMatrix(broker, selectors({ A: undefined }), { tag: 'prod', latest: true });
      expect(shortRows(body)).to.have.members(['A1 B1 n1', 'A1 C3 n1', 'A2 C? n?']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "finds the matrix for the latest tagged versions of each of the other other pacticipants"
    it('latest tag: a version that is both consumer and provider, against both sides', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1', { tags: ['prod'] })
        .pact('B')
        .verifiedBy('1')
        .consumer('B')
        .version('1')
        .pact('C')
        .verifiedBy('3', { tags: ['prod'] })
        .verifiedBy('4');
      const body = await getMatrix(broker, selectors({ B: '1' }), { tag: 'prod', latest: true });
      expect(shortRows(body)).to.have.members(['A1 B1 n1', 'B1 C3 n1']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "finds the matrix for the latest tagged versions of each of the other other pacticipants"
    it('latest tag: a consumer given by its latest tagged version', async () => {
      await broker
        .data()
        .consumer('A')
        .version('1', { tags: ['dev'] })
        .pact('B')
        .verifiedBy('1', { tags: ['prod'] })
        .pact('C')
        .verifiedBy('3', { tags: ['prod'] })
        .verifiedBy('4');
      const body = await getMatrix(broker, [{ pacticipant: 'A', latest: true, tag: 'dev' }], {
        tag: 'prod',
        latest: true,
      });
      expect(shortRows(body)).to.have.members(['A1 B1 n1', 'A1 C3 n1']);
    });
  });

  describe('the matrix between a consumer and a provider', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Consumer')
        .version('1.2.3')
        .pact('Provider')
        .verifiedBy('6.7.8')
        .revisePact()
        .verifiedBy('4.5.6')
        .version('2.0.0')
        .pact('Provider');
    });

    const path = async (a: string, b: string) =>
      (await import('supertest')).default(broker.server).get(`/matrix/provider/${a}/consumer/${b}?latestby=cvpv`);

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest revision of each pact"
    it("returns each consumer version's latest revision, newest consumer version first", async () => {
      const res = await path('Provider', 'Consumer');
      expect(res.status).to.equal(200);
      expect(
        res.body.matrix.map((row: { consumer: { version: { number: string } } }) => row.consumer.version.number),
      ).to.deep.equal(['2.0.0', '1.2.3']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns the latest verification for the pact version"
    it('shows the verification of the latest revision', async () => {
      const res = await path('Provider', 'Consumer');
      expect(res.body.matrix[1].provider.version.number).to.equal('4.5.6');
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "doesn't matter which way you order the pacticipant names"
    it('answers the same whichever way round the names are given in a query', async () => {
      const one = await getMatrix(broker, selectors({ Consumer: undefined, Provider: undefined }), {
        latestby: 'cvpv',
      });
      const other = await getMatrix(broker, selectors({ Provider: undefined, Consumer: undefined }), {
        latestby: 'cvpv',
      });
      expect(shortRows(other)).to.deep.equal(shortRows(one));
    });
  });

  describe('pact_broker-client issue 33: a consumer version against the production versions of its providers', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1.0.0')
        .pact('bar')
        .verifiedBy('10.0.0', { tags: ['prod'] })
        .pact('baz')
        .verifiedBy('9.0.0')
        .version('2.0.0')
        .pact('baz')
        .verifiedBy('20.0.0', { tags: ['prod'] });
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "only returns a row for the foo pact version that has been verified by the current production version of bar"
    it('returns the row verified by the latest prod version of bar, and an unverified row for baz', async () => {
      const body = await getMatrix(broker, selectors({ foo: '1.0.0' }), { latestby: 'cvp', latest: true, tag: 'prod' });
      expect(shortRows(body)).to.deep.equal(
        ['foo1.0.0 bar? n?', 'foo1.0.0 baz? n?'].map((row) => row).length === 2 ? shortRows(body) : [],
      );
      expect(shortRows(body)).to.deep.equal(['foo1.0.0 bar10.0.0 n1', 'foo1.0.0 baz? n?']);
    });

    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns 2 integrations"
    it('counts both integrations: bar verified, baz unknown', async () => {
      const body = await getMatrix(broker, selectors({ foo: '1.0.0' }), { latestby: 'cvp', latest: true, tag: 'prod' });
      expect(body.summary).to.include({ success: 1, unknown: 1, deployable: null });
    });
  });

  describe('when one provider version verified several consumer versions', () => {
    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "returns a row for each consumer version"
    it('returns a row for each consumer version, newest first', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('5')
        .version('2')
        .pact('Bar')
        .verifiedBy('5');
      const body = await getMatrix(broker, selectors({ Bar: '5' }), { latestby: 'cvp' });
      expect(body.matrix.map((row) => row.consumer.version.number)).to.deep.equal(['2', '1']);
    });
  });

  describe('deploying a provider in a three-way dependency (A->B, A->C, B->C)', () => {
    // ref: spec/lib/pact_broker/matrix/repository_spec.rb: "only includes rows that involve the specified pacticipant"
    it('only includes rows that involve the pacticipant being deployed', async () => {
      await broker
        .data()
        .consumer('B')
        .version('1')
        .pact('C')
        .verifiedBy('10')
        .consumer('A')
        .version('2')
        .pact('C')
        .verifiedBy('10')
        .pact('B');
      const body = await getMatrix(broker, selectors({ C: '10' }), { latestby: 'cvp', limit: '100', latest: true });
      expect(body.matrix.length).to.be.greaterThan(0);
      for (const row of shortRows(body)) expect(row).to.include('C');
    });
  });
});
