import { expect } from 'chai';
import { parseHostRule, TargetPolicy } from './target-policy.ts';

const policy = (options: Partial<ConstructorParameters<typeof TargetPolicy>[0]> = {}) =>
  new TargetPolicy({ schemes: ['https'], methods: ['POST'], hosts: [], allowPublicHosts: true, ...options });

describe('webhook target policy', () => {
  it('by default allows POST over https to a public host name', () => {
    expect(policy().check('POST', 'https://ci.example.com/build')).to.deep.equal({});
  });

  it('refuses http, other methods, and internal addresses however they are written', () => {
    expect(policy().check('POST', 'http://ci.example.com/')).to.have.key('request.url');
    expect(policy().check('GET', 'https://ci.example.com/')).to.have.key('request.method');
    for (const url of [
      'https://127.0.0.1/',
      'https://localhost:9292/',
      'https://LOCALHOST./',
      'https://10.0.0.5/',
      'https://192.168.1.1/',
      'https://172.20.0.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[fd00::1]/',
      'https://2130706433/',
      'https://0x7f.1/',
      'https://0.0.0.0/',
      'https://ci.internal/',
      'https://printer.local/',
    ]) {
      expect(policy().check('POST', url), url).to.have.key('request.url');
    }
  });

  it('allows whitelisted names, one-label wildcards, IPs and ranges, internal or not', () => {
    const p = policy({
      hosts: ['ci.internal', '*.corp.internal', '10.1.0.0/16', '127.0.0.1'],
      schemes: ['https', 'http'],
    });
    expect(p.check('POST', 'https://ci.internal/')).to.deep.equal({});
    expect(p.check('POST', 'https://build.corp.internal/')).to.deep.equal({});
    expect(p.check('POST', 'https://a.build.corp.internal/')).to.have.key('request.url');
    expect(p.check('POST', 'https://10.1.2.3/')).to.deep.equal({});
    expect(p.check('POST', 'https://10.2.0.1/')).to.have.key('request.url');
    expect(p.check('POST', 'http://127.0.0.1:8080/')).to.deep.equal({});
  });

  it('with public hosts switched off, only whitelisted hosts', () => {
    const p = policy({ hosts: ['ci.example.com'], allowPublicHosts: false });
    expect(p.check('POST', 'https://ci.example.com/')).to.deep.equal({});
    expect(p.check('POST', 'https://other.example.com/')).to.have.key('request.url');
  });

  it('refuses, when sending, a host name whose addresses are internal (DNS is checked at connect time)', async () => {
    const error = await policy()
      .resolveAllowed('localhost')
      .then(
        () => undefined,
        (e: Error & { code?: string }) => e,
      );
    expect(error?.code).to.equal('EWEBHOOKTARGET');
    expect(error?.message).to.match(/refused: localhost resolves to (127\.0\.0\.1|::1)/);
    const allowed = await policy({ hosts: ['localhost'] }).resolveAllowed('localhost');
    expect(allowed.map((entry) => entry.address)).to.satisfy((addresses: string[]) =>
      addresses.some((a) => a === '127.0.0.1' || a === '::1'),
    );
  });

  it('rejects whitelist entries that are not hosts, IPs or ranges', () => {
    expect(() => parseHostRule('10.0.0.0/99')).to.throw(/prefix/);
    expect(() => parseHostRule('/.*/')).to.throw(/not a host name/);
  });
});
