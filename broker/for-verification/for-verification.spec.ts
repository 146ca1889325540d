import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

interface VerifiablePactBody {
  shortDescription: string;
  verificationProperties: { pending?: boolean; wip?: boolean; notices: { when: string; text: string }[] };
  _links: { self: { href: string; name: string } };
}

describe('broker: pacts for verification', () => {
  const broker = useBroker();

  async function forVerification(body: Record<string, unknown>, provider = 'Bar'): Promise<VerifiablePactBody[]> {
    const res = await request(broker.server)
      .post(`/pacts/provider/${provider}/for-verification`)
      .send(body)
      .expect(200);
    return res.body._embedded.pacts;
  }

  /** The consumer version named in each pact's link, e.g. "Foo (2)". */
  const names = (pacts: VerifiablePactBody[]) =>
    pacts.map((pact) => /Pact between (.+) \((.+)\) and/.exec(pact._links.self.name)!.slice(1).join(' '));

  it("GET with no body uses the default selectors: each consumer's main branch (else its latest), plus deployed and released versions", async () => {
    await broker
      .data()
      .environment('prod')
      .consumer('Foo', { mainBranch: 'main' })
      .version('1', { branch: 'main' })
      .pact('Bar')
      .deployedTo('prod')
      .version('2', { branch: 'main' })
      .pact('Bar')
      .version('3', { branch: 'feature' })
      .pact('Bar')
      .consumer('Baz')
      .version('9')
      .pact('Bar');
    const res = await request(broker.server).get('/pacts/provider/Bar/for-verification').expect(200);
    const pacts: VerifiablePactBody[] = res.body._embedded.pacts;
    expect(names(pacts)).to.have.members(['Foo 1', 'Foo 2', 'Baz 9']);
    expect(pacts.map((p) => p.shortDescription)).to.have.members([
      'deployed to prod',
      'latest from main branch',
      'latest',
    ]);
    expect(res.body._links.self.href).to.equal(`${broker.url}/pacts/provider/Bar/for-verification`);
  });

  it('selects by main branch, branch with fallback, matching branch, tag (latest or all), consumer and latest', async () => {
    await broker
      .data()
      .consumer('Foo', { mainBranch: 'main' })
      .version('1', { branch: 'main', tags: ['prod'] })
      .pact('Bar')
      .version('2', { branch: 'main', tags: ['prod'] })
      .pact('Bar')
      .version('3', { branch: 'feat-x' })
      .pact('Bar')
      .consumer('Baz', { mainBranch: 'trunk' })
      .version('7', { branch: 'trunk' })
      .pact('Bar');

    expect(names(await forVerification({ consumerVersionSelectors: [{ mainBranch: true }] }))).to.have.members([
      'Foo 2',
      'Baz 7',
    ]);
    expect(
      names(await forVerification({ consumerVersionSelectors: [{ branch: 'feat-x', fallbackBranch: 'main' }] })),
    ).to.have.members(['Foo 3', 'Baz 7'].slice(0, 1));
    expect(
      names(await forVerification({ consumerVersionSelectors: [{ branch: 'feat-y', fallbackBranch: 'main' }] })),
    ).to.deep.equal(['Foo 2']);
    expect(
      names(
        await forVerification({
          providerVersionBranch: 'feat-x',
          consumerVersionSelectors: [{ matchingBranch: true }],
        }),
      ),
    ).to.deep.equal(['Foo 3']);
    expect(names(await forVerification({ consumerVersionSelectors: [{ tag: 'prod', latest: true }] }))).to.deep.equal([
      'Foo 2',
    ]);
    expect(names(await forVerification({ consumerVersionSelectors: [{ tag: 'prod' }] }))).to.have.members([
      'Foo 1',
      'Foo 2',
    ]);
    expect(
      names(await forVerification({ consumerVersionSelectors: [{ tag: 'uat', latest: true, fallbackTag: 'prod' }] })),
    ).to.deep.equal(['Foo 2']);
    expect(
      names(await forVerification({ consumerVersionSelectors: [{ latest: true, consumer: 'Foo' }] })),
    ).to.deep.equal(['Foo 3']);
    expect(
      names(await forVerification({ consumerVersionSelectors: [{ branch: true, latest: true }] })),
    ).to.have.members(['Foo 2', 'Foo 3', 'Baz 7']);
  });

  it('verifies a pact picked by several selectors once, naming every reason', async () => {
    await broker
      .data()
      .consumer('Foo', { mainBranch: 'main' })
      .version('1', { branch: 'main', tags: ['prod'] })
      .pact('Bar');
    const pacts = await forVerification({
      consumerVersionSelectors: [{ mainBranch: true }, { tag: 'prod', latest: true }],
    });
    expect(pacts).to.have.length(1);
    expect(pacts[0]!.shortDescription).to.equal('latest from main branch, latest with tag prod');
    const reason = pacts[0]!.verificationProperties.notices[0]!.text;
    expect(reason).to.match(/on its main branch 'main' \(1\)/);
    expect(reason).to.match(/tagged 'prod' \(1\)/);
  });

  it('when two consumer versions share content, the pact is verified once', async () => {
    const content = {
      consumer: { name: 'Foo' },
      provider: { name: 'Bar' },
      interactions: [{ description: 'x', request: { method: 'GET', path: '/' }, response: { status: 200 } }],
    };
    await broker
      .data()
      .environment('prod')
      .consumer('Foo')
      .version('1')
      .pact('Bar', content)
      .deployedTo('prod')
      .version('2', { branch: 'main' })
      .pact('Bar', content);
    const pacts = await forVerification({ consumerVersionSelectors: [{ deployed: true }, { branch: 'main' }] });
    expect(pacts).to.have.length(1);
    expect(names(pacts)).to.deep.equal(['Foo 2']);
  });

  it('selects deployed and released versions, per environment', async () => {
    await broker
      .data()
      .environment('test')
      .environment('prod')
      .consumer('Foo')
      .version('1')
      .pact('Bar')
      .deployedTo('prod', { applicationInstance: 'blue' })
      .version('2')
      .pact('Bar')
      .deployedTo('test')
      .version('3')
      .pact('Bar')
      .releasedTo('prod')
      .version('4')
      .pact('Bar');
    expect(names(await forVerification({ consumerVersionSelectors: [{ deployed: true }] }))).to.have.members([
      'Foo 1',
      'Foo 2',
    ]);
    expect(
      names(await forVerification({ consumerVersionSelectors: [{ deployed: true, environment: 'prod' }] })),
    ).to.deep.equal(['Foo 1']);
    expect(names(await forVerification({ consumerVersionSelectors: [{ released: true }] }))).to.deep.equal(['Foo 3']);
    expect(
      names(await forVerification({ consumerVersionSelectors: [{ deployedOrReleased: true, environment: 'prod' }] })),
    ).to.have.members(['Foo 1', 'Foo 3']);
    const [deployed] = await forVerification({ consumerVersionSelectors: [{ deployed: true, environment: 'prod' }] });
    expect(deployed!.shortDescription).to.equal('deployed to prod');
    expect(deployed!.verificationProperties.notices[0]!.text).to.match(/deployed to prod \(instance blue\) \(1\)/);
  });

  describe('pending status', () => {
    it('is only given when asked for', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar');
      const [pact] = await forVerification({ consumerVersionSelectors: [{ latest: true }] });
      expect(pact!.verificationProperties).to.not.have.property('pending');
    });

    it('a pact is pending for a provider branch until a version on that branch verifies it successfully', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('100', { branch: 'main', success: false });
      const query = {
        consumerVersionSelectors: [{ latest: true }],
        providerVersionBranch: 'main',
        includePendingStatus: true,
      };
      const [before] = await forVerification(query);
      expect(before!.verificationProperties.pending).to.equal(true);
      expect(before!.verificationProperties.notices.map((n) => n.when)).to.include(
        'after_verification:success_true_published_true',
      );
      await broker.data().provider('Bar').version('101', { branch: 'main' });
      const { sha } = await broker.prisma.pactVersion.findFirstOrThrow();
      await request(broker.server)
        .post(`/pacts/provider/Bar/consumer/Foo/pact-version/${sha}/verification-results`)
        .send({ success: true, providerApplicationVersion: '101' })
        .expect(201);
      const [after] = await forVerification(query);
      expect(after!.verificationProperties.pending).to.equal(false);
    });

    it('a new branch inherits what other branches verified before it was created, not after', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('100', { branch: 'main' });
      await broker.data().provider('Bar').version('200', { branch: 'feature' });
      const feature = {
        consumerVersionSelectors: [{ latest: true }],
        providerVersionBranch: 'feature',
        includePendingStatus: true,
      };
      expect((await forVerification(feature))[0]!.verificationProperties.pending).to.equal(false);

      await broker.data().consumer('Foo').version('2').pact('Bar').verifiedBy('101', { branch: 'main' });
      expect((await forVerification(feature))[0]!.verificationProperties.pending).to.equal(true);
      const brandNew = { ...feature, providerVersionBranch: 'never-seen' };
      expect((await forVerification(brandNew))[0]!.verificationProperties.pending).to.equal(false);
    });

    it('without a branch, tags decide; without either, any successful verification does', async () => {
      await broker
        .data()
        .provider('Bar')
        .version('99', { tags: ['dev'] });
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('100', { tags: ['prod'] });
      const byTag = (tags: string[]) =>
        forVerification({
          consumerVersionSelectors: [{ latest: true }],
          providerVersionTags: tags,
          includePendingStatus: true,
        });
      expect((await byTag(['prod']))[0]!.verificationProperties.pending).to.equal(false);
      expect(
        (await byTag(['dev']))[0]!.verificationProperties.pending,
        'dev was in use before prod verified it',
      ).to.equal(true);
      expect((await byTag(['brand-new']))[0]!.verificationProperties.pending, 'a new tag inherits').to.equal(false);
      expect(
        (await forVerification({ consumerVersionSelectors: [{ latest: true }], includePendingStatus: true }))[0]!
          .verificationProperties.pending,
      ).to.equal(false);
    });
  });

  describe('work in progress pacts', () => {
    it('adds unverified branch heads published since the date, as pending WIP pacts, but not the ones already selected', async () => {
      await broker
        .data()
        .consumer('Foo', { mainBranch: 'main' })
        .version('1', { branch: 'main' })
        .pact('Bar')
        .verifiedBy('100', { branch: 'main' })
        .version('2', { branch: 'feat-a' })
        .pact('Bar')
        .version('3', { branch: 'feat-b' })
        .pact('Bar')
        .verifiedBy('101', { branch: 'main' });
      const pacts = await forVerification({
        consumerVersionSelectors: [{ mainBranch: true }],
        providerVersionBranch: 'main',
        includePendingStatus: true,
        includeWipPactsSince: '2020-01-01',
      });
      expect(names(pacts)).to.deep.equal(['Foo 1', 'Foo 2']);
      expect(pacts[1]!.verificationProperties).to.include({ wip: true, pending: true });
      expect(pacts[1]!.shortDescription).to.equal('latest from branch feat-a');
      expect(pacts[1]!.verificationProperties.notices[0]!.text).to.match(/work in progress/);
      expect(pacts[0]!.verificationProperties).to.not.have.property('wip');

      const later = await forVerification({
        consumerVersionSelectors: [{ mainBranch: true }],
        providerVersionBranch: 'main',
        includeWipPactsSince: '2999-01-01',
      });
      expect(names(later)).to.deep.equal(['Foo 1']);
    });

    it("a verification published to a WIP pact's URL is recorded as WIP and does not end its WIP status", async () => {
      await broker.data().consumer('Foo').version('2', { branch: 'feat-a' }).pact('Bar');
      const wipRequest = {
        consumerVersionSelectors: [{ mainBranch: true }],
        providerVersionBranch: 'main',
        includeWipPactsSince: '2020-01-01',
      };
      const [wip] = await forVerification(wipRequest);
      const pact = (await request(broker.server).get(new URL(wip!._links.self.href).pathname).expect(200)).body;
      const publishUrl = new URL(pact._links['pb:publish-verification-results'].href).pathname;
      expect(publishUrl).to.match(/\/metadata\/[^/]+\/verification-results$/);
      await request(broker.server)
        .post(publishUrl)
        .send({ success: true, providerApplicationVersion: '100' })
        .expect(201);
      expect(await broker.prisma.verification.findFirstOrThrow()).to.include({ wip: true });
      expect(names(await forVerification(wipRequest))).to.deep.equal(['Foo 2']);
    });
  });

  describe('bad requests', () => {
    it('an unknown provider is 404', async () => {
      await request(broker.server).post('/pacts/provider/Nobody/for-verification').send({}).expect(404);
    });

    it('selectors that select nothing, or combine kinds, are 400 naming the selector', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar');
      const res = await request(broker.server)
        .post('/pacts/provider/Bar/for-verification')
        .send({ consumerVersionSelectors: [{ latest: true }, { consumer: 'Foo' }, { mainBranch: true, tag: 'x' }] })
        .expect(400);
      expect(Object.keys(res.body.errors)).to.deep.equal(['consumerVersionSelectors']);
      const messages: string[] = res.body.errors.consumerVersionSelectors;
      expect(messages.some((message) => message.endsWith('(at index 1)'))).to.equal(true);
      expect(messages.some((message) => message.endsWith('(at index 2)'))).to.equal(true);
      expect(messages.some((message) => message.endsWith('(at index 0)'))).to.equal(false);
      const noBranch = await request(broker.server)
        .post('/pacts/provider/Bar/for-verification')
        .send({ consumerVersionSelectors: [{ matchingBranch: true }] })
        .expect(400);
      expect(noBranch.body.errors.consumerVersionSelectors[0]).to.match(/providerVersionBranch.*\(at index 0\)$/);
      await request(broker.server)
        .post('/pacts/provider/Bar/for-verification')
        .send({ includeWipPactsSince: 'last tuesday' })
        .expect(400);
    });
  });
});
