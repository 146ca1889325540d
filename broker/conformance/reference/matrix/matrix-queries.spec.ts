// Ported from the Pact Broker's GET /matrix examples: spec/features/get_matrix_spec.rb,
// get_matrix_for_consumer_and_provider_spec.rb and get_matrix_approval_spec.rb (answers as in
// spec/fixtures/approvals/features_get_matrix_approval_spec.approved.json), the resource
// (api/resources/matrix_spec.rb) and the service's validation and can-i-merge
// (matrix/service_spec.rb), all over HTTP.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { reasonKinds, type MatrixAnswerBody } from './matrix-client.ts';

describe('reference conformance: GET /matrix (features, resource and validation)', () => {
  const broker = useBroker();
  const get = (path: string) => request(broker.server).get(path);

  describe('a verified pact (features/get_matrix_spec.rb, get_matrix_for_consumer_and_provider_spec.rb)', () => {
    beforeEach(async () => {
      await broker.data().consumer('Consumer').version('1.0.0').pact('Provider').verifiedBy('4.5.6');
    });
    const both = '/matrix?q[][pacticipant]=Consumer&q[][version]=1.0.0&q[][pacticipant]=Provider&q[][version]=4.5.6';

    // ref: spec/features/get_matrix_spec.rb: "returns a 200 HAL JSON response"
    it('answers 200 with HAL JSON', async () => {
      const res = await get(both).expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/get_matrix_spec.rb: "returns the JSON representation of the matrix"
    it('each row has the consumer, provider, pact and verification result', async () => {
      const row = (await get(both).expect(200)).body.matrix[0];
      for (const key of ['consumer', 'provider', 'pact', 'verificationResult'])
        expect(row[key], key).to.be.an('object').that.is.not.null;
    });

    // ref: spec/features/get_matrix_spec.rb: "is expected to include {\"Content-Type\" => \"text/plain;charset=utf-8\"}"
    it('answers text/plain when asked for it', async () => {
      const res = await get(both).set('Accept', 'text/plain').expect(200);
      expect(res.headers['content-type']).to.equal('text/plain;charset=utf-8');
    });

    // ref: spec/features/get_matrix_for_consumer_and_provider_spec.rb: "returns a 200 HAL JSON response"
    it('/matrix/provider/{p}/consumer/{c} answers 200 with HAL JSON', async () => {
      const res = await get('/matrix/provider/Provider/consumer/Consumer').expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/get_matrix_for_consumer_and_provider_spec.rb: "returns the JSON representation of the matrix"
    it('/matrix/provider/{p}/consumer/{c} rows have the consumer, provider, pact and verification result', async () => {
      const row = (await get('/matrix/provider/Provider/consumer/Consumer').expect(200)).body.matrix[0];
      for (const key of ['consumer', 'provider', 'pact', 'verificationResult'])
        expect(row[key], key).to.be.an('object').that.is.not.null;
    });

    // ref: spec/features/get_matrix_for_consumer_and_provider_spec.rb: "is expected to eq 400"
    it('/matrix/provider/{p}/consumer/{c} with limit=0: 400', async () => {
      const res = await get('/matrix/provider/Provider/consumer/Consumer?limit=0').expect(400);
      expect(res.body.errors).to.be.an('array').with.length(1);
    });
  });

  describe('the approved answers (features/get_matrix_approval_spec.rb)', () => {
    // Foo 1 -> Bar: verified by Bar 10; Foo 2 (main) -> Bar: failed by Bar 20; Foo 3 (main) -> Bar: unverified;
    // Foo 3 -> Baz: verified by Baz 30, which is deployed to production.
    beforeEach(async () => {
      await broker
        .data()
        .environment('production')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('10')
        .version('2', { branch: 'main' })
        .pact('Bar')
        .verifiedBy('20', { success: false })
        .version('3', { branch: 'main' })
        .pact('Bar')
        .pact('Baz')
        .verifiedBy('30')
        .provider('Baz')
        .version('30')
        .deployedTo('production');
    });

    const answer = async (query: string) => (await get(`/matrix?${query}`).expect(200)).body as MatrixAnswerBody;
    const counts = (body: MatrixAnswerBody) => {
      const { deployable, success, failed, unknown } = body.summary;
      return { deployable, success, failed, unknown };
    };

    // ref: spec/features/get_matrix_approval_spec.rb: "snapshots"
    it('one version against the latest of the others: unknown, with a warning about the missing environment', async () => {
      const body = await answer('q[][pacticipant]=Foo&q[][version]=1&latestby=cvpv&latest=true');
      expect(counts(body)).to.deep.equal({ deployable: null, success: 0, failed: 0, unknown: 1 });
      expect(body.notices.map((notice) => notice.type)).to.deep.equal(['warning', 'error']);
      expect(body.summary.reason).to.match(/version 1 of Foo and the latest version of Bar \(20\)/);
    });

    // ref: spec/features/get_matrix_approval_spec.rb: "snapshots"
    it('to an environment where the provider is not: unknown', async () => {
      const body = await answer('q[][pacticipant]=Foo&q[][version]=1&latestby=cvpv&environment=production');
      expect(counts(body)).to.deep.equal({ deployable: null, success: 0, failed: 0, unknown: 1 });
      expect(body.notices.map((notice) => notice.type)).to.deep.equal(['error']);
    });

    // ref: spec/features/get_matrix_approval_spec.rb: "snapshots"
    it('to the main branch of a provider that has none: unknown', async () => {
      const body = await answer('q[][pacticipant]=Foo&q[][version]=2&latestby=cvpv&mainBranch=true');
      expect(counts(body)).to.deep.equal({ deployable: null, success: 0, failed: 0, unknown: 1 });
      expect(body.notices.map((notice) => notice.type)).to.deep.equal(['error']);
    });

    // ref: spec/features/get_matrix_approval_spec.rb: "snapshots"
    it('two pacticipants by name: one success, one failure, one unverified', async () => {
      const body = await answer('q[][pacticipant]=Foo&q[][pacticipant]=Bar&latestby=cvpv');
      expect(counts(body)).to.deep.equal({ deployable: null, success: 1, failed: 1, unknown: 1 });
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider', 'VerificationFailed']);
    });

    // ref: spec/features/get_matrix_approval_spec.rb: "snapshots"
    it('selectors in the flat q[]key= encoding: yes', async () => {
      const body = await answer('q[]pacticipant=Foo&q[]version=1&q[]pacticipant=Bar&q[]version=10&latestby=cvpv');
      expect(counts(body)).to.deep.equal({ deployable: true, success: 1, failed: 0, unknown: 0 });
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });

    // ref: spec/features/get_matrix_approval_spec.rb: "snapshots"
    it('success=true keeps only the successful row: yes', async () => {
      const body = await answer('q[][pacticipant]=Foo&q[][pacticipant]=Bar&latestby=cvpv&success=true');
      expect(counts(body)).to.deep.equal({ deployable: true, success: 1, failed: 0, unknown: 0 });
    });

    // ref: spec/features/get_matrix_approval_spec.rb: "snapshots"
    it('/matrix/provider/Bar/consumer/Foo shows every row: one success, one failure, one unverified', async () => {
      const body = (await get('/matrix/provider/Bar/consumer/Foo').expect(200)).body as MatrixAnswerBody;
      expect(counts(body)).to.deep.equal({ deployable: null, success: 1, failed: 1, unknown: 1 });
      expect(reasonKinds(body)).to.deep.equal(['PactNotEverVerifiedByProvider', 'VerificationFailed']);
    });

    // ref: spec/features/get_matrix_approval_spec.rb: "returns the expected status and content type"
    it('as text: a table of the rows and the answer', async () => {
      const res = await get('/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar&latestby=cvpv')
        .set('Accept', 'text/plain')
        .expect(200);
      expect(res.headers['content-type']).to.equal('text/plain;charset=utf-8');
      const lines = res.text.split('\n');
      expect(lines.filter((line) => /^Foo\s+\|/.test(line))).to.have.length(3);
      expect(res.text).to.match(/\nDeployable: null\n/);
    });
  });

  describe('the resource (api/resources/matrix_spec.rb)', () => {
    // ref: spec/lib/pact_broker/api/resources/matrix_spec.rb: "returns a 400 status"
    it('invalid selectors: 400', async () => {
      await get('/matrix?q[][version]=1').expect(400);
    });

    // ref: spec/lib/pact_broker/api/resources/matrix_spec.rb: "returns error messages"
    it('the errors are a list of messages', async () => {
      const res = await get('/matrix?q[][version]=1').expect(400);
      expect(res.body.errors).to.deep.equal(['Please specify the pacticipant name']);
    });
  });

  describe('validation (matrix/service_spec.rb "validate_selectors")', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('prod')
        .pacticipant('Foo')
        .version('1', { tags: ['prod'] })
        .pacticipant('Bar')
        .version('2');
    });
    const errors = async (query: string) => (await get(`/matrix?${query}`).expect(400)).body.errors as string[];

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns error messages"
    it('no selectors', async () => {
      expect((await errors('latestby=cvpv'))[0]).to.equal('Please provide 1 or more version selectors.');
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns error messages"
    it('a pacticipant that does not exist', async () => {
      expect((await errors('q[][pacticipant]=Nobody&q[][version]=1'))[0]).to.equal('Pacticipant Nobody not found');
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns error messages"
    it('a selector without a pacticipant name', async () => {
      expect((await errors('q[][version]=1'))[0]).to.equal('Please specify the pacticipant name');
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns no error messages"
    it('pacticipants without versions are fine', async () => {
      await get('/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar').expect(200);
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns no error messages"
    it('a tag instead of a version is fine', async () => {
      await get('/matrix?q[][pacticipant]=Foo&q[][tag]=prod&q[][pacticipant]=Bar&q[][version]=2').expect(200);
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('a version and latest together', async () => {
      expect(
        await errors('q[][pacticipant]=Foo&q[][version]=1&q[][latest]=true&q[][pacticipant]=Bar&q[][version]=2'),
      ).to.deep.equal(['A version number and latest flag cannot both be specified for Foo']);
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('a tag and an environment together', async () => {
      expect((await errors('q[][pacticipant]=Foo&q[][version]=1&tag=prod&environment=prod')).at(-1)).to.include(
        'Cannot specify more than',
      );
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('latest=true and an environment together', async () => {
      expect((await errors('q[][pacticipant]=Foo&q[][version]=1&latest=true&environment=prod')).at(-1)).to.include(
        'Cannot specify both latest',
      );
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('mainBranch and an environment together', async () => {
      expect((await errors('q[][pacticipant]=Foo&q[][version]=1&mainBranch=true&environment=prod')).at(-1)).to.include(
        'Cannot specify more than',
      );
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('mainBranch and a tag together', async () => {
      expect((await errors('q[][pacticipant]=Foo&q[][version]=1&mainBranch=true&tag=prod')).at(-1)).to.include(
        'Cannot specify more than',
      );
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('an environment that does not exist', async () => {
      expect((await errors('q[][pacticipant]=Foo&q[][version]=1&environment=staging')).at(-1)).to.include(
        "Environment with name 'staging' does not exist",
      );
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('an ignore selector without a pacticipant name', async () => {
      expect((await errors('q[][pacticipant]=Foo&q[][version]=1&ignore[][version]=1')).at(-1)).to.include(
        'Please specify the pacticipant name to ignore',
      );
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('a limit that is not a number', async () => {
      expect((await errors('q[][pacticipant]=Foo&limit=limit')).at(-1)).to.match(/limit/);
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns an error message"
    it('an ignore selector with a version and latest together', async () => {
      expect(
        await errors(
          'q[][pacticipant]=Foo&q[][version]=1&ignore[][pacticipant]=Foo&ignore[][version]=1&ignore[][latest]=true',
        ),
      ).to.include('A version number and latest flag cannot both be specified for Foo to ignore');
    });
  });

  describe('can-i-merge (matrix/service_spec.rb "can-i-merge")', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('A', { mainBranch: 'main_branch' })
        .version('1', { branch: 'main_branch' })
        .provider('B', { mainBranch: 'main_branch' })
        .version('1', { branch: 'main_branch' })
        .consumer('A')
        .version('1')
        .pact('B')
        .verifiedBy('1', { success: false, branch: 'main_branch' })
        .verifiedBy('1', { branch: 'main_branch' })
        .verifiedBy('2', { branch: 'dev' });
    });

    // The query the CLI's can-i-merge sends for B's latest main-branch version.
    const canIMerge = '/matrix?q[][pacticipant]=B&q[][version]=1&latestby=cvp&latest=true&mainBranch=true';

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns true because the mergeble status is true"
    it("B's main-branch version may merge: its latest verification of A's main branch passed", async () => {
      expect((await get(canIMerge).expect(200)).body.summary.deployable).to.equal(true);
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "calls the can_i_deploy method"
    it('can-i-merge is can-i-deploy against the latest main-branch versions (cvp)', async () => {
      const body = (await get(canIMerge).expect(200)).body as MatrixAnswerBody;
      expect(
        body.matrix.map(
          (row) =>
            `${row.consumer.name}${row.consumer.version.number} ${row.provider.name}${row.provider.version?.number}`,
        ),
      ).to.deep.equal(['A1 B1']);
      expect(reasonKinds(body)).to.deep.equal(['Successful']);
    });

    // ref: spec/lib/pact_broker/matrix/service_spec.rb: "returns true because the mergeable status is true"
    it('the main branch is found from the pacticipant (no branch in the query)', async () => {
      const res = await get('/pacticipants/B').expect(200);
      expect(res.body.mainBranch).to.equal('main_branch');
      expect((await get(canIMerge).expect(200)).body.summary.deployable).to.equal(true);
    });
  });
});
