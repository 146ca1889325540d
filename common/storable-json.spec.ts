// The JSONB check shared by the backend and the broker (their bad-input specs show it over HTTP).
import { expect } from 'chai';
import { jsonProblem, MAX_JSON_DEPTH, textProblem } from './storable-json.ts';

const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown;

describe('storable JSON', () => {
  it('accepts ordinary JSON: objects, lists, strings, numbers, booleans and null', () => {
    expect(jsonProblem({ a: [1, 'two', true, null, { b: -0.5 }], ключ: 'значение 😀' })).to.equal(undefined);
  });

  it(`accepts nesting of exactly ${MAX_JSON_DEPTH} levels and refuses one level more`, () => {
    expect(jsonProblem(nested(MAX_JSON_DEPTH))).to.equal(undefined);
    expect(jsonProblem(nested(MAX_JSON_DEPTH + 1))).to.equal(`nests deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it('refuses a value nested 100,000 levels deep without overflowing the stack', () => {
    expect(jsonProblem(nested(100_000))).to.match(/nests deeper/);
  });

  it('refuses a NUL character or an unpaired surrogate, in a value or a key', () => {
    expect(jsonProblem({ a: ['x\u0000y'] })).to.equal('contains a NUL character (\\u0000)');
    expect(jsonProblem({ a: '\ud800' })).to.equal('contains an unpaired UTF-16 surrogate');
    expect(jsonProblem({ 'k\u0000': 1 })).to.equal('has a key that contains a NUL character (\\u0000)');
    expect(textProblem('fine')).to.equal(undefined);
  });

  it('refuses numbers that are not finite and values that are not JSON', () => {
    expect(jsonProblem({ n: Infinity })).to.equal('contains a number that is not finite');
    expect(jsonProblem({ f: () => 1 })).to.equal('contains a value that is not JSON');
  });
});
