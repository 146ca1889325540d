import { expect } from 'chai';
import { z } from 'zod';
import { StartupError } from '../process/startup-error.ts';
import { parseEnv } from './parse-env.ts';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).default(8080),
  URL: z.url(),
});

class ExitCodeTwo extends Error {}

describe('reading configuration from the environment', () => {
  it('gives the parsed values, with defaults', () => {
    expect(parseEnv(schema, { URL: 'http://x' }, 'demo')).to.deep.equal({ PORT: 8080, URL: 'http://x' });
  });

  it('treats a variable set to an empty string as unset (PORT= is not port 0)', () => {
    expect(parseEnv(schema, { PORT: '', URL: 'http://x' }, 'demo').PORT).to.equal(8080);
  });

  it('names every problem in one error, a one-line StartupError (a service that cannot start says why)', () => {
    expect(() => parseEnv(schema, { PORT: 'abc' }, 'demo'))
      .to.throw(StartupError, /^Invalid demo configuration: PORT: .+; URL: .+/)
      .with.property('stack')
      .that.does.not.contain('\n');
  });

  it("throws the caller's error class when given one", () => {
    expect(() => parseEnv(schema, {}, 'demo', { error: (message) => new ExitCodeTwo(message) })).to.throw(ExitCodeTwo);
  });
});
