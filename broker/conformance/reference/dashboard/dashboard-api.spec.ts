// Ported from the Pact Broker's spec/features/get_dashboard_spec.rb, spec/lib/pact_broker/api/resources/
// dashboard_spec.rb, api/decorators/dashboard_decorator_spec.rb (its fixture's shape, with real data rather
// than doubles) and index/service_spec.rb ("find_index_items_for_api").
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

interface Item {
  consumer: { name: string; version: { number: string; branch: string | null; headBranchNames: string[] } };
  provider: { name: string; version: { number: string; branch: string | null; headBranchNames: string[] } | null };
  pactTags: { name: string; latest: boolean; _links: { self: { href: string } } }[];
  latestVerificationResult: { success: boolean; verifiedAt: string; _links: { self: { href: string } } } | null;
  latestVerificationResultTags: { name: string; _links: { self: { href: string } } }[];
  verificationStatus: string;
  webhookStatus: string;
  latestWebhookExecution: { triggeredAt: string } | null;
}

describe('reference: the API dashboard (features/get_dashboard_spec.rb, api/resources/dashboard_spec.rb)', () => {
  const broker = useBroker();
  const get = (path = '/dashboard') => request(broker.server).get(path);

  describe('with a verified pact', () => {
    beforeEach(() =>
      broker
        .data()
        .consumer('Foo')
        .provider('Bar')
        .consumer('Foo')
        .version('1.2.3', { branch: 'main' })
        .tag('prod')
        .pact('Bar')
        .verifiedBy('4.5.6', { tags: ['dev'], branch: 'main' })
        .webhook('5a1d0c1b-0000-4000-8000-000000000003', { consumer: 'Foo' }),
    );

    // ref: spec/features/get_dashboard_spec.rb: "returns a 200 HAL JSON response"
    it('answers 200 HAL JSON', async () => {
      const res = await get().expect(200);
      expect(res.headers['content-type']).to.match(/^application\/hal\+json/);
    });

    // ref: spec/features/get_dashboard_spec.rb: "returns a list of items"
    it('answers a list of items', async () => {
      expect((await get().expect(200)).body.items)
        .to.be.an('array')
        .with.length(1);
    });

    // ref: spec/features/get_dashboard_spec.rb: "with Accept: text/plain"
    it('with Accept: text/plain, answers a text table', async () => {
      const res = await get().set('Accept', 'text/plain').expect(200);
      expect(res.headers['content-type']).to.equal('text/plain;charset=utf-8');
      const [header, , row] = res.text.split('\n');
      expect(header).to.match(
        /^CONSUMER_NAME \| C_VERSION \| C_TAGS \| PROVIDER_NAME \| P_VERSION \| P_TAGS \| SUCCESS$/,
      );
      expect(row!.split('|').map((cell) => cell.trim())).to.deep.equal([
        'Foo',
        '1.2.3',
        'prod',
        'Bar',
        '4.5.6',
        'dev',
        'success',
      ]);
    });

    // ref: spec/lib/pact_broker/api/decorators/dashboard_decorator_spec.rb: "creates some json"
    it('describes each item as the Pact Broker does: versions, branches, tags, verification, webhooks, links', async () => {
      const [item] = (await get().expect(200)).body.items;
      const base = broker.url;
      expect(item).to.deep.equal({
        consumer: {
          name: 'Foo',
          version: {
            number: '1.2.3',
            branch: 'main',
            headBranchNames: ['main'],
            _links: { self: { href: `${base}/pacticipants/Foo/versions/1.2.3` } },
          },
          _links: { self: { href: `${base}/pacticipants/Foo` } },
        },
        provider: {
          name: 'Bar',
          version: { number: '4.5.6', branch: 'main', headBranchNames: ['main'] },
          _links: { self: { href: `${base}/pacticipants/Bar` } },
        },
        pact: {
          createdAt: item.pact.createdAt,
          _links: { self: { href: `${base}/pacts/provider/Bar/consumer/Foo/version/1.2.3` } },
        },
        pactTags: [
          {
            name: 'prod',
            latest: true,
            _links: { self: { href: `${base}/pacticipants/Foo/versions/1.2.3/tags/prod` } },
          },
        ],
        latestVerificationResult: {
          success: true,
          verifiedAt: item.latestVerificationResult.verifiedAt,
          _links: {
            self: { href: `${base}/pacts/provider/Bar/consumer/Foo/version/1.2.3/verification-results/latest` },
          },
        },
        latestVerificationResultTags: [
          {
            name: 'dev',
            latest: true,
            _links: { self: { href: `${base}/pacticipants/Bar/versions/4.5.6/tags/dev` } },
          },
        ],
        verificationStatus: 'success',
        webhookStatus: 'not_run',
        latestWebhookExecution: null,
        _links: {
          'pb:webhook-status': {
            title: 'Status of webhooks for Foo/Bar pact',
            href: `${base}/pacts/provider/Bar/consumer/Foo/webhooks/status`,
          },
        },
      });
      expect(Date.parse(item.pact.createdAt)).to.be.a('number').and.not.NaN;
      // The links lead somewhere.
      await get(new URL(item.latestVerificationResult._links.self.href).pathname).expect(200);
      await get(new URL(item._links['pb:webhook-status'].href).pathname).expect(200);
    });

    it('the integration dashboard of unknown pacticipants answers 404', async () => {
      await get('/dashboard/provider/Nope/consumer/Foo').expect(404);
    });
  });

  describe('with several integrations', () => {
    beforeEach(async () => {
      for (const consumer of ['Foo1', 'Foo2', 'Foo3', 'Foo4'])
        await broker.data().consumer(consumer).version('1').pact('Bar').verifiedBy('2');
    });

    // ref: spec/lib/pact_broker/api/resources/dashboard_spec.rb: "returns a list of items"
    it('answers one item per integration, the most recent activity first', async () => {
      const items: Item[] = (await get().expect(200)).body.items;
      expect(items.map((item) => item.consumer.name)).to.deep.equal(['Foo4', 'Foo3', 'Foo2', 'Foo1']);
    });

    // ref: spec/lib/pact_broker/api/resources/dashboard_spec.rb: "only returns the items for the page"
    it('with page and size, answers only the items of the page', async () => {
      const items: Item[] = (await get('/dashboard?page=2&size=1').expect(200)).body.items;
      expect(items.map((item) => item.consumer.name)).to.deep.equal(['Foo3']);
    });

    // ref: spec/lib/pact_broker/api/resources/dashboard_spec.rb: "includes the parameter validation errors"
    it('with invalid page and size, answers 400 naming both', async () => {
      const res = await get('/dashboard?page=-1&size=-1').expect(400);
      expect(res.body.errors).to.have.keys('page', 'size');
    });

    it('the integration dashboard has only that integration', async () => {
      const items: Item[] = (await get('/dashboard/provider/Bar/consumer/Foo2').expect(200)).body.items;
      expect(items.map((item) => `${item.consumer.name} ${item.provider.name}`)).to.deep.equal(['Foo2 Bar']);
    });
  });

  describe('index items (index/service_spec.rb "find_index_items_for_api")', () => {
    const items = async (): Promise<Item[]> =>
      (await get('/dashboard/provider/Bar/consumer/Foo').expect(200)).body.items;

    // ref: spec/lib/pact_broker/index/service_spec.rb: "returns the latest verification as nil (unlike the pseudo branch code for the server side rendered UI)"
    it('a pact never verified has no verification and no provider version, whatever earlier pacts had', async () => {
      await broker
        .data()
        .consumer('Foo')
        .provider('Bar')
        .consumer('Foo')
        .version('1', { tags: ['feat-x'] })
        .pact('Bar')
        .verifiedBy('1')
        .consumer('Foo')
        .version('2', { tags: ['feat-y'] })
        .pact('Bar')
        .verifiedBy('2')
        .consumer('Foo')
        .version('3', { tags: ['feat-x', 'feat-y'] })
        .pact('Bar')
        .consumer('Foo')
        .version('4')
        .pact('Bar');
      const list = await items();
      const latest = list.find((item) => item.consumer.version.number === '4')!;
      expect(latest.latestVerificationResult).to.equal(null);
      expect(latest.provider.version).to.equal(null);
      expect(latest.verificationStatus).to.equal('never');
      // Version 3 is the latest for both tags: one item with both.
      expect(list.map((item) => item.consumer.version.number).sort()).to.deep.equal(['3', '4']);
      expect(list.find((item) => item.consumer.version.number === '3')!.pactTags.map((tag) => tag.name)).to.deep.equal([
        'feat-x',
        'feat-y',
      ]);
    });

    // ref: spec/lib/pact_broker/index/service_spec.rb: "includes the deployed versions"
    it('includes the pact of a consumer version currently deployed', async () => {
      await broker.data().environment('test');
      await broker.data().consumer('Foo').version('1').pact('Bar').deployedTo('test');
      await broker.data().consumer('Foo').version('2').pact('Bar');
      expect((await items()).map((item) => item.consumer.version.number)).to.deep.equal(['2', '1']);
    });

    it('a failed verification of a pending pact is failed_pending; of a pact no longer pending, failed', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('1', { success: false, pending: true });
      expect((await items())[0]!.verificationStatus).to.equal('failed_pending');
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .existingPact('Bar')
        .verifiedBy('2', { success: false, pending: false });
      expect((await items())[0]!.verificationStatus).to.equal('failed');
    });
  });
});
