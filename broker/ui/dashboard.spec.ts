// The dashboard over HTTP: content negotiation (browsers get HTML, clients JSON on the same URLs),
// escaping of untrusted pact content, and read access when auth is on.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { buildPact } from '../testing/test-data.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const XSS = '<script>alert("pwned")</script><img src=x onerror=alert(1)>';

describe('broker dashboard: pages and content negotiation', () => {
  const broker = useBroker();

  it('serves the same pact URL as HTML to a browser and as HAL JSON to clients', async () => {
    await broker.data().consumer('Foo').version('1', { branch: 'main' }).pact('Bar').verifiedBy('9');
    const path = '/pacts/provider/Bar/consumer/Foo/version/1';
    const html = await request(broker.server).get(path).set('Accept', BROWSER).expect(200);
    expect(html.headers['content-type']).to.equal('text/html;charset=utf-8');
    expect(html.text).to.include('Pact between Foo and Bar').and.include('a thing exists');
    for (const accept of [
      'application/hal+json',
      'application/json',
      '*/*',
      'application/hal+json, application/json',
    ]) {
      const json = await request(broker.server).get(path).set('Accept', accept).expect(200);
      expect(json.headers['content-type'], accept).to.equal('application/hal+json;charset=utf-8');
      expect(json.body.consumer.name).to.equal('Foo');
    }
    expect((await request(broker.server).get('/').expect(200)).body._links['pb:latest-pact-versions']).to.have.property(
      'href',
    );
    expect((await request(broker.server).get('/').set('Accept', BROWSER).expect(200)).text).to.include(
      '<table id="integrations">',
    );
  });

  it('escapes pact content: an XSS-looking description and names are shown as text', async () => {
    const pact = buildPact('Foo', 'Bar', {
      interactions: [
        {
          description: XSS,
          providerState: `state ${XSS}`,
          request: { method: 'GET', path: '/x', headers: { 'X-Evil': XSS } },
          response: { status: 200, body: { html: XSS } },
        },
      ],
    });
    await broker.data().consumer('Foo').version('1').pact('Bar', pact);
    const html = (
      await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/latest').set('Accept', BROWSER).expect(200)
    ).text;
    expect(html).not.to.include('<script>alert').and.not.to.include('<img src=x');
    expect(html).to.include('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    // The only script is the broker's own file (copy buttons): no inline script, none from elsewhere.
    expect([...html.matchAll(/<script[^>]*>/gi)].map((m) => m[0])).to.deep.equal([
      '<script src="/ui/assets/dashboard.js" defer>',
    ]);
  });

  it('shows the diff between two pact versions as text to clients and as a page to browsers', async () => {
    await broker.data().consumer('Foo').version('1').pact('Bar').version('2').pact('Bar');
    const path = '/pacts/provider/Bar/consumer/Foo/version/2/diff/previous-distinct';
    const textDiff = await request(broker.server).get(path).expect(200);
    expect(textDiff.headers['content-type']).to.match(/^text\/plain/);
    expect(textDiff.text)
      .to.include('--- version 1')
      .and.include('+++ version 2')
      .and.match(/^-.*things/m)
      .and.match(/^\+.*things/m);
    const page = await request(broker.server).get(path).set('Accept', BROWSER).expect(200);
    expect(page.text).to.include('class="add"').and.include('class="del"');
    const first = '/pacts/provider/Bar/consumer/Foo/version/1/diff/previous-distinct';
    // Clients get the Pact Broker's 200 saying there is nothing earlier; browsers a 404 page.
    expect((await request(broker.server).get(first).expect(200)).text).to.match(/No earlier pact/);
    await request(broker.server).get(first).set('Accept', BROWSER).expect(404);
    const pact = (await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/2').expect(200)).body;
    const bySha = pact._links['pb:diff'].href.replace(
      '{pactVersion}',
      (await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/1')).body._links['pb:pact-version']
        .name,
    );
    expect((await request(broker.server).get(new URL(bySha).pathname).expect(200)).text).to.include('+++ version 2');
  });

  it('shows environments with what is deployed and released, and the network of integrations', async () => {
    await broker
      .data()
      .environment('production', { production: true })
      .consumer('Web')
      .version('1.0.0')
      .pact('Api')
      .deployedTo('production', { applicationInstance: 'eu' })
      .provider('Api')
      .version('2.0.0')
      .releasedTo('production');
    const environments = (await request(broker.server).get('/environments').set('Accept', BROWSER).expect(200)).text;
    expect(environments).to.include('production').and.include('1.0.0').and.include('eu').and.include('2.0.0');
    expect((await request(broker.server).get('/environments').expect(200)).body._embedded.environments).to.have.length(
      1,
    );
    const network = (await request(broker.server).get('/network').expect(200)).text;
    expect(network)
      .to.include('<svg id="network"')
      .and.include('>Web</text>')
      .and.include('>Api</text>')
      .and.include('/matrix/provider/Api/consumer/Web');
  });

  it('answers a missing pact with a 404 page to a browser (and the JSON error to clients)', async () => {
    const page = await request(broker.server)
      .get('/pacts/provider/No/consumer/Body/latest')
      .set('Accept', BROWSER)
      .expect(404);
    expect(page.text).to.include('No provider with name');
    expect(
      (await request(broker.server).get('/pacts/provider/No/consumer/Body/latest').expect(404)).body.error,
    ).to.be.a('string');
  });
});

describe('broker dashboard: auth', () => {
  const broker = useBroker({
    config: {
      auth: {
        readWrite: { username: 'admin', password: 'secret' },
        readOnly: { username: 'viewer', password: 'look' },
        readWriteTokens: [],
        readOnlyTokens: [],
        allowPublicRead: false,
      },
    },
  });
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('lets read-only users read every page, and refuses anyone without credentials', async () => {
    await broker.data().environment('test').consumer('Foo').version('1').pact('Bar').verifiedBy('2');
    for (const path of [
      '/',
      '/pacts/provider/Bar/consumer/Foo/latest',
      '/matrix/provider/Bar/consumer/Foo',
      '/environments',
      '/network',
    ]) {
      await request(broker.server).get(path).set('Accept', BROWSER).expect(401);
      const res = await request(broker.server)
        .get(path)
        .set('Accept', BROWSER)
        .set('Authorization', basic('viewer', 'look'))
        .expect(200);
      expect(res.headers['content-type'], path).to.equal('text/html;charset=utf-8');
    }
    await request(broker.server)
      .get('/')
      .set('Accept', BROWSER)
      .set('Authorization', basic('viewer', 'wrong'))
      .expect(401);
  });
});
