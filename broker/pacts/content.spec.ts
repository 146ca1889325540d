import { expect } from 'chai';
import { ValidationError } from '../domain-errors.ts';
import { contentSha, interactionId, readPact, readPactText } from './content.ts';

const interaction = (description: string, status = 200) => ({
  description,
  providerState: 'x',
  request: { method: 'GET', path: `/${description}` },
  response: { status },
});
const pact = (interactions: unknown[], extra: Record<string, unknown> = {}) => ({
  consumer: { name: 'Foo' },
  provider: { name: 'Bar' },
  interactions,
  metadata: { pactSpecification: { version: '2.0.0' } },
  ...extra,
});

describe('broker pact content', () => {
  it('the content hash ignores formatting, key order, interaction order, other metadata and _ids', () => {
    const a = pact([interaction('one'), interaction('two')]);
    const reordered =
      JSON.parse(`{"interactions":[{"response":{"status":200},"request":{"path":"/two","method":"GET"},"providerState":"x","description":"two"},
      ${JSON.stringify(interaction('one'))}], "provider":{"name":"Bar"},
      "metadata":{"pactSpecification":{"version":"2.0.0"},"pactRust":{"ffi":"9"}},"consumer":{"name":"Foo"}}`);
    expect(contentSha(reordered)).to.equal(contentSha(a));
    expect(readPact(a).sha).to.equal(readPact(JSON.parse(readPact(a).text)).sha); // with the broker's _ids added
  });

  it('the content hash changes with anything a verification would see, or the specification version', () => {
    const base = contentSha(pact([interaction('one')]));
    expect(contentSha(pact([interaction('one', 404)]))).to.not.equal(base);
    expect(contentSha(pact([interaction('one'), interaction('two')]))).to.not.equal(base);
    expect(
      contentSha(pact([interaction('one')], { metadata: { pactSpecification: { version: '3.0.0' } } })),
    ).to.not.equal(base);
  });

  it('gives each interaction and message a stable _id, first among its keys', () => {
    const read = readPact(pact([interaction('one')], { messages: [{ description: 'm', contents: {} }] }));
    const [first] = JSON.parse(read.text).interactions as Record<string, unknown>[];
    expect(Object.keys(first!)[0]).to.equal('_id');
    expect(first!._id).to.equal(interactionId(interaction('one')));
    expect(first!._id).to.equal(interactionId({ ...interaction('one'), _id: 'something else' }));
    expect((JSON.parse(read.text).messages as Record<string, unknown>[])[0]!._id).to.match(/^[0-9a-f]{40}$/);
    expect(read).to.include({
      interactionsCount: 1,
      messagesCount: 1,
      consumerName: 'Foo',
      providerName: 'Bar',
      specificationVersion: '2.0.0',
    });
  });

  it('reads the specification version from any of the places pacts keep it', () => {
    expect(
      readPact(pact([], { metadata: { 'pact-specification': { version: '1.0.0' } } })).specificationVersion,
    ).to.equal('1.0.0');
    expect(readPact(pact([], { metadata: { pactSpecificationVersion: '1.1.0' } })).specificationVersion).to.equal(
      '1.1.0',
    );
  });

  it('refuses what cannot be a contract, naming the problem', () => {
    const problems = (value: unknown) => {
      try {
        readPact(value);
      } catch (error) {
        return (error as ValidationError).errors;
      }
      throw new Error('expected a ValidationError');
    };
    expect(problems(7)).to.deep.equal({ content: ['The pact must be a JSON object'] });
    expect(problems({ consumer: { name: 'Foo' }, interactions: [] })).to.deep.equal({
      content: ['The pact provider.name is missing'],
    });
    expect(problems(pact([1, 2]))).to.deep.equal({
      content: ['The pact every item of interactions must be a JSON object'],
    });
    expect(() => readPactText('{"consumer":')).to.throw(ValidationError, /not valid JSON/);
  });

  it('takes any other JSON object or list as a contract (as the Pact Broker does), named by the caller', () => {
    const names = { consumer: 'Foo', provider: 'Bar' };
    const notAPact = readPact({ a: 'not pact' }, 'content', names);
    expect(notAPact).to.include({ consumerName: 'Foo', providerName: 'Bar', interactionsCount: 0 });
    expect(JSON.parse(notAPact.text)).to.deep.equal({ a: 'not pact' });
    expect(readPact([1], 'content', names).text).to.equal('[1]');
    expect(readPact({ a: 'not pact' }, 'content', names).sha).to.not.equal(
      readPact({ a: 'other' }, 'content', names).sha,
    );
  });
});
