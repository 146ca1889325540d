// Provider contracts over HTTP: the publication's refusals in the Pact Broker's formats, OpenAPI 3.0
// documents, and the comparison treated as a verification by badges, webhooks and the dashboard.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { animalsDocument, CONSUMER, getAnimal, pact, PROVIDER } from './testing/animals.ts';

const base64 = (text: string) => Buffer.from(text).toString('base64');

function publication(document: unknown, overrides: Record<string, unknown> = {}) {
  return {
    pacticipantVersionNumber: '2.0.0',
    branch: 'main',
    contract: {
      content: base64(typeof document === 'string' ? document : JSON.stringify(document)),
      contentType: 'application/json',
      specification: 'oas',
      selfVerificationResults: { success: true, content: base64('ok'), contentType: 'text/plain', verifier: 'mocha' },
      ...overrides,
    },
  };
}

describe('broker: provider contracts', function () {
  this.timeout(30_000);
  const broker = useBroker({ config: { webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'] } });

  const publishContract = (document: unknown = animalsDocument(), overrides: Record<string, unknown> = {}) =>
    request(broker.server)
      .post(`/contracts/publish/${PROVIDER}`)
      .set('Accept', 'application/hal+json')
      .send(publication(document, overrides));

  const publishPact = (version: string, interactions: Record<string, unknown>[]) =>
    request(broker.server)
      .put(`/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/version/${version}`)
      .send(pact(interactions))
      .expect(201);

  it('the index offers pf:publish-provider-contract, templated with the provider', async () => {
    const index = (await request(broker.server).get('/').expect(200)).body;
    expect(index._links['pf:publish-provider-contract']).to.include({
      href: `${broker.url}/contracts/publish/{provider}`,
      templated: true,
    });
  });

  describe('a publication the broker cannot use is a 400 and stores nothing', () => {
    async function expectNothingStored() {
      expect(await broker.prisma.providerContract.count()).to.equal(0);
      expect(await broker.prisma.pacticipant.count()).to.equal(0);
    }

    it("in the Pact Broker's validation format, with the reasons also as notices for the CLI", async () => {
      const res = await publishContract({ openapi: '3.1.0', info: { title: 'x' }, paths: {} }).expect(400);
      expect(res.body.errors).to.deep.equal({
        'contract.content': ["Not valid OpenAPI 3.1.0: at /info: must have required property 'version'"],
      });
      expect(res.body.notices).to.deep.equal([
        {
          type: 'error',
          text: "contract.content: Not valid OpenAPI 3.1.0: at /info: must have required property 'version'",
        },
      ]);
      await expectNothingStored();
    });

    it('as application/problem+json for a client that asks only for that', async () => {
      const res = await request(broker.server)
        .post(`/contracts/publish/${PROVIDER}`)
        .set('Accept', 'application/problem+json')
        .send(publication('openapi: [unclosed', { contentType: 'application/yaml' }))
        .expect('content-type', /application\/problem\+json/)
        .expect(400);
      expect(res.body.errors[0].pointer).to.equal('/contract/content');
      expect(res.body.errors[0].detail).to.match(/^The document is neither valid JSON nor valid YAML/);
      await expectNothingStored();
    });

    it('Swagger 2.0, an external $ref, content that is not base64, a specification other than oas', async () => {
      const swagger = await publishContract({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }).expect(
        400,
      );
      expect(swagger.body.errors['contract.content'][0]).to.contain('The document is Swagger 2.0');
      const external = animalsDocument();
      (external.components as { schemas: Record<string, unknown> }).schemas.Animal = {
        $ref: 'https://example.com/animal.json',
      };
      const refused = await publishContract(external).expect(400);
      expect(refused.body.errors['contract.content'][0]).to.equal(
        'External $ref "https://example.com/animal.json" at #/components/schemas/Animal: publish a bundled document with internal refs only',
      );
      const notBase64 = await publishContract(animalsDocument(), { content: 'not base64!' }).expect(400);
      expect(notBase64.body.errors).to.deep.equal({ 'contract.content': ['is not valid base64'] });
      const notOas = await publishContract(animalsDocument(), { specification: 'pact' }).expect(400);
      expect(notOas.body.errors['contract.specification'][0]).to.contain('must be "oas"');
      await expectNothingStored();
    });
  });

  it('an OpenAPI 3.0 document: `nullable` is read as JSON Schema, so a pact needing null fits and one needing a number does not', async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 'Animals', version: '1' },
      paths: {
        '/animals/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
            responses: {
              '200': {
                description: 'An animal',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { id: { type: 'integer' }, born: { type: 'string', nullable: true } },
                      required: ['id', 'born'],
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    await publishContract(document).expect(200);
    await publishPact('1.0.0', [getAnimal({ id: 1, born: null })]);
    await publishPact('1.0.1', [getAnimal({ id: 1, born: 1999 })]);
    const results = await broker.prisma.verification.findMany({
      include: { pactVersion: { include: { publications: { include: { consumerVersion: true } } } } },
    });
    const byVersion = Object.fromEntries(
      results.map((row) => [row.pactVersion.publications[0]!.consumerVersion.number, row.success]),
    );
    expect(byVersion).to.deep.equal({ '1.0.0': true, '1.0.1': false });
  });

  it('a failed comparison is a verification like any other: the badge says failed and provider_verification_failed webhooks fire', async () => {
    await publishPact('1.0.0', [getAnimal({ id: 1, name: 'Rex', kind: 'dog', tags: [], owner: 'Ann' })]);
    await request(broker.server)
      .post('/webhooks')
      .send({
        provider: { name: PROVIDER },
        events: [{ name: 'provider_verification_failed' }],
        request: { method: 'POST', url: 'http://127.0.0.1:1/hook' },
      })
      .expect(201);
    await publishContract().expect(200);
    const badge = await request(broker.server)
      .get(`/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/latest/badge`)
      .buffer(true)
      .parse((res, done) => {
        let svg = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (svg += chunk));
        res.on('end', () => done(null, svg));
      })
      .expect(200);
    expect(badge.body).to.contain('failed');
    const triggered = await broker.prisma.triggeredWebhook.findMany();
    expect(triggered.map((row) => row.eventName)).to.deep.equal(['provider_verification_failed']);
  });

  it("the dashboard shows the comparison on the contract's page, linked from the pact's page", async () => {
    await publishContract().expect(200);
    await publishPact('1.0.0', [getAnimal({ id: 1, name: 'Rex', kind: 'dog', tags: [], owner: 'Ann' })]);
    const pactPage = await request(broker.server)
      .get(`/pacts/provider/${PROVIDER}/consumer/${CONSUMER}/version/1.0.0`)
      .set('Accept', 'text/html')
      .expect(200);
    const link = /href="(\/provider-contracts\/provider\/Animals\/version\/2\.0\.0#pact-[0-9a-f]{12})"/.exec(
      pactPage.text,
    )?.[1];
    expect(link, pactPage.text).to.be.a('string');
    expect(pactPage.text).to.contain('incompatible');
    const contractPage = await request(broker.server).get(link!.split('#')[0]!).set('Accept', 'text/html').expect(200);
    expect(contractPage.text).to.contain('Provider contract: Animals 2.0.0');
    expect(contractPage.text).to.contain('$.owner: the document does not declare this field, which the pact needs');
    expect(contractPage.text).to.contain(`id="${link!.split('#')[1]}"`);
  });
});
