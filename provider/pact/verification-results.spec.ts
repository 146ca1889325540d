import { expect } from 'chai';
import { describeFailure, parseVerifierResults } from './verification-results.ts';

// Shaped like the JSON pact-core's verifier returns (pactffi_verifier_json).
const failed = {
  result: false,
  errors: [
    {
      interaction: 'Verifying a pact between web and backend Given a run exists - a request for a run',
      mismatch: {
        type: 'mismatches',
        mismatches: [
          { type: 'BodyMismatch', path: '$.data', mismatch: 'Actual map is missing the following keys: runId' },
        ],
      },
    },
    {
      interaction: 'Verifying a pact between web and backend - a health check',
      mismatch: { type: 'error', message: 'connection refused' },
    },
  ],
  pendingErrors: [],
  interactionResults: [{ description: 'a request for a run', result: 'Error', duration: '26ms' }],
  output: ['Failures:'],
  notices: [],
};

describe('verifier results', () => {
  it('reads the JSON the verifier hands back; anything else is not results', () => {
    expect(parseVerifierResults(JSON.stringify(failed))?.errors).to.have.length(2);
    expect(parseVerifierResults('Provider verification hooks failed: boom')).to.equal(undefined);
    expect(parseVerifierResults('{"unrelated":true}')).to.equal(undefined);
    expect(parseVerifierResults(undefined)).to.equal(undefined);
  });

  it('names each failure: the interaction, then what mismatched where, or the error', () => {
    const [mismatch, error] = parseVerifierResults(JSON.stringify(failed))!.errors;
    expect(describeFailure(mismatch!)).to.deep.equal([
      '  Verifying a pact between web and backend Given a run exists - a request for a run',
      '    BodyMismatch at $.data: Actual map is missing the following keys: runId',
    ]);
    expect(describeFailure(error!)).to.deep.equal([
      '  Verifying a pact between web and backend - a health check',
      '    connection refused',
    ]);
  });
});
