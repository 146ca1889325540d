// The import loop check (check-cycles.ts), proven on small folders made for the test.
import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findImportCycles } from './check-cycles.ts';

describe('check:cycles: no import loops', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    mkdirSync(join(dir, 'app'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, text: string) => writeFileSync(join(dir, 'app', file), text);

  it('finds a loop through three files, type-only imports included', async () => {
    write('a.ts', "import { b } from './b.ts';\nexport const a = b;\n");
    write('b.ts', "import { c } from './c.ts';\nexport const b = c;\n");
    write('c.ts', "import type { A } from './d.ts';\nexport const c: A = 1;\n");
    write('d.ts', "import { a } from './a.ts';\nexport type A = typeof a;\n");
    const cycles = await findImportCycles(dir, ['app']);
    expect(cycles).to.have.length(1);
    expect([...cycles[0]!].sort()).to.deep.equal(['app/a.ts', 'app/b.ts', 'app/c.ts', 'app/d.ts']);
  });

  it('finds none where imports point one way', async () => {
    write('a.ts', "import { b } from './b.ts';\nexport const a = b;\n");
    write('b.ts', 'export const b = 1;\n');
    expect(await findImportCycles(dir, ['app'])).to.deep.equal([]);
  });
});
