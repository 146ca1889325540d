import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { pactFilesFor, readPactFile, statesUsedBy } from './pact-files.ts';

describe('pact files', () => {
  let scratch: string;
  const write = (name: string, content: unknown) => {
    writeFileSync(join(scratch, name), typeof content === 'string' ? content : JSON.stringify(content));
    return join(scratch, name);
  };

  beforeEach(() => (scratch = mkdtempSync(join(tmpdir(), 'pact-files-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads the states of V3/V4 (providerStates) and V2 (providerState) interactions', () => {
    const v4 = write('v4.json', {
      consumer: { name: 'web' },
      provider: { name: 'backend' },
      interactions: [
        { description: 'two states', providerStates: [{ name: 'a' }, { name: 'b', params: { id: 1 } }] },
        { description: 'no state' },
      ],
    });
    const v2 = write('v2.json', {
      consumer: { name: 'cli' },
      provider: { name: 'backend' },
      interactions: [{ description: 'old', providerState: 'a' }],
    });
    const pacts = [readPactFile(v4), readPactFile(v2)];
    expect(pacts[0]!.interactions).to.deep.equal([
      { description: 'two states', states: ['a', 'b'] },
      { description: 'no state', states: [] },
    ]);
    expect([...statesUsedBy(pacts)]).to.deep.equal([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('lists the pacts of one provider in a folder, ignoring other files', () => {
    write('b.json', { consumer: { name: 'web' }, provider: { name: 'backend' }, interactions: [] });
    write('a.json', { consumer: { name: 'web' }, provider: { name: 'backend' }, interactions: [] });
    write('c.json', { consumer: { name: 'web' }, provider: { name: 'payments' }, interactions: [] });
    write('README.md', '# not a pact');
    expect(pactFilesFor('backend', scratch).map((pact) => pact.path)).to.deep.equal([
      join(scratch, 'a.json'),
      join(scratch, 'b.json'),
    ]);
  });

  it('says which file is not JSON, or not a pact', () => {
    expect(() => readPactFile(write('broken.json', '{'))).to.throw(/broken\.json is not a JSON file/);
    expect(() => readPactFile(write('other.json', { name: 'x' }))).to.throw(/other\.json is not a pact: consumer/);
  });
});
