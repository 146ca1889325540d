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

  it("shows the Pact Broker's statuses: verified (green), changed (orange), failed and failed (pending) (red), unknown (grey)", async () => {
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
      .version('3', { branch: 'pending' })
      .pact('Bar')
      .verifiedBy('12', { success: false, pending: true })
      .consumer('Foo')
      .version('4', { branch: 'main' })
      .pact('Bar');
    const cases: [string, string, string][] = [
      ['/pacts/provider/Bar/consumer/Foo/latest/prod/badge', 'verified', '#4b0'],
      ['/pacts/provider/Bar/consumer/Foo/branch/feat/latest/badge', 'failed', '#dd4343'],
      ['/pacts/provider/Bar/consumer/Foo/branch/pending/latest/badge', 'failed (pending)', '#dd4343'],
      // main's latest pact (version 4) is new; main's last verified pact (version 1) passed: "changed".
      ['/pacts/provider/Bar/consumer/Foo/branch/main/latest/badge', 'changed', '#ea7233'],
      ['/pacts/provider/Bar/consumer/Nobody/latest/badge', 'unknown', '#939393'],
    ];
    for (const [path, status, colour] of cases) {
      const res = await badge(broker.server, path).expect(200);
      expect(res.headers['content-type'], path).to.equal('image/svg+xml;charset=utf-8');
      expect(res.headers['cache-control']).to.include('no-cache');
      const svg = svgText(res.body);
      expect(svg, path)
        .to.match(/^<!-- .* -->\n<svg /)
        .and.include(`fill="${colour}"`);
      expect(svg, path).to.include(`: ${status}</title>`);
    }
  });

  it('shows can-i-deploy for the latest version of a branch to an environment: "<branch> to <environment>", green or red', async () => {
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
      [path('good'), 'deploy &lt;me&gt;: good to production'],
      [path('bad'), 'deploy &lt;me&gt;: bad to production'],
      [path('new'), 'deploy &lt;me&gt;: new to production'],
      [path('good', 'nowhere'), 'environment: not found'],
      [path('gone'), 'branch: not found'],
    ];
    for (const [url, title] of expectations) {
      const svg = svgText((await badge(broker.server, url).expect(200)).body);
      expect(svg, url).to.include(`<title>${title}</title>`); // the label is escaped
    }
    expect(svgText((await badge(broker.server, path('good')).expect(200)).body)).to.include('fill="#4b0"');
    expect(svgText((await badge(broker.server, path('bad')).expect(200)).body)).to.include('fill="#dd4343"');
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
