// The lint rules that are ours (eslint.config.js), proven to complain when they should.
import { ESLint } from 'eslint';
import { expect } from 'chai';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.ts';

let eslint: ESLint | undefined;

async function maxLenComplaints(text: string, file = 'scripts/example.ts'): Promise<string[]> {
  eslint ??= new ESLint({ cwd: projectRoot });
  const [result] = await eslint.lintText(text, { filePath: join(projectRoot, file) });
  // Errors only: a warning would not fail `npm run lint`.
  return result!.messages
    .filter((message) => message.ruleId === 'max-len' && message.severity === 2)
    .map((message) => message.message);
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

  it('refuses a long line in the broker as everywhere else', async () => {
    expect(await maxLenComplaints(stringOfLength(151), 'broker/resources/example.ts')).to.deep.equal([
      'This line has a length of 151. Maximum allowed is 150.',
    ]);
  });

  it("lets a conformance example's `// ref:` line run on (one line by rule), but no other long comment", async () => {
    const cited = `spec/lib/pact_broker/example_spec.rb: "${'x'.repeat(150)}"`;
    const file = 'broker/conformance/reference/example/example.spec.ts';
    expect(await maxLenComplaints(`  // ref: ${cited}\n  it('works', () => {});\n`, file)).to.deep.equal([]);
    expect(await maxLenComplaints(`  // see ${cited}\n`, file)).to.have.length(1);
  });

  it('lets a URL run on', async () => {
    const comment = `// see https://example.com/${'a'.repeat(160)}\nexport const x = 1;\n`;
    expect(await maxLenComplaints(comment)).to.deep.equal([]);
  });
});

describe('lint: broker path parameters without non-null assertions', function () {
  this.timeout(120_000);

  async function complaints(text: string): Promise<string[]> {
    eslint ??= new ESLint({ cwd: projectRoot });
    const [result] = await eslint.lintText(text, { filePath: join(projectRoot, 'broker/resources/example.ts') });
    return result!.messages
      .filter((message) => message.ruleId === 'no-restricted-syntax')
      .map((message) => message.message);
  }

  it('refuses `params.x!` and `call.params.x!` in broker code', async () => {
    const text =
      'export const a = (params: Record<string, string>) => params.pacticipant!;\n' +
      'export const b = (call: { params: Record<string, string> }) => call.params.version!;\n';
    const found = await complaints(text);
    expect(found).to.have.length(2);
    expect(found[0]).to.include('typed by route()');
  });

  it('lets typed parameters be read as they are', async () => {
    const text = 'export const a = (params: { pacticipant: string }) => params.pacticipant;\n';
    expect(await complaints(text)).to.deep.equal([]);
  });
});
