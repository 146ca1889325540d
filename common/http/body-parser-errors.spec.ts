import { expect } from 'chai';
import { bodyParserFailure } from './body-parser-errors.ts';

describe('body-parser failures, shared by the backend and the broker', () => {
  it('a body-parser error type gives its status, code and message', () => {
    expect(bodyParserFailure({ type: 'entity.too.large' })).to.deep.equal({
      status: 413,
      code: 'body_too_large',
      message: 'The request body is too large',
    });
  });

  it('anything else is not one, including a type named like an object property', () => {
    expect(bodyParserFailure(new Error('boom'))).to.equal(undefined);
    expect(bodyParserFailure({ type: 'constructor' })).to.equal(undefined);
    expect(bodyParserFailure(null)).to.equal(undefined);
  });
});
