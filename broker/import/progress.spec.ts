// Progress without a terminal (CI logs): plain lines with counts and the rate, not a redrawn bar.
import { expect } from 'chai';
import { lineProgress, type KindCounts } from './progress.ts';

const counts = (done: number): KindCounts => ({ found: 10, imported: done, updated: 0, unchanged: 1, failed: 0 });

describe('import progress as plain lines', () => {
  it('when a kind is done, writes one line with its counts and rate', () => {
    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line), 60_000);
    progress.finish('versions', counts(9), performance.now() - 2000);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^versions: 10 in the source: 9 imported, 0 updated, 1 already there \(\d+\.\d\/s\)\n$/);
  });

  it('while a kind runs, writes at most one line per interval', () => {
    const lines: string[] = [];
    const progress = lineProgress((line) => lines.push(line), 1000);
    const startedAt = performance.now() - 1500;
    progress.update('pacts', counts(3), startedAt);
    progress.update('pacts', counts(4), startedAt);
    progress.update('pacts', counts(5), startedAt);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^pacts: 4\/10 \(\d+\.\d\/s\)\n$/);
  });
});
