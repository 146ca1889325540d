// Ported from the Pact Broker's spec/features/publish_pact_all_in_one_spec.rb and the rules of
// spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb, observed over HTTP.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const CONTRACT = JSON.stringify({ consumer: { name: 'Foo' }, provider: { name: 'Bar' }, interactions: [] });

function body(overrides: Record<string, unknown> = {}, contract: Record<string, unknown> = {}) {
  return {
    pacticipantName: 'Foo',
    pacticipantVersionNumber: '1',
    branch: 'main',
    tags: ['a', 'b'],
    buildUrl: 'http://ci/builds/1234',
    contracts: [
      {
        consumerName: 'Foo',
        providerName: 'Bar',
        specification: 'pact',
        contentType: 'application/json',
        content: encode(CONTRACT),
        onConflict: 'overwrite',
        ...contract,
      },
    ],
    ...overrides,
  };
}

describe('reference: publishing contracts (POST /contracts/publish)', () => {
  const broker = useBroker();
  const publish = (payload: unknown, accept = 'application/hal+json') =>
    request(broker.server)
      .post('/contracts/publish')
      .set('accept', accept)
      .send(payload as object);
  const errorsOf = async (payload: unknown) => {
    const res = await publish(payload);
    return res.status === 200 ? {} : (res.body.errors as Record<string, string[]>);
  };

  describe('the feature', () => {
    // ref: spec/features/publish_pact_all_in_one_spec.rb: "is expected to be a hal json success response"
    it('answers 200 in HAL', async () => {
      const res = await publish(body()).expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/publish_pact_all_in_one_spec.rb: "creates a pact"
    it('creates one pact publication whose content is the contract as published', async () => {
      await publish(body()).expect(200);
      expect(await broker.prisma.pactPublication.count()).to.equal(1);
      expect((await broker.prisma.pactVersion.findFirstOrThrow()).content).to.equal(CONTRACT);
    });

    // ref: spec/features/publish_pact_all_in_one_spec.rb: "returns a validation error response"
    it('without a pacticipant name, answers a validation error naming it', async () => {
      const res = await publish(body({ pacticipantName: undefined })).expect(400);
      expect(res.body.errors.pacticipantName[0]).to.match(/required/);
    });

    // ref: spec/features/publish_pact_all_in_one_spec.rb: "is expected to eq 400"
    it('a contract that is not UTF-8 is a 400 in HAL, or problem+json when asked for', async () => {
      const notUtf8 = Buffer.concat([Buffer.from('{"key": "ABCDEFG'), Buffer.from([0x8f]), Buffer.from('DEF" }')]);
      const payload = body({}, { content: notUtf8.toString('base64') });
      const hal = await publish(payload).expect(400);
      expect(hal.headers['content-type']).to.match(/^application\/hal\+json/);
      const problem = await publish(payload, 'application/problem+json').expect(400);
      expect(problem.headers['content-type']).to.match(/^application\/problem\+json/);
    });

    describe('with a conflicting pact', () => {
      beforeEach(() => broker.data().consumer('Foo').version('1').pact('Bar'));

      // ref: spec/features/publish_pact_all_in_one_spec.rb: "is expected to eq 409"
      it('answers 409', async () => {
        await publish(body()).expect(409);
      });

      // ref: spec/features/publish_pact_all_in_one_spec.rb: "returns notices"
      it('returns notices', async () => {
        expect((await publish(body())).body.notices).to.be.an('array').that.is.not.empty;
      });

      // ref: spec/features/publish_pact_all_in_one_spec.rb: "returns errors"
      it('returns one error under contracts', async () => {
        expect((await publish(body())).body.errors.contracts).to.have.length(1);
      });
    });
  });

  describe('the body rules', () => {
    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to be empty"
    it('a complete body is valid', async () => {
      expect(await errorsOf(body())).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"filled\""
    it('an empty tag is an error at its index', async () => {
      expect((await errorsOf(body({ tags: [''] }))).tags![0]).to.match(/cannot be blank \(at index 0\)/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"blank\""
    it('a blank tag is an error at its index', async () => {
      expect((await errorsOf(body({ tags: [' '] }))).tags![0]).to.match(/blank \(at index 0\)/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to be empty"
    it('an empty build URL is valid', async () => {
      expect(await errorsOf(body({ buildUrl: '' }))).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"one of\""
    it('a content type that is not JSON is an error at its index', async () => {
      expect((await errorsOf(body({}, { contentType: 'foo' }))).contracts![0]).to.match(
        /application\/json.*\(at index 0\)/,
      );
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"must match\""
    it("a contract's consumer that is not the pacticipant is an error", async () => {
      expect((await errorsOf(body({}, { consumerName: 'waffle' }))).contracts![0]).to.match(/must match/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"Base64\""
    it('content that is not base64 is an error saying so', async () => {
      expect((await errorsOf(body({}, { content: '%%%' }))).contracts![0]).to.match(/base64 \(at index 0\)/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"content could not be parsed as application/json\""
    it('content that is not JSON is an error saying so', async () => {
      expect((await errorsOf(body({}, { content: encode('not json') }))).contracts![0]).to.match(/not valid JSON/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"contentType must be filled (at index 0)\""
    it('a missing content type is an error naming contentType at its index', async () => {
      expect((await errorsOf(body({}, { contentType: undefined }))).contracts![0]).to.match(
        /^contentType .*\(at index 0\)$/,
      );
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"consumer name in contract content ('WRONG') must match consumerName in contract params ('Foo') (at index 0)\""
    it("a consumer name in the content that is not the contract's is an error naming both", async () => {
      const content = encode(
        JSON.stringify({ consumer: { name: 'WRONG' }, provider: { name: 'Bar' }, interactions: [] }),
      );
      expect((await errorsOf(body({}, { content }))).contracts![0]).to.match(/"WRONG".*"Foo".*\(at index 0\)$/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to be empty"
    it('content without names is valid (the contract names its consumer and provider)', async () => {
      expect(await errorsOf(body({}, { content: encode('{}') }))).to.deep.equal({});
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include(match \"consumerName ('WRONG') must match pacticipantName ('Foo') (at index 0)\")"
    it("a contract's consumerName that is not the pacticipant name is an error naming both", async () => {
      expect((await errorsOf(body({}, { consumerName: 'WRONG' }))).contracts).to.include(
        'consumerName ("WRONG") must match pacticipantName ("Foo") (at index 0)',
      );
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"provider name in contract content ('WRONG') must match providerName in contract params ('Bar') (at index 0)\""
    it("a provider name in the content that is not the contract's is an error naming both", async () => {
      const content = encode(
        JSON.stringify({ consumer: { name: 'Foo' }, provider: { name: 'WRONG' }, interactions: [] }),
      );
      expect((await errorsOf(body({}, { content }))).contracts![0]).to.match(/"WRONG".*"Bar".*\(at index 0\)$/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to include \"blank\""
    it('a provider name of spaces is an error', async () => {
      expect((await errorsOf(body({}, { providerName: ' ' }))).contracts![0]).to.match(/blank/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to eq \"parsed content was expected to be a Hash but was a String (at index 0)\""
    it('content that is JSON but not an object is an error', async () => {
      expect((await errorsOf(body({}, { content: encode('"contract"') }))).contracts![0]).to.match(
        /must be a JSON object \(at index 0\)$/,
      );
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "handles multiple errors"
    it('reports every missing field of a contract', async () => {
      const contracts = (
        await errorsOf({
          pacticipantName: 'foo',
          pacticipantVersionNumber: '1',
          contracts: [{ content: encode(CONTRACT) }],
        })
      ).contracts!;
      for (const field of ['consumerName', 'providerName', 'contentType', 'specification'])
        expect(contracts.some((message) => message.startsWith(field) && message.endsWith('(at index 0)'))).to.equal(
          true,
        );
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "returns an error"
    it('content that is not UTF-8 is an error', async () => {
      const notUtf8 = Buffer.concat([Buffer.from('{"key": "ABCDEFG'), Buffer.from([0x8f]), Buffer.from('DEF" }')]);
      expect((await errorsOf(body({}, { content: notUtf8.toString('base64') }))).contracts![0]).to.match(/UTF-8/);
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected not to be empty"
    it('contracts that are not objects, or not a list, are errors', async () => {
      expect(await errorsOf(body({ contracts: ['string'] }))).to.have.key('contracts');
      expect(await errorsOf(body({ contracts: 'string' }))).to.have.key('contracts');
    });

    // ref: spec/lib/pact_broker/api/contracts/publish_contracts_schema_spec.rb: "is expected to be empty"
    it('a null branch is valid (not given)', async () => {
      expect(await errorsOf(body({ branch: null }))).to.deep.equal({});
    });
  });
});
