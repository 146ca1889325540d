// The mutation test's parts (`npm run test:mutations` itself takes minutes and is not part of npm
// test): the list fits the sources and covers every endpoint family, edits go to a scratch copy only
// and are taken back, a verification of a copy tells a caught change from a passing one, and the
// verdict fails on a missed breaking change, a false alarm, or a run without a verdict.
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { withDatabase } from '../../db/connection-url.ts';
import { projectRoot } from '../../common/project-root.ts';
import { templateName, testServerInfo } from '../../db/testing/test-server.ts';
import { applyMutation, edited } from './apply.ts';
import { mutationProblems } from './check-list.ts';
import { mutations, type Family, type Mutation } from './mutations.ts';
import { createScratchCopy, type ScratchCopy } from './scratch-copy.ts';
import { judge, type Outcome } from './verdict.ts';
import { verifyCopy } from './verify-copy.ts';

const byId = (id: string): Mutation => {
  const mutation = mutations.find((candidate) => candidate.id === id);
  if (!mutation) throw new Error(`no mutation ${id}`);
  return mutation;
};

describe('the mutation test', () => {
  describe('its list of backend changes', () => {
    it('fits the current sources: every edit finds its text exactly as often as it says', () => {
      expect(mutationProblems(mutations, projectRoot)).to.deep.equal([]);
    });

    it('has at least 40 breaking and 10 compatible changes, breaking ones in every endpoint family', () => {
      const breaking = mutations.filter((mutation) => mutation.kind === 'breaking');
      expect(breaking.length).to.be.at.least(40);
      expect(mutations.length - breaking.length).to.be.at.least(10);
      const families: Family[] = [
        'health',
        'api root',
        'sessions',
        'runs',
        'runs list',
        'players',
        'upgrades',
        'gacha roll',
        'gacha items',
        'envelopes',
      ];
      for (const family of families)
        expect(
          breaking.some((mutation) => mutation.family === family),
          family,
        ).to.equal(true);
    });

    it('is checked: a text that is not there, or there twice, or an id used twice, is named', () => {
      const root = mkdtempSync(join(tmpdir(), 'mutation-list-'));
      try {
        writeFileSync(join(root, 'a.ts'), 'const x = 1;\nconst x = 1;\n');
        const twice: Mutation = {
          id: 'twice',
          family: 'runs',
          kind: 'breaking',
          change: 'x',
          edits: [{ file: 'a.ts', find: 'const x = 1;', replace: 'const x = 2;' }],
        };
        expect(
          mutationProblems([twice, { ...twice, edits: [{ file: 'a.ts', find: 'y', replace: 'z' }] }], root),
        ).to.deep.equal([
          'twice: a.ts has "const x = 1;" 2 times, not 1',
          'twice: the id is used twice',
          'twice: a.ts has "y" 0 times, not 1',
        ]);
        expect(edited('const x = 1;\nconst x = 1;\n', { ...twice.edits[0]!, times: 2 })).to.equal(
          'const x = 2;\nconst x = 2;\n',
        );
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('a scratch copy', () => {
    let copy: ScratchCopy;
    before(() => (copy = createScratchCopy(projectRoot, 'mutation-spec')));
    after(() => copy.remove());

    it("holds the project's files, with node_modules linked from the working tree", () => {
      expect(readFileSync(join(copy.root, 'package.json'), 'utf8')).to.equal(
        readFileSync(join(projectRoot, 'package.json'), 'utf8'),
      );
      expect(existsSync(join(copy.root, 'scripts/mutations/verify-in-copy.ts'))).to.equal(true);
      expect(lstatSync(join(copy.root, 'node_modules')).isSymbolicLink()).to.equal(true);
    });

    it('takes the edits, never the working tree, and gives them back', () => {
      const mutation = byId('run-ids-swapped');
      const file = mutation.edits[0]!.file;
      const original = readFileSync(join(projectRoot, file), 'utf8');

      const restore = applyMutation(copy.root, mutation);
      const changed = readFileSync(join(copy.root, file), 'utf8');
      expect(changed).to.contain('run_id: run.sessionId');
      expect(changed).to.not.equal(original);
      expect(readFileSync(join(projectRoot, file), 'utf8')).to.equal(original);

      restore();
      expect(readFileSync(join(copy.root, file), 'utf8')).to.equal(original);
    });

    it('refuses an edit that does not fit, leaving every file as it was', () => {
      const partly: Mutation = {
        ...byId('upgrade-overspend-400'),
        edits: [byId('upgrade-overspend-400').edits[0]!, { file: 'provider/app.ts', find: 'not there', replace: '' }],
      };
      const before = readFileSync(join(copy.root, 'provider/upgrades/upgrades.service.ts'), 'utf8');
      expect(() => applyMutation(copy.root, partly)).to.throw('occurs 0 times');
      expect(readFileSync(join(copy.root, 'provider/upgrades/upgrades.service.ts'), 'utf8')).to.equal(before);
    });

    it('refuses files outside the copy, and the linked node_modules', () => {
      const outside: Mutation = { ...byId('roll-200'), edits: [{ file: '../x.ts', find: 'a', replace: 'b' }] };
      expect(() => applyMutation(copy.root, outside)).to.throw('outside the scratch copy');
      const linked: Mutation = {
        ...byId('roll-200'),
        edits: [{ file: 'node_modules/zod/package.json', find: 'zod', replace: 'x' }],
      };
      expect(() => applyMutation(copy.root, linked)).to.throw('linked from the working tree');
    });

    describe("verified with the project's provider verification", function () {
      this.timeout(180_000);

      it('the unchanged copy passes; a breaking change fails, naming the interaction that caught it', async () => {
        // On this test run's server, copying the migrated backend template the global setup made.
        const { serverUrl, prefix } = testServerInfo();
        const server = { serverUrl, urlFor: (name: string) => withDatabase(serverUrl, name) };
        const template = templateName(prefix, 'backend');
        const unchanged = await verifyCopy(copy.root, server, template);
        expect(unchanged.verification, unchanged.detail.join('\n')).to.equal('passed');

        const restore = applyMutation(copy.root, byId('list-off-by-one'));
        try {
          const caught = await verifyCopy(copy.root, server, template);
          expect(caught.verification).to.equal('failed');
          expect(caught.detail).to.include('a request for the first page of 2 runs');
        } finally {
          restore();
        }
      });
    });
  });

  describe('the verdict', () => {
    const outcome = (id: string, verification: Outcome['verification']): Outcome => ({
      mutation: byId(id),
      verification,
      detail: [],
      seconds: 1,
    });

    it('passes when every breaking change failed verification and every compatible one passed', () => {
      const verdict = judge([outcome('roll-200', 'failed'), outcome('success-meta', 'passed')]);
      expect(verdict).to.include({ ok: true, breaking: 1, caught: 1, compatible: 1, falseAlarms: 0 });
      expect(verdict.lines).to.deep.equal([
        'Breaking changes caught: 1 of 1 (100.0 %)',
        'Compatible changes passed: 1 of 1; false alarms: 0',
      ]);
    });

    it('fails on a breaking change that passed verification, naming it', () => {
      const verdict = judge([outcome('roll-200', 'passed'), outcome('own-200', 'failed')]);
      expect(verdict.ok).to.equal(false);
      expect(verdict.lines).to.include('Breaking changes caught: 1 of 2 (50.0 %)');
      expect(verdict.lines).to.include('  MISSED       roll-200: a roll answers 200 instead of 201');
    });

    it('fails on a compatible change that failed verification (a false alarm), naming it', () => {
      const verdict = judge([outcome('roll-200', 'failed'), outcome('success-meta', 'failed')]);
      expect(verdict).to.include({ ok: false, falseAlarms: 1 });
      expect(verdict.lines).to.include('  FALSE ALARM  success-meta: success envelopes gain a meta object');
    });

    it('fails when a verification could not run, and when nothing was judged', () => {
      expect(judge([outcome('roll-200', 'failed'), outcome('own-200', 'error')]).ok).to.equal(false);
      expect(judge([]).ok).to.equal(false);
    });
  });
});
