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

  describe('index colours', () => {
    it('shows "failed (pending)" and "changed" as the badges do', async () => {
      await broker
        .data()
        .provider('Api')
        .consumer('Web')
        .version('1')
        .pact('Api')
        .verifiedBy('9')
        .version('2')
        .pact('Api')
        .consumer('Mobile')
        .version('1')
        .pact('Api')
        .verifiedBy('9', { success: false, pending: true })
        .consumer('Desk')
        .version('1')
        .pact('Api')
        .verifiedBy('9', { success: false });
      const html = (await get('/').expect(200)).text;
      const label = (name: string) =>
        rowsOf(html, 'integration')
          .find((row) => row.text.startsWith(`${name} `))!
          .text.match(/(verified|failed \(pending\)|failed|changed|unverified)/)![1];
      expect([label('Web'), label('Mobile'), label('Desk')]).to.deep.equal(['changed', 'failed (pending)', 'failed']);
      expect(html).to.include('class="status changed"').and.include('class="status failed-pending"');
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

  describe('pacticipant', () => {
    it('shows its versions with chips, branches, environments, partners and network', async () => {
      await broker
        .data()
        .environment('production')
        .provider('Api', { mainBranch: 'main' })
        .version('9', { branch: 'main' })
        .deployedTo('production')
        .consumer('Web')
        .version('1', { branch: 'main', tags: ['v1'] })
        .pact('Api')
        .verifiedBy('9')
        .consumer('Mobile')
        .version('5')
        .pact('Api')
        .verifiedBy('9', { success: false });
      const html = (await get('/pacticipants/Api').expect(200)).text;
      const versions = rowsOf(html, 'version');
      expect(versions).to.have.length(1);
      expect(versions[0]!.text).to.match(/^9 main production .* can I deploy\? · delete…$/);
      const partners = rowsOf(html, 'partner').map((row) => row.text.split(' ').slice(0, 3).join(' '));
      expect(partners).to.have.members(['Mobile consumer failed', 'Web consumer verified']);
      expect(html).to.include('id="branches"').and.include('main (main)');
      expect(html).to.include('<svg id="network"');
      expect(html).to.include('href="/can-i-deploy?pacticipant=Api&amp;version=9&amp;environment=production"');
      // JSON clients keep the API's resource on the same URL.
      const json = await request(broker.server)
        .get('/pacticipants/Api')
        .set('Accept', 'application/hal+json')
        .expect(200);
      expect(json.body.name).to.equal('Api');
    });

    it('pages the versions, newest first', async () => {
      const data = broker.data().consumer('Web');
      for (let n = 1; n <= 5; n++) data.version(String(n));
      await data;
      const first = (await get('/pacticipants/Web?size=2').expect(200)).text;
      expect(rowsOf(first, 'version').map((row) => row.text.split(' ')[0])).to.deep.equal(['5', '4']);
      const third = (await get('/pacticipants/Web?size=2&page=3').expect(200)).text;
      expect(rowsOf(third, 'version').map((row) => row.text.split(' ')[0])).to.deep.equal(['1']);
      expect(third).to.include('Page 3 of 3');
    });

    it('answers an unknown pacticipant with a 404 page', async () => {
      expect((await get('/pacticipants/Nobody').expect(404)).text).to.include('Nobody');
    });
  });

  describe('webhook status and logs', () => {
    /** A webhook for Web -> Api and one for any consumer, each triggered once with attempts and their logs. */
    async function build() {
      await broker
        .data()
        .consumer('Web')
        .version('1')
        .pact('Api')
        .webhook('aaaaaaaa-0000-4000-8000-000000000001', { consumer: 'Web', provider: 'Api' })
        .webhook('aaaaaaaa-0000-4000-8000-000000000002', { provider: 'Api' })
        .consumer('Other')
        .version('1')
        .pact('Elsewhere')
        .webhook('aaaaaaaa-0000-4000-8000-000000000003', { provider: 'Elsewhere' });
      const [web, api] = await Promise.all(
        ['Web', 'Api'].map((name) => broker.prisma.pacticipant.findUniqueOrThrow({ where: { name } })),
      );
      const outcomes = [
        {
          webhook: 'aaaaaaaa-0000-4000-8000-000000000001',
          status: 'success',
          attempts: [[true, 200, 'HTTP/1.1 200 OK']],
        },
        {
          webhook: 'aaaaaaaa-0000-4000-8000-000000000002',
          status: 'failure',
          attempts: [
            [false, 500, 'first try: HTTP/1.1 500'],
            [false, 502, '<script>alert(1)</script> second try: HTTP/1.1 502'],
          ],
        },
      ] as const;
      const uuids: string[] = [];
      for (const [index, outcome] of outcomes.entries()) {
        const webhook = await broker.prisma.webhook.findUniqueOrThrow({ where: { uuid: outcome.webhook } });
        const uuid = `bbbbbbbb-0000-4000-8000-00000000000${index}`;
        uuids.push(uuid);
        await broker.prisma.triggeredWebhook.create({
          data: {
            uuid,
            webhookId: webhook.id,
            webhookUuid: webhook.uuid,
            eventName: 'contract_content_changed',
            consumerId: web!.id,
            providerId: api!.id,
            parameters: {},
            status: outcome.status,
            attempts: outcome.attempts.length,
            executions: {
              create: outcome.attempts.map(([success, status, logs]) => ({ success, status, logs })),
            },
          },
        });
      }
      return uuids;
    }

    it("lists the integration's webhooks and the outcome and log of each one's last execution", async () => {
      await build();
      const html = (await get('/webhooks/provider/Api/consumer/Web').expect(200)).text;
      expect(rowsOf(html, 'webhook').map((row) => row.text.split(' → ')[0]!.split(' ').slice(-1)[0])).to.deep.equal([
        'Web',
        'consumer',
      ]);
      const sections = [
        ...html.matchAll(/<section class="card triggered" data-status="([^"]+)">([\s\S]*?)<\/section>/g),
      ];
      expect(sections.map((m) => m[1])).to.deep.equal(['failure', 'success']);
      expect(sections[0]![2]).to.include('2 attempts').and.include('second try').and.not.include('first try');
      expect(sections[0]![2]).to.include('&lt;script&gt;').and.not.include('<script>');
      expect(sections[1]![2]).to.include('HTTP/1.1 200 OK');
    });

    it("shows every attempt of a triggered webhook with its log; the API's JSON stays on the same URL", async () => {
      const [, failed] = await build();
      const html = (await get(`/triggered-webhooks/${failed}`).expect(200)).text;
      const attempts = [
        ...html.matchAll(/<section class="card execution" data-success="(\w+)">([\s\S]*?)<\/section>/g),
      ];
      expect(attempts.map((m) => m[1])).to.deep.equal(['false', 'false']);
      expect(attempts[0]![2]).to.include('first try').and.include('HTTP 500');
      const json = await request(broker.server)
        .get(`/triggered-webhooks/${failed}`)
        .set('Accept', 'application/hal+json')
        .expect(200);
      expect(json.body.status).to.equal('failure');
    });

    it('answers an unknown integration or triggered webhook with a 404 page', async () => {
      await build();
      await get('/webhooks/provider/Api/consumer/Nobody').expect(404);
      await get('/triggered-webhooks/cccccccc-0000-4000-8000-000000000000').expect(404);
    });
  });
});

describe('broker dashboard: delete actions and write access', () => {
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
  const [ADMIN, VIEWER] = [basic('admin', 'secret'), basic('viewer', 'look')];
  const get = (path: string, auth: string) =>
    request(broker.server).get(path).set('Accept', BROWSER).set('Authorization', auth);
  const post = (path: string, auth: string, origin?: string) => {
    const req = request(broker.server).post(path).set('Accept', BROWSER).set('Authorization', auth);
    return origin === undefined ? req : req.set('Origin', origin);
  };
  const ownOrigin = () => new URL(broker.url).origin;

  beforeEach(async () => {
    await broker.data().consumer('Web').version('1').pact('Api').version('2').pact('Api');
  });

  it('shows delete links to users who may write, and hides them from read-only users', async () => {
    for (const path of ['/', '/pacticipants/Web']) {
      expect((await get(path, ADMIN).expect(200)).text, path).to.include('class="delete"');
      expect((await get(path, VIEWER).expect(200)).text, path).not.to.include('class="delete"');
    }
  });

  it('asks to confirm, then deletes a version and goes back to the pacticipant page', async () => {
    const confirm = (await get('/ui/delete/version/Web/1', ADMIN).expect(200)).text;
    expect(confirm).to.include('Delete version 1 of Web?').and.include('action="/ui/delete/version/Web/1"');
    expect((await get('/pacticipants/Web', ADMIN)).text).to.include('<strong>1</strong>'); // nothing gone yet
    const done = await post('/ui/delete/version/Web/1', ADMIN, ownOrigin()).expect(303);
    expect(done.headers.location).to.equal('/pacticipants/Web');
    const versions = await request(broker.server).get('/pacticipants/Web/versions').set('Authorization', ADMIN);
    expect(versions.body._embedded.versions.map((v: { number: string }) => v.number)).to.deep.equal(['2']);
  });

  it('deletes an integration and a pacticipant', async () => {
    await post('/ui/delete/integration/Api/Web', ADMIN, ownOrigin()).expect(303);
    await request(broker.server).get('/pacts/provider/Api/consumer/Web/latest').set('Authorization', ADMIN).expect(404);
    await post('/ui/delete/pacticipant/Web', ADMIN, ownOrigin()).expect(303);
    await request(broker.server).get('/pacticipants/Web').set('Authorization', ADMIN).expect(404);
  });

  it('refuses read-only users (403), anonymous users (401) and posts from another site (403), deleting nothing', async () => {
    await get('/ui/delete/version/Web/1', VIEWER).expect(403);
    await post('/ui/delete/version/Web/1', VIEWER, ownOrigin()).expect(403);
    await request(broker.server).post('/ui/delete/version/Web/1').set('Origin', ownOrigin()).expect(401);
    await post('/ui/delete/version/Web/1', ADMIN, 'https://evil.example').expect(403);
    await post('/ui/delete/version/Web/1', ADMIN).expect(403);
    await request(broker.server).get('/pacticipants/Web/versions/1').set('Authorization', ADMIN).expect(200);
  });

  it('answers deleting something unknown with a 404 page', async () => {
    await get('/ui/delete/version/Web/9', ADMIN).expect(404);
    await post('/ui/delete/pacticipant/Nobody', ADMIN, ownOrigin()).expect(404);
  });
});
