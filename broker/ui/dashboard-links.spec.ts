// The dashboard's links all come from the URL builder (urls.ts): paths from the root, kept under the
// base URL's own path when the broker is served below one (BROKER_BASE_URL=https://host/some/path).
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Every href on a page (attribute values as written, entities left as they are). */
const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!);

describe('broker dashboard: links', () => {
  describe('when the base URL has a path', () => {
    const broker = useBroker({ config: { baseUrl: 'http://broker.example/ci/broker' } });

    it("keeps the index's and a pact page's links to the integration under that path", async () => {
      await broker.data().consumer('Foo Web').version('1').pact('Bar').version('2').pact('Bar');
      const index = hrefsOf((await request(broker.server).get('/').set('Accept', BROWSER).expect(200)).text);
      for (const path of [
        '/ci/broker/network?pacticipant=Foo%20Web',
        '/ci/broker/pacts/provider/Bar/consumer/Foo%20Web/latest',
        '/ci/broker/matrix/provider/Bar/consumer/Foo%20Web',
        '/ci/broker/webhooks/provider/Bar/consumer/Foo%20Web',
        '/ci/broker/pacts/provider/Bar/consumer/Foo%20Web/latest/badge',
      ])
        expect(index).to.include(path);
      const pact = hrefsOf(
        (
          await request(broker.server)
            .get('/pacts/provider/Bar/consumer/Foo%20Web/version/2')
            .set('Accept', BROWSER)
            .expect(200)
        ).text,
      );
      expect(pact).to.include('/ci/broker/pacts/provider/Bar/consumer/Foo%20Web/version/2/diff/previous-distinct');
    });
  });

  describe('when the base URL has no path', () => {
    const broker = useBroker();

    it('links from the root', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar');
      const index = hrefsOf((await request(broker.server).get('/').set('Accept', BROWSER).expect(200)).text);
      expect(index).to.include('/matrix/provider/Bar/consumer/Foo');
      expect(index).to.include('/pacts/provider/Bar/consumer/Foo/latest');
    });
  });
});
