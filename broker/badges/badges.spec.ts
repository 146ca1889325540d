import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

const svgText = (body: Buffer | string) => (Buffer.isBuffer(body) ? body.toString('utf8') : body);

function badge(server: Parameters<typeof request>[0], path: string, auth?: string) {
  const req = request(server)
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      res.on('end', () => done(null, data));
    });
  return auth ? req.set('Authorization', auth) : req;
}

describe('broker: status badges', () => {
  const broker = useBroker();

  it('shows the latest verification of an integration: verified (green), failed (red), unknown (grey) when unverified or missing', async () => {
    await broker
      .data()
      .consumer('Foo')
      .version('1', { branch: 'main', tags: ['prod'] })
      .pact('Bar')
      .verifiedBy('10')
      .consumer('Foo')
      .version('2', { branch: 'feat' })
      .pact('Bar')
      .verifiedBy('11', { success: false })
      .consumer('Foo')
      .version('3', { branch: 'wip' })
      .pact('Bar');
    const cases: [string, string, string][] = [
      ['/pacts/provider/Bar/consumer/Foo/latest/prod/badge', 'verified', '#4b0'],
      ['/pacts/provider/Bar/consumer/Foo/branch/main/latest/badge', 'verified', '#4b0'],
      ['/pacts/provider/Bar/consumer/Foo/branch/feat/latest/badge', 'failed', '#dd4343'],
      ['/pacts/provider/Bar/consumer/Foo/latest/badge', 'unknown', '#939393'],
      ['/pacts/provider/Bar/consumer/Nobody/latest/badge', 'unknown', '#939393'],
    ];
    for (const [path, status, colour] of cases) {
      const res = await badge(broker.server, path).expect(200);
      expect(res.headers['content-type'], path).to.equal('image/svg+xml;charset=utf-8');
      expect(res.headers['cache-control']).to.include('no-cache');
      const svg = svgText(res.body);
      expect(svg, path)
        .to.match(/^<svg /)
        .and.include(`<title>pact: ${status}</title>`)
        .and.include(`fill="${colour}"`);
    }
  });

  it('shows can-i-deploy for the latest version of a branch to an environment: yes, no, unknown', async () => {
    await broker
      .data()
      .environment('production')
      .provider('Bar')
      .version('10', { branch: 'main' })
      .deployedTo('production')
      .consumer('Foo')
      .version('1', { branch: 'good' })
      .pact('Bar')
      .verifiedBy('10')
      .consumer('Foo')
      .version('2', { branch: 'bad' })
      .pact('Bar')
      .verifiedBy('10', { success: false })
      .consumer('Foo')
      .version('3', { branch: 'new' })
      .pact('Bar');
    const path = (branch: string, environment = 'production') =>
      `/pacticipants/Foo/branches/${branch}/latest-version/can-i-deploy/to-environment/${environment}/badge?label=deploy%20%3Cme%3E`;
    const expectations: [string, string][] = [
      [path('good'), 'yes'],
      [path('bad'), 'no'],
      [path('new'), 'unknown'],
      [path('good', 'nowhere'), 'unknown'],
    ];
    for (const [url, status] of expectations) {
      const svg = svgText((await badge(broker.server, url).expect(200)).body);
      expect(svg, url).to.include(`<title>deploy &lt;me&gt;: ${status}</title>`); // the label is escaped
    }
  });
});

describe('broker: badges when auth is on', () => {
  const auth = {
    readWrite: { username: 'admin', password: 'secret' },
    readWriteTokens: [],
    readOnlyTokens: [],
    allowPublicRead: false,
  };
  describe('by default', () => {
    const broker = useBroker({ config: { auth } });
    it('needs credentials (401 without)', async () => {
      await badge(broker.server, '/pacts/provider/Bar/consumer/Foo/latest/badge').expect(401);
      await badge(
        broker.server,
        '/pacts/provider/Bar/consumer/Foo/latest/badge',
        `Basic ${Buffer.from('admin:secret').toString('base64')}`,
      ).expect(200);
    });
  });
  describe('with public badge access', () => {
    const broker = useBroker({ config: { auth, publicBadgeAccess: true } });
    it('serves badges to anyone, and nothing else', async () => {
      await badge(broker.server, '/pacts/provider/Bar/consumer/Foo/latest/badge').expect(200);
      await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/latest').expect(401);
    });
  });
});
