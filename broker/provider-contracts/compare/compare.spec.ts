import { expect } from 'chai';
import { loadOpenApiDocument } from '../../../common/openapi/load-document.ts';
import { SchemaChecker } from '../../../common/openapi/schema-checker.ts';
import { animalsDocument, getAnimal, listAnimals, pact } from '../testing/animals.ts';
import { comparePact, type ComparedDocument, type Comparison } from './compare.ts';

async function compiled(document: Record<string, unknown> = animalsDocument()): Promise<ComparedDocument> {
  const { document: loaded } = await loadOpenApiDocument(document);
  return {
    document: loaded,
    schemas: new SchemaChecker(loaded),
    parameterSchemas: new SchemaChecker(loaded, { coerce: true }),
  };
}

const mismatches = (comparison: Comparison) =>
  comparison.interactions.flatMap((interaction) => interaction.mismatches.map((mismatch) => mismatch.description));
const warnings = (comparison: Comparison) => comparison.interactions.flatMap((interaction) => interaction.warnings);

const animal = { id: 1, name: 'Rex', kind: 'dog', tags: ['good'] };

describe('cross-contract comparison of a pact with an OpenAPI document', () => {
  let contract: ComparedDocument;

  before(async () => {
    contract = await compiled();
  });

  it('a value without a matcher is needed exactly: it must be one the schema allows', () => {
    const exact = getAnimal({ ...animal, kind: 'cow' });
    exact.response = { ...(exact.response as object), matchingRules: {} };
    expect(mismatches(comparePact(contract, pact([exact])))).to.deep.equal([
      `$.kind: the pact needs "cow", but the document's schema says it must be equal to one of the allowed values: ["cat","dog"]`,
    ]);
    expect(
      comparePact(contract, pact([getAnimal({ ...animal, kind: 'cow' })])).success,
      'by type, any string',
    ).to.equal(true);
  });

  it('a pact that accepts any number is satisfied by a document promising integers; one needing a string is not', () => {
    const anyNumber = getAnimal(animal);
    const rules = { combine: 'AND', matchers: [{ match: 'number' }] };
    anyNumber.response = {
      ...(anyNumber.response as object),
      matchingRules: { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] }, '$.id': rules } },
    };
    expect(mismatches(comparePact(contract, pact([anyNumber])))).to.deep.equal([]);
    expect(mismatches(comparePact(contract, pact([getAnimal({ ...animal, id: 'one' })])))).to.deep.equal([
      '$.id: the document declares integer, the pact needs string',
    ]);
  });

  it('a field the schema declares but does not require is a warning, not a mismatch', () => {
    const result = comparePact(contract, pact([getAnimal({ ...animal, born: '2020-01-01' })]));
    expect(result.success).to.equal(true);
    expect(warnings(result)).to.include(
      'response body $.born: optional in the document: the provider may leave it out',
    );
    expect(warnings(result)).to.include('response body $.born: the document also allows null here');
  });

  it('an eachLike needs an array whose items declare what the example item has', () => {
    expect(comparePact(contract, pact([listAnimals('x')])).success).to.equal(true);
    const withOwner = listAnimals('x');
    (withOwner.response as { body: { animals: Record<string, unknown>[] } }).body.animals[0]!.owner = 'Ann';
    expect(mismatches(comparePact(contract, pact([withOwner])))).to.deep.equal([
      '$.animals[0].owner: the document does not declare this field, which the pact needs',
    ]);
  });

  it('anyOf needs one alternative that fits; allOf adds up the declarations; an explicit additionalProperties declares any key', async () => {
    const document = animalsDocument();
    (document.components as { schemas: Record<string, unknown> }).schemas.Animal = {
      allOf: [
        { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        {
          anyOf: [
            { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
            { type: 'object', properties: { code: { type: 'integer' } }, required: ['code'] },
          ],
        },
        { type: 'object', properties: { extra: { type: 'object', additionalProperties: { type: 'string' } } } },
      ],
    };
    const alternatives = await compiled(document);
    expect(
      mismatches(comparePact(alternatives, pact([getAnimal({ id: 1, name: 'Rex', extra: { a: 'b' } })]))),
    ).to.deep.equal([]);
    expect(mismatches(comparePact(alternatives, pact([getAnimal({ id: 1, code: 7 })])))).to.deep.equal([]);
    expect(mismatches(comparePact(alternatives, pact([getAnimal({ id: 1, colour: 'red' })])))).to.deep.equal([
      '$.colour: the document does not declare this field, which the pact needs',
    ]);
    expect(
      mismatches(comparePact(alternatives, pact([getAnimal({ id: 1, name: 'x', extra: { a: 1 } })]))),
    ).to.deep.equal(['$.extra.a: the document declares string, the pact needs integer']);
  });

  it('the request must fit for a success response; for an error response its misfits are only warnings', () => {
    const create = (status: number, body: Record<string, unknown>) => ({
      description: `create answered ${status}`,
      request: { method: 'POST', path: '/animals', headers: { 'Content-Type': 'application/json' }, body },
      response: {
        status,
        headers: { 'Content-Type': 'application/json' },
        body: status === 201 ? animal : { message: 'bad' },
      },
    });
    expect(mismatches(comparePact(contract, pact([create(201, { name: 'Rex' })])))).to.deep.equal([
      "the request body must have required property 'kind'",
    ]);
    const negative = comparePact(contract, pact([create(400, { name: 'Rex' })]));
    expect(negative.success).to.equal(true);
    expect(warnings(negative)).to.deep.equal([
      "the request body must have required property 'kind' (not held against the pact: it expects an error response)",
    ]);
  });

  it('query parameters, methods and response headers must be in the document', () => {
    const listing = listAnimals('x');
    (listing.request as { query: Record<string, string[]> }).query = { limit: ['0'], colour: ['red'] };
    expect(mismatches(comparePact(contract, pact([listing])))).to.deep.equal([
      'query parameter limit=0: must be >= 1',
      'query parameter colour is not in the document',
    ]);
    const deleting = { ...getAnimal(animal), request: { method: 'DELETE', path: '/animals/1' } };
    expect(mismatches(comparePact(contract, pact([deleting])))).to.deep.equal([
      'the document has no DELETE operation for /animals/{id}',
    ]);
    const withHeaders = getAnimal(animal);
    (withHeaders.response as { headers: Record<string, string> }).headers['X-Request-Id'] = 'abc';
    (withHeaders.response as { headers: Record<string, string> }).headers['X-Trace'] = 'abc';
    expect(mismatches(comparePact(contract, pact([withHeaders])))).to.deep.equal([
      'response header x-trace is not declared for the 200 response',
    ]);
  });

  it('reads pacts of every specification: V2 matching rules and V4 bodies', () => {
    const v2 = {
      consumer: { name: 'Zoo' },
      provider: { name: 'Animals' },
      interactions: [
        {
          description: 'v2',
          request: { method: 'GET', path: '/animals/1' },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: { ...animal, id: 'one' },
            matchingRules: { '$.body.id': { match: 'type' } },
          },
        },
      ],
      metadata: { pactSpecification: { version: '2.0.0' } },
    };
    expect(mismatches(comparePact(contract, v2))).to.deep.equal([
      '$.id: the document declares integer, the pact needs string',
    ]);
    const v4 = {
      consumer: { name: 'Zoo' },
      provider: { name: 'Animals' },
      interactions: [
        {
          type: 'Synchronous/HTTP',
          description: 'v4',
          request: { method: 'GET', path: '/animals/1' },
          response: {
            status: 200,
            body: { content: { ...animal, owner: 'Ann' }, contentType: 'application/json', encoded: false },
            matchingRules: { body: { $: { combine: 'AND', matchers: [{ match: 'type' }] } } },
          },
        },
        { type: 'Asynchronous/Messages', description: 'an animal was born', contents: {} },
      ],
      metadata: { pactSpecification: { version: '4.0' } },
    };
    const result = comparePact(contract, v4);
    expect(mismatches(result)).to.deep.equal([
      '$.owner: the document does not declare this field, which the pact needs',
    ]);
    expect(result.skipped).to.deep.equal(['an animal was born']);
  });
});
