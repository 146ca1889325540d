import { expect } from 'chai';
import { buildRackQuery, parseRackQuery, QueryStringError } from './rack-query.ts';

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('broker query strings (Rack nested-query rules)', () => {
  it('a repeated key inside q[] starts the next element, so parameter order matters', () => {
    expect(
      plain(parseRackQuery('q[][pacticipant]=Foo&q[][version]=1&q[][pacticipant]=Bar&q[][version]=2')),
    ).to.deep.equal({
      q: [
        { pacticipant: 'Foo', version: '1' },
        { pacticipant: 'Bar', version: '2' },
      ],
    });
    expect(
      plain(parseRackQuery('q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][version]=1&q[][version]=2')),
    ).to.deep.equal({ q: [{ pacticipant: 'Foo' }, { pacticipant: 'Bar', version: '1' }, { version: '2' }] });
  });

  it('decodes + and percent escapes, keeps the last of repeated plain keys, collects a[]', () => {
    expect(
      plain(parseRackQuery('q[][pacticipant]=Foo+Thing&v=1%2e2&v=3&success[]=true&success[]=&tag[x]=y')),
    ).to.deep.equal({ q: [{ pacticipant: 'Foo Thing' }], v: '3', success: ['true', ''], tag: { x: 'y' } });
    expect(plain(parseRackQuery(null))).to.deep.equal({});
  });

  it('keys such as __proto__ are plain data', () => {
    const parsed = parseRackQuery('__proto__[polluted]=yes&constructor=x');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(plain(parsed)).to.deep.equal({ ['__proto__']: { polluted: 'yes' }, constructor: 'x' });
  });

  it('refuses malformed escapes, type clashes and absurd sizes', () => {
    expect(() => parseRackQuery('a=%E0%A4%A')).to.throw(QueryStringError);
    expect(() => parseRackQuery('q=1&q[][x]=2')).to.throw(QueryStringError, /Expected a list/);
    expect(() => parseRackQuery(Array.from({ length: 1001 }, (_, i) => `a${i}=1`).join('&'))).to.throw(
      QueryStringError,
      /1000/,
    );
  });

  it('builds what it parses back for lists of objects led by a common key', () => {
    const value = {
      s: [
        { cv: 1, b: 'main' },
        { cv: 2, t: 'prod', l: true },
      ],
      p: false,
    };
    expect(plain(parseRackQuery(buildRackQuery(value)))).to.deep.equal({
      s: [
        { cv: '1', b: 'main' },
        { cv: '2', t: 'prod', l: 'true' },
      ],
      p: 'false',
    });
  });
});
