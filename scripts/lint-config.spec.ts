// The lint rules that are ours (eslint.config.js), proven to complain when they should.
import { ESLint } from 'eslint';
import { expect } from 'chai';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.ts';

let eslint: ESLint | undefined;

async function maxLenComplaints(text: string, file = 'scripts/example.ts'): Promise<string[]> {
  eslint ??= new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText(text, { filePath: join(projectRoot, file) });
  return result!.messages.filter((message) => message.ruleId === 'max-len').map((message) => message.message);
}

describe('lint: lines of at most 150 characters', function () {
  // The first lint loads the configuration and its plugins: seconds, many more on a busy machine.
  this.timeout(120_000);
  const stringOfLength = (length: number) => `export const text = '${'x'.repeat(length - 23)}';\n`;

  it('accepts a line of 150 characters', async () => {
    expect(stringOfLength(150).trimEnd()).to.have.length(150);
    expect(await maxLenComplaints(stringOfLength(150))).to.deep.equal([]);
  });

  it('refuses a line of 151 characters, a long string that Prettier leaves as it is', async () => {
    expect(await maxLenComplaints(stringOfLength(151))).to.deep.equal([
      'This line has a length of 151. Maximum allowed is 150.',
    ]);
  });

  it('lets a URL run on', async () => {
    const comment = `// see https://example.com/${'a'.repeat(160)}\nexport const x = 1;\n`;
    expect(await maxLenComplaints(comment)).to.deep.equal([]);
  });
});
