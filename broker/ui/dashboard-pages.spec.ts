// The dashboard's newer pages over HTTP (the browser specs drive the same pages in Chromium): the heads
// view with its chips, statuses and pages, and can-i-deploy's problems shown next to its form.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** The rows of a table rendered by the dashboard: class="<cls>" rows' text, tags stripped. */
function rowsOf(html: string, cls: string): { status: string | undefined; text: string }[] {
  const rows = [
    ...html.matchAll(new RegExp(`<tr class="${cls}[^"]*"(?: data-status="([^"]*)")?>([\\s\\S]*?)</tr>`, 'g')),
  ];
  return rows.map((m) => ({
    status: m[1],
    text: m[2]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

describe('broker dashboard: heads, can-i-deploy and matrix pages', () => {
  const broker = useBroker();
  const get = (path: string) => request(broker.server).get(path).set('Accept', BROWSER);

  describe('heads', () => {
    it('shows one row per pact that heads a branch, tag or environment, with a chip for each', async () => {
      await broker
        .data()
        .environment('production')
        .provider('Api')
        .consumer('Web')
        .version('1', { branch: 'main', tags: ['prod'] })
        .pact('Api')
        .verifiedBy('9')
        .deployedTo('production')
        .version('2', { branch: 'main' })
        .pact('Api')
        .version('3', { branch: 'feat-x' })
        .pact('Api')
        .verifiedBy('9', { success: false, pending: true });
      const rows = rowsOf((await get('/heads').expect(200)).text, 'head');
      expect(rows.map((row) => row.text.split(' ').slice(0, 2).join(' '))).to.deep.equal(['Web 3', 'Web 2', 'Web 1']);
      const [three, two, one] = rows;
      expect(three!.text).to.include('latest').and.include('feat-x').and.include('failed (pending)');
      expect(three!.status).to.equal('failed-pending');
      // version 2 is main's head and unverified, but main's earlier pact passed: its pact changed.
      expect(two!.text).to.include('main');
      expect(two!.status).to.equal('changed');
      expect(one!.text).to.include('prod').and.include('production').and.not.include('main');
      expect(one!.status).to.equal('verified');
    });

    it('pages the heads (size and page), with links to the next and previous page', async () => {
      const data = broker.data().provider('Api');
      for (const name of ['A', 'B', 'C', 'D', 'E']) data.consumer(name).version('1').pact('Api');
      await data;
      const first = (await get('/heads?size=2').expect(200)).text;
      expect(rowsOf(first, 'head').map((row) => row.text.split(' ')[0])).to.deep.equal(['A', 'B']);
      expect(first).to.include('Page 1 of 3').and.include('href="/heads?page=2&amp;size=2"');
      const last = (await get('/heads?size=2&page=3').expect(200)).text;
      expect(rowsOf(last, 'head').map((row) => row.text.split(' ')[0])).to.deep.equal(['E']);
      expect(last).to.include('href="/heads?page=2&amp;size=2"').and.not.include('rel="next"');
      const filtered = (await get('/heads?q=d').expect(200)).text;
      expect(rowsOf(filtered, 'head').map((row) => row.text.split(' ')[0])).to.deep.equal(['D']);
    });

    it('answers a bad page size with a 400 page, not a 500', async () => {
      const html = (await get('/heads?size=abc').expect(400)).text;
      expect(html).to.include('must be an integer');
    });
  });

  describe('can-i-deploy', () => {
    it('shows the form with the pacticipants and environments to choose from', async () => {
      await broker.data().environment('production').consumer('Web').version('1').pact('Api');
      const html = (await get('/can-i-deploy').expect(200)).text;
      expect(html).to.include('<option>Web</option>').and.include('<option value="production"');
      expect(html).not.to.include('id="answer"');
    });

    it('names an unknown pacticipant or environment next to the form instead of answering', async () => {
      await broker.data().environment('production').consumer('Web').version('1').pact('Api');
      const html = (await get('/can-i-deploy?pacticipant=Nope&version=1&environment=staging').expect(200)).text;
      expect(html).to.include('id="errors"').and.include('Nope').and.include('staging');
      expect(html).not.to.include('id="answer"');
    });

    it('still answers JSON to the CLI on the same URL', async () => {
      await broker.data().environment('production').consumer('Web').version('1').pact('Api');
      const json = await request(broker.server)
        .get('/can-i-deploy?pacticipant=Web&version=1&environment=production')
        .set('Accept', 'application/hal+json')
        .expect(200);
      expect(json.body.summary).to.have.property('deployable');
    });
  });

  describe('matrix query form', () => {
    const form = (rows: Record<string, string>[], extra: Record<string, string> = {}) => {
      // As a browser submits the form: every field of every row, blanks included.
      const fields = ['pacticipant', 'version', 'branch', 'tag'];
      const pairs = [...rows, {}, {}]
        .slice(0, 3)
        .flatMap((row) => [
          ...fields.map((name) => `q[][${name}]=${encodeURIComponent(row[name] ?? '')}`),
          ...(row.latest ? ['q[][latest]=true'] : []),
        ]);
      for (const [key, value] of Object.entries(extra)) pairs.push(`${key}=${encodeURIComponent(value)}`);
      return `/matrix?${pairs.join('&')}`;
    };

    beforeEach(async () => {
      await broker
        .data()
        .environment('production')
        .provider('Api')
        .version('9', { branch: 'main' })
        .deployedTo('production')
        .consumer('Web')
        .version('1', { branch: 'main' })
        .pact('Api')
        .verifiedBy('9')
        .verifiedBy('10', { success: false })
        .version('2', { branch: 'feat' })
        .pact('Api');
    });

    it('shows the rows between the selected versions, as the API answers the same query', async () => {
      const path = form([{ pacticipant: 'Web', version: '1' }, { pacticipant: 'Api' }]);
      const rows = rowsOf((await get(path).expect(200)).text, 'matrix-row');
      expect(rows.map((row) => [row.status, row.text.includes(' 9 ') ? 9 : 10])).to.deep.equal([
        ['failed', 10],
        ['verified', 9],
      ]);
      const api = await request(broker.server)
        .get('/matrix?q[][pacticipant]=Web&q[][version]=1&q[][pacticipant]=Api')
        .set('Accept', 'application/hal+json')
        .expect(200);
      expect(api.body.matrix).to.have.length(rows.length);
    });

    it('applies latestby, the environment and the limit', async () => {
      const latest = rowsOf(
        (await get(form([{ pacticipant: 'Web', version: '1' }], { latestby: 'cvp' })).expect(200)).text,
        'matrix-row',
      );
      expect(latest.map((row) => row.status)).to.deep.equal(['failed']);
      const toProduction = (
        await get(
          form([{ pacticipant: 'Web', latest: 'true', branch: 'main' }], {
            latestby: 'cvpv',
            environment: 'production',
          }),
        ).expect(200)
      ).text;
      expect(rowsOf(toProduction, 'matrix-row').map((row) => row.status)).to.deep.equal(['verified']);
      expect(toProduction).to.include('id="answer-word">yes<');
      const limited = rowsOf(
        (await get(form([{ pacticipant: 'Web' }], { limit: '1' })).expect(200)).text,
        'matrix-row',
      );
      expect(limited).to.have.length(1);
    });

    it('shows the problems of a bad query next to the form', async () => {
      const html = (await get(form([{ pacticipant: 'Web', version: '1', latest: 'true' }], { limit: '0' })).expect(200))
        .text;
      expect(html).to.include('id="errors"').and.include('cannot both be specified').and.include('limit must be');
      expect(rowsOf(html, 'matrix-row')).to.have.length(0);
    });

    it('shows just the form when nothing is selected', async () => {
      const html = (await get('/matrix').expect(200)).text;
      expect(html).to.include('id="matrix-form"').and.not.include('id="answer"').and.not.include('id="errors"');
    });
  });
});
