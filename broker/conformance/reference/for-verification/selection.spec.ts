// Ported from the Pact Broker's specs of which pacts each selector picks:
// spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb, ..._fallback_spec.rb,
// repository_find_for_currently_deployed_spec.rb and repository_find_for_currently_supported_releases_spec.rb.
// Which consumer versions were picked, and why, is read from the answer (links and URL metadata).
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { forVerificationClient, pactContent, versionsOf, type SelectedPact } from '../support.ts';

describe('reference: which pacts each selector picks', () => {
  const broker = useBroker();
  const client = forVerificationClient(broker);
  const post = (selectors: unknown[], provider = 'Bar') =>
    client.post({ consumerVersionSelectors: selectors }, provider);
  const find = (pacts: SelectedPact[], consumer: string, version: string) =>
    pacts.find((pact) => pact.consumer === consumer && pact.version === version);
  /** Ends a version's deployments (or support): what the Pact Broker's test data calls currently_deployed: false. */
  const undeploy = (number: string) =>
    broker.prisma.deployedVersion.updateMany({ where: { version: { number } }, data: { undeployedAt: new Date() } });
  const endSupport = (number: string) =>
    broker.prisma.releasedVersion.updateMany({ where: { version: { number } }, data: { supportEndedAt: new Date() } });

  describe('with no selectors (the defaults)', () => {
    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest pact for each consumer"
    it("without a main branch version or tag, each consumer's latest pact", async () => {
      await broker
        .data()
        .consumer('Foo', { mainBranch: 'main' })
        .version('foo-latest-prod-version', { tags: ['prod'] })
        .pact('Bar')
        .version('not-latest-dev-version', { tags: ['dev'] })
        .pact('Bar')
        .version('foo-latest-dev-version', { tags: ['dev'] })
        .pact('Bar')
        .consumer('Baz')
        .version('baz-latest-dev-version', { tags: ['dev', 'main'] })
        .pact('Bar');
      const pacts = await client.post({});
      expect(versionsOf(pacts)).to.have.members(['Foo foo-latest-dev-version', 'Baz baz-latest-dev-version']);
      expect(pacts.every((pact) => pact.shortDescription === 'latest')).to.equal(true);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest version from the main branch"
    it('the head of the main branch, rather than a newer version elsewhere', async () => {
      await broker
        .data()
        .consumer('Foo', { mainBranch: 'main' })
        .version('1', { branch: 'main' })
        .pact('Bar')
        .version('2')
        .pact('Bar');
      const pacts = await client.post({});
      expect(versionsOf(pacts)).to.deep.equal(['Foo 1']);
      expect(pacts[0]!.shortDescription).to.equal('latest from main branch');
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest version from the main branch"
    it("the newest version tagged with the main branch's name, when no version is on the branch", async () => {
      await broker
        .data()
        .consumer('Foo', { mainBranch: 'main' })
        .version('1', { tags: ['main'] })
        .pact('Bar')
        .version('2')
        .pact('Bar');
      const pacts = await client.post({});
      expect(versionsOf(pacts)).to.deep.equal(['Foo 1']);
      expect(pacts[0]!.shortDescription).to.equal('latest with tag main');
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest version from the main branch"
    it('the overall latest pact of a consumer without a main branch', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar').version('2').pact('Bar');
      const pacts = await client.post({});
      expect(versionsOf(pacts)).to.deep.equal(['Foo 2']);
      expect(pacts[0]!.shortDescription).to.equal('latest');
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the currently deployed pacts"
    it('the currently deployed versions, not the ones deployed before', async () => {
      await broker
        .data()
        .environment('test')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .deployedTo('test')
        .version('2')
        .pact('Bar')
        .deployedTo('test')
        .version('3')
        .pact('Bar');
      await undeploy('1');
      const pacts = await client.post({});
      expect(find(pacts, 'Foo', '1')).to.equal(undefined);
      expect(find(pacts, 'Foo', '2')!.shortDescription).to.equal('deployed to test');
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the currently deployed pacts"
    it('the released versions still supported, not the ones whose support ended', async () => {
      await broker
        .data()
        .environment('test')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .releasedTo('test')
        .version('2')
        .pact('Bar')
        .releasedTo('test')
        .version('3')
        .pact('Bar');
      await endSupport('1');
      const pacts = await client.post({});
      expect(find(pacts, 'Foo', '1')).to.equal(undefined);
      expect(find(pacts, 'Foo', '2')!.shortDescription).to.equal('released in test');
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest pact for each provider"
    it("each consumer's latest pact, whatever its tags", async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('foo-latest-prod-version', { tags: ['prod'] })
        .pact('Bar')
        .version('foo-latest-dev-version', { tags: ['dev'] })
        .pact('Bar')
        .consumer('Baz')
        .version('baz-latest-dev-version', { tags: ['dev'] })
        .pact('Bar');
      expect(versionsOf(await client.post({}))).to.have.members([
        'Foo foo-latest-dev-version',
        'Baz baz-latest-dev-version',
      ]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "does not set the tag name"
    it('records the latest selector without a tag', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('foo-latest-dev-version', { tags: ['dev'] })
        .pact('Bar');
      const [pact] = await client.post({});
      expect(pact!.selectors).to.deep.equal([{ version: 'foo-latest-dev-version', latest: true }]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns a pact for each consumer"
    it('two consumers with the same content each get their pact', async () => {
      const content = (consumer: string) => ({ ...pactContent(consumer, 'Bar', 'same'), consumer: { name: consumer } });
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar', content('Foo'))
        .consumer('Baz')
        .version('1')
        .pact('Bar', content('Baz'));
      expect(await client.post({})).to.have.length(2);
    });
  });

  // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest pact for each consumer"
  it("latest: true picks each consumer's latest pact with this provider", async () => {
    await broker
      .data()
      .consumer('Foo1')
      .version('1')
      .pact('Bar')
      .version('2')
      .pact('Bar')
      .consumer('Foo2')
      .version('3')
      .pact('Bar')
      .version('4')
      .pact('Bar2');
    const pacts = await post([{ latest: true }]);
    expect(versionsOf(pacts)).to.have.members(['Foo1 2', 'Foo2 3']);
    expect(find(pacts, 'Foo1', '2')!.selectors).to.deep.equal([{ version: '2', latest: true }]);
  });

  // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest pact for each consumer"
  it("latest: true with a consumer picks only that consumer's latest pact", async () => {
    await broker
      .data()
      .consumer('Foo1')
      .version('1')
      .pact('Bar')
      .version('2')
      .pact('Bar')
      .consumer('Foo2')
      .version('2')
      .pact('Bar')
      .pact('Bar2');
    expect(versionsOf(await post([{ latest: true, consumer: 'Foo1' }]))).to.deep.equal(['Foo1 2']);
  });

  // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest pact for each consumer"
  it("a latest tag with a consumer picks that consumer's newest version with the tag", async () => {
    await broker
      .data()
      .consumer('Foo1')
      .version('1', { tags: ['prod'] })
      .pact('Bar')
      .version('2')
      .pact('Bar')
      .consumer('Foo2')
      .version('2', { tags: ['prod'] })
      .pact('Bar')
      .pact('Bar2');
    const pacts = await post([{ tag: 'prod', latest: true, consumer: 'Foo1' }]);
    expect(versionsOf(pacts)).to.deep.equal(['Foo1 1']);
    expect(pacts[0]!.selectors).to.deep.equal([{ version: '1', tag: 'prod', latest: true }]);
  });

  describe('latest tags', () => {
    beforeEach(() =>
      broker
        .data()
        .consumer('Foo')
        .version('foo-latest-prod-version', { tags: ['prod'] })
        .pact('Bar')
        .version('not-latest-dev-version', { tags: ['dev'] })
        .pact('Bar')
        .version('foo-latest-dev-version', { tags: ['dev'] })
        .pact('Bar')
        .consumer('Baz')
        .version('baz-latest-dev-version', { tags: ['dev', 'prod'] })
        .pact('Bar'),
    );

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns the latest pact with the specified tags for each consumer"
    it('pick the newest version with each tag, per consumer, merging a version picked by both', async () => {
      const pacts = await post([
        { tag: 'dev', latest: true },
        { tag: 'prod', latest: true },
      ]);
      expect(versionsOf(pacts)).to.have.members([
        'Foo foo-latest-prod-version',
        'Foo foo-latest-dev-version',
        'Baz baz-latest-dev-version',
      ]);
      expect(find(pacts, 'Baz', 'baz-latest-dev-version')!.selectors).to.deep.equal([
        { version: 'baz-latest-dev-version', tag: 'dev', latest: true },
        { version: 'baz-latest-dev-version', tag: 'prod', latest: true },
      ]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "sets the tags"
    it('record the tag that picked each pact', async () => {
      const pacts = await post([
        { tag: 'dev', latest: true },
        { tag: 'prod', latest: true },
      ]);
      expect(find(pacts, 'Foo', 'foo-latest-prod-version')!.selectors.map((s) => s.tag)).to.deep.equal(['prod']);
    });

    describe('every version with a tag, for one consumer', () => {
      beforeEach(async () => {
        const same = pactContent('Foo', 'Bar', 'republished');
        await broker
          .data()
          .consumer('Foo')
          .version('2', { tags: ['prod'] })
          .pact('Bar')
          .version('3', { tags: ['prod'] })
          .pact('Bar', same)
          .version('4', { tags: ['prod'] })
          .pact('Bar', same);
      });

      // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns all the pacts with that tag for that consumer"
      it("picks all of that consumer's pacts with the tag", async () => {
        const pacts = await post([{ tag: 'prod', consumer: 'Foo' }]);
        expect(pacts).to.have.length(3);
        expect(find(pacts, 'Foo', 'foo-latest-prod-version')!.shortDescription).to.equal('one of Foo prod');
      });

      // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "includes all the selectors when the same pact content is selected multiple times (used to just use the latest, not sure about this)"
      it('keeps a selector for each version sharing one content, named by the newest', async () => {
        const pacts = await post([{ tag: 'prod', consumer: 'Foo' }]);
        expect(find(pacts, 'Foo', '3')).to.equal(undefined);
        expect(find(pacts, 'Foo', '4')!.selectors.map((s) => s.version)).to.deep.equal(['3', '4']);
      });
    });
  });

  describe('every version with a tag', () => {
    beforeEach(() =>
      broker
        .data()
        .consumer('Foo2')
        .version('prod-version-1', { tags: ['prod'] })
        .pact('Bar2')
        .version('not-prod-version', { tags: ['master'] })
        .pact('Bar2')
        .version('prod-version-2', { tags: ['prod'] })
        .pact('Bar2')
        .consumer('Foo3')
        .version('prod-version-3', { tags: ['prod'] })
        .pact('Bar2'),
    );

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns all the versions with the specified tag"
    it('picks every version with the tag', async () => {
      const pacts = await post([{ tag: 'prod' }], 'Bar2');
      expect(versionsOf(pacts)).to.have.members(['Foo2 prod-version-1', 'Foo2 prod-version-2', 'Foo3 prod-version-3']);
      expect(find(pacts, 'Foo2', 'prod-version-1')!.selectors.map((s) => s.tag)).to.deep.equal(['prod']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "dedupes them to ensure that each pact version is only verified once"
    it('verifies a content published by two tagged versions once', async () => {
      const content = (
        await broker.prisma.pactVersion.findFirstOrThrow({
          where: { publications: { some: { consumerVersion: { number: 'prod-version-2' } } } },
        })
      ).content;
      await broker
        .data()
        .consumer('Foo2')
        .version('prod-version-4', { tags: ['prod'] })
        .pact('Bar2', JSON.parse(content));
      const pacts = await post([{ tag: 'prod', consumer: 'Foo2' }], 'Bar2');
      expect(versionsOf(pacts)).to.have.members(['Foo2 prod-version-1', 'Foo2 prod-version-4']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns all the versions with the specified tag and consumer"
    it('with a consumer, picks only that consumer', async () => {
      expect(versionsOf(await post([{ tag: 'prod', consumer: 'Foo2' }], 'Bar2'))).to.have.members([
        'Foo2 prod-version-1',
        'Foo2 prod-version-2',
      ]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "sets the selectors"
    it('records the tag of the selector', async () => {
      const pacts = await post([{ tag: 'prod', consumer: 'Foo2' }], 'Bar2');
      expect(find(pacts, 'Foo2', 'prod-version-1')!.selectors).to.deep.equal([
        { version: 'prod-version-1', tag: 'prod' },
      ]);
    });
  });

  // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_spec.rb: "returns a single selected pact with multiple selectors"
  it('a pact picked by two selectors is listed once, with both', async () => {
    await broker
      .data()
      .consumer('Foo')
      .version('1', { tags: ['dev', 'prod'] })
      .pact('Bar');
    const pacts = await post([{ tag: 'prod' }, { tag: 'dev', latest: true }]);
    expect(pacts).to.have.length(1);
    expect(pacts[0]!.selectors).to.have.length(2);
    expect(pacts[0]!.shortDescription).to.equal('latest with tag dev, one of prod');
  });

  describe('a fallback tag', () => {
    beforeEach(() =>
      broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['master'] })
        .pact('Bar')
        .version('2', { tags: ['feat-x'] })
        .pact('Bar'),
    );

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_fallback_spec.rb: "returns the pact with the main tag"
    it('is not used when a pact exists for the tag', async () => {
      expect(versionsOf(await post([{ tag: 'feat-x', fallbackTag: 'master', latest: true }]))).to.deep.equal(['Foo 2']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_fallback_spec.rb: "does not set the fallback_tag on the selector"
    it('then the pact is described by its own tag', async () => {
      const [pact] = await post([{ tag: 'feat-x', fallbackTag: 'master', latest: true }]);
      expect(pact!.shortDescription).to.equal('latest with tag feat-x');
      expect(pact!.notices[0]!.text).to.not.match(/fallback/);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_fallback_spec.rb: "returns the pact with the fallback tag"
    it('is used when no pact exists for the tag', async () => {
      expect(versionsOf(await post([{ tag: 'no-existy', fallbackTag: 'master', latest: true }]))).to.deep.equal([
        'Foo 1',
      ]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_fallback_spec.rb: "sets the fallback_tag on the selector"
    it('then the pact is described by the fallback tag, saying the tag had none', async () => {
      const [pact] = await post([{ tag: 'no-existy', fallbackTag: 'master', latest: true }]);
      expect(pact!.shortDescription).to.equal('latest with tag master');
      expect(pact!.notices[0]!.text).to.match(
        /tagged 'master', the fallback, as no pact was found for tag 'no-existy'/,
      );
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_fallback_spec.rb: "sets the tag on the selector"
    it('records the fallback tag it resolved to in the metadata', async () => {
      const [pact] = await post([{ tag: 'no-existy', fallbackTag: 'master', latest: true }]);
      expect(pact!.selectors).to.deep.equal([{ version: '1', tag: 'master', latest: true }]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_fallback_spec.rb: "sets the latest flag on the selector"
    it('a fallback is a latest selection', async () => {
      const [pact] = await post([{ tag: 'no-existy', fallbackTag: 'master', latest: true }]);
      expect(pact!.selectors[0]!.latest).to.equal(true);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_fallback_spec.rb: "only returns the pacts for the consumer"
    it('with a consumer, falls back for that consumer only', async () => {
      await broker
        .data()
        .consumer('Foo2')
        .version('3', { tags: ['master'] })
        .pact('Bar');
      const pacts = await post([{ tag: 'no-existy', fallbackTag: 'master', latest: true, consumer: 'Foo' }]);
      expect(versionsOf(pacts)).to.deep.equal(['Foo 1']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_verification_fallback_spec.rb: "returns an empty list"
    it('picks nothing when neither tag has a pact', async () => {
      expect(await post([{ tag: 'no-existy', fallbackTag: 'also-no-existy', latest: true }])).to.deep.equal([]);
    });
  });

  describe('deployed and released versions', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('test')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .deployedTo('test')
        .releasedTo('test')
        .version('2')
        .pact('Bar')
        .deployedTo('test', { applicationInstance: '1' })
        .releasedTo('test')
        .consumer('Waffle')
        .version('3')
        .pact('Bar')
        .version('4')
        .pact('Bar')
        .deployedTo('test', { applicationInstance: '2' })
        .releasedTo('test')
        .environment('prod')
        .consumer('Foo')
        .version('5')
        .pact('Bar')
        .deployedTo('prod')
        .releasedTo('prod');
      await undeploy('1');
      await endSupport('1');
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_currently_deployed_spec.rb: "returns the pacts for the currently deployed versions"
    it('deployed: the versions currently deployed anywhere', async () => {
      const pacts = await post([{ deployed: true }]);
      expect(versionsOf(pacts)).to.deep.equal(['Foo 2', 'Foo 5', 'Waffle 4']);
      expect(find(pacts, 'Foo', '2')!.selectors).to.deep.equal([{ version: '2', environment: 'test' }]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_currently_deployed_spec.rb: "returns the pacts for the currently deployed versions"
    it('deployed to an environment: only the versions deployed there', async () => {
      expect(versionsOf(await post([{ deployed: true, environment: 'test' }]))).to.deep.equal(['Foo 2', 'Waffle 4']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_currently_deployed_spec.rb: "returns the pacts for the currently deployed versions"
    it('deployed to an environment, for a consumer: only its version there', async () => {
      const pacts = await post([{ deployed: true, environment: 'test', consumer: 'Foo' }]);
      expect(versionsOf(pacts)).to.deep.equal(['Foo 2']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_currently_supported_releases_spec.rb: "returns the pacts for the currently supported versions"
    it('released: the versions released and still supported anywhere', async () => {
      const pacts = await post([{ released: true }]);
      expect(versionsOf(pacts)).to.deep.equal(['Foo 2', 'Foo 5', 'Waffle 4']);
      expect(find(pacts, 'Waffle', '4')!.shortDescription).to.equal('released in test');
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_currently_supported_releases_spec.rb: "returns the pacts for the currently supported versions"
    it('released in an environment: only the versions supported there', async () => {
      expect(versionsOf(await post([{ released: true, environment: 'test' }]))).to.deep.equal(['Foo 2', 'Waffle 4']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_for_currently_supported_releases_spec.rb: "returns the pacts for the currently supported versions"
    it('released in an environment, for a consumer: only its version there', async () => {
      expect(versionsOf(await post([{ released: true, environment: 'test', consumer: 'Foo' }]))).to.deep.equal([
        'Foo 2',
      ]);
    });
  });

  // ref: spec/lib/pact_broker/pacts/repository_find_for_currently_deployed_spec.rb: "returns one pact_publication with multiple selectors"
  it('a version deployed to two environments is one pact with a selector for each, by environment name', async () => {
    await broker
      .data()
      .environment('test')
      .environment('prod')
      .consumer('Foo')
      .version('1')
      .pact('Bar')
      .deployedTo('test')
      .deployedTo('prod');
    const pacts = await post([{ deployed: true }]);
    expect(pacts).to.have.length(1);
    expect(pacts[0]!.selectors.map((s) => s.environment)).to.deep.equal(['prod', 'test']);
    expect(pacts[0]!.shortDescription).to.equal('deployed to prod, deployed to test');
  });

  // ref: spec/lib/pact_broker/pacts/repository_find_for_currently_supported_releases_spec.rb: "returns one pact_publication with multiple selectors"
  it('a version released to two environments is one pact with a selector for each, by environment name', async () => {
    await broker
      .data()
      .environment('test')
      .environment('prod')
      .consumer('Foo')
      .version('1')
      .pact('Bar')
      .releasedTo('test')
      .releasedTo('prod');
    const pacts = await post([{ released: true }]);
    expect(pacts).to.have.length(1);
    expect(pacts[0]!.selectors.map((s) => s.environment)).to.deep.equal(['prod', 'test']);
  });
});
