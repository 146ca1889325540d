// Ported from the Pact Broker's spec/lib/pact_broker/api/contracts/verification_contract_spec.rb (the
// verification result body's rules, observed as the 400) and spec/features/publish_verification_spec.rb.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

describe('reference: publishing verification results', () => {
  const broker = useBroker();
  let path: string;
  let sha: string;

  beforeEach(async () => {
    await broker
      .data()
      .provider('Provider')
      .consumer('Consumer')
      .version('1.0.0')
      .pact('Provider')
      .version('1.2.3')
      .pact('Provider')
      .revisePact();
    const pact = (
      await request(broker.server).get('/pacts/provider/Provider/consumer/Consumer/version/1.2.3').expect(200)
    ).body;
    sha = pact._links['pb:pact-version'].name;
    path = `/pacts/provider/Provider/consumer/Consumer/pact-version/${sha}/verification-results`;
  });

  const result = { success: true, providerApplicationVersion: '4.5.6', buildUrl: 'http://ci/builds/1' };
  const errorsFor = async (body: Record<string, unknown>) => {
    const res = await request(broker.server).post(path).send(body);
    return res.status === 201 ? {} : (res.body.errors as Record<string, string[]>);
  };
  const without = (key: string) => Object.fromEntries(Object.entries(result).filter(([k]) => k !== key));

  describe('the body rules', () => {
    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "is expected to be empty"
    it('success, a provider version and a build URL are valid', async () => {
      expect(await errorsFor(result)).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "has an error"
    it('a missing success is an error saying it must be true or false', async () => {
      expect((await errorsFor({ ...result, success: null })).success![0]).to.match(/true or false/);
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "has an error"
    it('a success that is a string is an error', async () => {
      expect((await errorsFor({ ...result, success: 'foo' })).success![0]).to.match(/true or false/);
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "has an error"
    it('a build URL that is not a URL is an error', async () => {
      expect((await errorsFor({ ...result, buildUrl: 'foo bar' })).buildUrl![0]).to.match(/URL/);
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "is expected to be empty"
    it('a null build URL is valid', async () => {
      expect(await errorsFor({ ...result, buildUrl: null })).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "is expected to be empty"
    it('no build URL is valid', async () => {
      expect(await errorsFor(without('buildUrl'))).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "has an error"
    it('a build URL that is not a string is an error saying so', async () => {
      expect((await errorsFor({ ...result, buildUrl: {} })).buildUrl![0]).to.match(/string/);
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "has an error"
    it('a missing provider version is an error', async () => {
      expect((await errorsFor(without('providerApplicationVersion'))).providerApplicationVersion![0]).to.match(
        /required/,
      );
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "has an error"
    it('a blank provider version is one error saying it cannot be blank', async () => {
      const errors = await errorsFor({ ...result, providerApplicationVersion: ' ' });
      expect(errors.providerApplicationVersion).to.have.length(1);
      expect(errors.providerApplicationVersion![0]).to.match(/blank/);
    });

    // ref: spec/lib/pact_broker/api/contracts/verification_contract_spec.rb: "is expected to be empty"
    it('a provider version that is not a semantic version is valid (versions are ordered by date)', async () => {
      expect(await errorsFor({ ...result, providerApplicationVersion: 'a5f7c9d' })).to.deep.equal({});
    });
  });

  describe('the feature', () => {
    const verification = {
      success: true,
      providerApplicationVersion: '4.5.6',
      testResults: { some: 'results' },
      verifiedBy: { implementation: 'Ruby', version: '1234' },
    };

    // ref: spec/features/publish_verification_spec.rb: "Responds with a 201 Created"
    it('answers 201', async () => {
      await request(broker.server).post(path).send(verification).expect(201);
    });

    // ref: spec/features/publish_verification_spec.rb: "saves new verification"
    it('stores one verification', async () => {
      await request(broker.server).post(path).send(verification).expect(201);
      expect(await broker.prisma.verification.count()).to.equal(1);
    });

    // ref: spec/features/publish_verification_spec.rb: "saves the verification against the correct pact"
    it('stores it against the pact version of the URL (the revised content)', async () => {
      await request(broker.server).post(path).send(verification).expect(201);
      const stored = await broker.prisma.verification.findFirstOrThrow({ include: { pactVersion: true } });
      expect(stored.pactVersion.sha).to.equal(sha);
    });

    // ref: spec/features/publish_verification_spec.rb: "saves the test results"
    it('stores the test results', async () => {
      await request(broker.server).post(path).send(verification).expect(201);
      expect((await broker.prisma.verification.findFirstOrThrow()).testResults).to.deep.equal({ some: 'results' });
    });

    // ref: spec/features/publish_verification_spec.rb: "returns a link to itself that can be followed"
    it('links to itself, and the link answers with what was published', async () => {
      const created = await request(broker.server).post(path).send(verification).expect(201);
      const read = await request(broker.server).get(new URL(created.body._links.self.href).pathname).expect(200);
      expect(read.body).to.deep.include(verification);
    });
  });
});
