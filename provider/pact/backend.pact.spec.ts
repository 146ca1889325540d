// Provider verification in `npm test`: the pact the consumer's contract tests generate in this run (not
// whatever pacts/ holds meanwhile) against the production backend on a PostgreSQL test database of its
// own (a provider state cuts it off), with the state handlers seeding it; and proof that verification
// and the state guard fail when they should. The Rust verifier prints its report to stdout (native
// code); the assertions read the same results from the JSON pact-js hands back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { freshTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { readPactFile } from './pact-files.ts';
import { generateConsumerPact } from './testing/generated-pact.ts';
import {
  badStateParametersPact,
  BROKEN,
  brokenPact,
  MISSPELLED_STATE,
  misspelledStatePact,
  writePact,
} from './testing/pact-variants.ts';
import { localVerificationConfig } from './verification-config.ts';
import { describeFailure } from './verification-results.ts';
import { failureReport, verifyBackend, type VerificationOutcome } from './verify-backend.ts';

describe("provider verification: autofighter-backend against its consumers' pacts", function () {
  this.timeout(120_000);
  let databaseUrl: string;
  let scratch: string;
  let generatedPact: string;

  before(async () => {
    databaseUrl = await freshTestDatabaseUrl('backend', 'pact');
    scratch = mkdtempSync(join(tmpdir(), 'provider-pacts-'));
    generatedPact = await generateConsumerPact(join(scratch, 'generated'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  const verifyFile = (name: string, pact: Parameters<typeof writePact>[2]) =>
    verifyBackend({
      databaseUrl,
      config: localVerificationConfig({ source: { kind: 'file', path: writePact(scratch, name, pact) } }),
    });

  it("the pact the consumer's tests generate passes against the production app on PostgreSQL, every state handled", async () => {
    const outcome = await verifyBackend({
      databaseUrl,
      config: localVerificationConfig({ source: { kind: 'file', path: generatedPact } }),
    });
    process.stdout.write(`\n${outcome.stateReport.text}\n${outcome.coverage.text}\n`);

    expect(outcome.passed, failureReport(outcome)).to.equal(true);
    const { interactions } = readPactFile(generatedPact);
    expect(
      outcome.results!.interactionResults.map((result) => `${result.description}: ${result.result}`),
    ).to.have.members(interactions.map((interaction) => `${interaction.description}: OK`));
    expect(outcome.stateReport.missing).to.deep.equal([]);
    expect(outcome.coverage.uncovered.length, 'the coverage report saw the requests').to.be.below(
      outcome.timeline.interactionStarts.length,
    );
  });

  describe('the state guard', () => {
    it('a pact using a state that has no handler fails verification, naming the state, although its interaction passed', async () => {
      const outcome = await verifyFile('misspelled-state.json', misspelledStatePact());

      expect(outcome.results?.result, 'pact-js alone lets it pass').to.equal(true);
      expect(outcome.passed).to.equal(false);
      expect(outcome.stateReport.missing).to.deep.equal([MISSPELLED_STATE]);
      expect(failureReport(outcome)).to.include(`"${MISSPELLED_STATE}"`).and.include('no handler');
    });

    it('a state handler that fails (a party that is not an object) fails verification, naming the state and why', async () => {
      const outcome = await verifyFile('bad-state-params.json', badStateParametersPact());

      expect(outcome.passed).to.equal(false);
      expect(failureReport(outcome)).to.match(
        /"game session \{sessionId\} exists with runs \{runs\}": bad parameters: runs\.0\.party must be a JSON object/,
      );
    });
  });

  describe('a pact the backend does not satisfy', () => {
    let outcome: VerificationOutcome;
    let report: string;

    before(async () => {
      outcome = await verifyFile('broken.json', brokenPact());
      report = failureReport(outcome);
    });

    it('fails verification', () => {
      expect(outcome.passed).to.equal(false);
      expect(outcome.results?.result).to.equal(false);
      expect(outcome.results?.errors).to.have.length(3);
    });

    for (const [kind, { description, named }] of Object.entries(BROKEN)) {
      it(`names the mismatch of the ${kind.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)} (${description})`, () => {
        const failure = outcome.results?.errors.find((error) => error.interaction.endsWith(`- ${description}`));
        expect(failure, `no failure reported for "${description}"`).to.not.equal(undefined);
        expect(describeFailure(failure!).join('\n')).to.match(named);
        expect(report).to.include(description);
        expect(outcome.results!.output.join('\n'), "the verifier's own report names it too").to.include(description);
      });
    }
  });
});
