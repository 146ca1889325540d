import { expect } from 'chai';
import { COMMITTED_PACT_FILE, pactOutputFile, stalePact } from './backend-pact.ts';

describe("the router's pact file", () => {
  it('is written only where PACT_OUTPUT_DIR says (npm test writes none)', () => {
    expect(pactOutputFile({})).to.equal(undefined);
    expect(pactOutputFile({ PACT_OUTPUT_DIR: '' })).to.equal(undefined);
    expect(pactOutputFile({ PACT_OUTPUT_DIR: '/tmp/pacts' })).to.equal(
      '/tmp/pacts/autofighter-router-autofighter-backend.json',
    );
  });

  describe('the staleness check', () => {
    const recorded = '{\n  "a": 1,\n  "b": 2\n}\n';

    it('says nothing when the committed pact is the recorded one, byte for byte', () => {
      expect(stalePact(recorded, recorded)).to.equal(undefined);
    });

    it('a committed pact that differs is stale: the first differing line, both versions, and the fix', () => {
      expect(stalePact('{\n  "a": 1,\n  "b": 3\n}\n', recorded)).to.equal(
        [
          `${COMMITTED_PACT_FILE} is stale: the consumer tests record a different pact. Run \`npm run test:pact:consumer\` and commit pacts/.`,
          'First difference, line 3:',
          '  committed:   "b": 3',
          '  recorded:    "b": 2',
        ].join('\n'),
      );
      expect(stalePact(recorded.trimEnd(), recorded)).to.contain('line 5:').and.contain('committed: (end of file)');
    });

    it('a missing committed pact is named as missing', () => {
      expect(stalePact(undefined, recorded)).to.match(/autofighter-router-autofighter-backend\.json is missing/);
    });
  });
});
