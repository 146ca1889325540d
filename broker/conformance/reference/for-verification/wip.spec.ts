// Ported from the Pact Broker's spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb
// and repository_find_wip_pact_versions_for_provider_spec.rb (WIP by provider tags): which branch and
// tag heads are added as work-in-progress pacts. The selectors select nothing, so every pact in the
// answer is a WIP one, as in those specs (which pass no explicitly selected pacts).
import { expect } from 'chai';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { forVerificationClient, pactContent, versionsOf } from '../support.ts';

const YESTERDAY = new Date(Date.now() - 24 * 3600 * 1000).toISOString();

describe('reference: work in progress pacts', () => {
  const broker = useBroker();
  const client = forVerificationClient(broker);
  const nothingSelected = [{ tag: 'no-such-tag', latest: true }];
  const wipFor = (target: { providerVersionBranch?: string; providerVersionTags?: string[] }, since = YESTERDAY) =>
    client.post(
      { consumerVersionSelectors: nothingSelected, includeWipPactsSince: since, includePendingStatus: true, ...target },
      'bar',
    );
  const byBranch = (branch = 'dev') => wipFor({ providerVersionBranch: branch });
  const byTags = (tags: string[]) => wipFor({ providerVersionTags: tags });
  /** Marks a provider version's verifications as WIP ones, or moves them back in time. */
  const verificationsOf = (providerVersion: string) => ({ providerVersion: { number: providerVersion } });
  const markWip = (providerVersion: string) =>
    broker.prisma.verification.updateMany({ where: verificationsOf(providerVersion), data: { wip: true } });
  const daysAgo = (providerVersion: string, days: number) =>
    broker.prisma.verification.updateMany({
      where: verificationsOf(providerVersion),
      data: { createdAt: new Date(Date.now() - days * 24 * 3600 * 1000) },
    });

  describe('for a provider branch', () => {
    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "returns an empty list"
    it('without a provider branch or tags, there are none', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['feat-1'] })
        .pact('bar');
      expect(await wipFor({})).to.deep.equal([]);
    });

    describe('with several WIP pacts', () => {
      beforeEach(() =>
        broker
          .data()
          .provider('bar')
          .version('333', { branch: 'dev' })
          .consumer('foo')
          .version('1', { tags: ['feat-1'] })
          .pact('bar')
          .version('2', { branch: 'branch-1' })
          .pact('bar')
          .consumer('meep')
          .version('2', { tags: ['feat-2'] })
          .pact('bar')
          .consumer('foo')
          .version('3', { tags: ['feat-2'] })
          .pact('bar')
          .consumer('meep')
          .version('1', { tags: ['feat-1'] })
          .pact('bar'),
      );

      // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "sorts them"
      it('lists them by consumer, then by consumer version order', async () => {
        expect(versionsOf(await byBranch())).to.deep.equal(['foo 1', 'foo 2', 'foo 3', 'meep 2', 'meep 1']);
      });

      // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "sets the selectors"
      it('says which branch or tag head each one is', async () => {
        expect((await byBranch()).map((pact) => pact.shortDescription)).to.deep.equal([
          'latest with tag feat-1',
          'latest from branch branch-1',
          'latest with tag feat-2',
          'latest with tag feat-2',
          'latest with tag feat-1',
        ]);
      });
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is not included"
    it('a tag head verified successfully by the provider branch is not WIP', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1')
        .pact('bar')
        .version('2', { tags: ['prod'] })
        .pact('bar')
        .verifiedBy('3', { branch: 'dev' });
      expect(await byBranch()).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "it is included"
    it('a head verified successfully by the branch, but as a WIP pact, is still WIP', async () => {
      await broker
        .data()
        .provider('bar')
        .version('333', { branch: 'dev' })
        .consumer('foo')
        .version('1')
        .pact('bar')
        .version('2', { tags: ['feat-1'] })
        .pact('bar')
        .verifiedBy('3', { branch: 'dev' });
      await markWip('3');
      expect(versionsOf(await byBranch())).to.deep.equal(['foo 2']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "it has two selectors"
    it('a version that heads a branch and a tag is one WIP pact naming both', async () => {
      await broker
        .data()
        .provider('bar')
        .version('333', { branch: 'dev' })
        .consumer('foo')
        .version('1', { branch: 'branch-1', tags: ['feat-1'] })
        .version('2', { branch: 'branch-1', tags: ['feat-1'] })
        .pact('bar');
      const pacts = await byBranch();
      expect(versionsOf(pacts)).to.deep.equal(['foo 2']);
      expect(pacts[0]!.shortDescription).to.equal('latest from branch branch-1, latest with tag feat-1');
    });

    describe('heads whose verifications by the branch failed', () => {
      beforeEach(() =>
        broker
          .data()
          .provider('bar')
          .version('333', { tags: ['dev'] })
          .consumer('foo')
          .version('1', { tags: ['feat-1'] })
          .pact('bar')
          .verifiedBy('3', { success: false, branch: 'dev' })
          .version('2', { branch: 'branch-1' })
          .pact('bar')
          .verifiedBy('3', { success: false, branch: 'dev' }),
      );

      // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is included"
      it('are WIP', async () => {
        expect(await byBranch()).to.have.length(2);
      });

      // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "sets the pending tags"
      it('are pending for the provider branch', async () => {
        const pacts = await byBranch();
        expect(pacts.every((pact) => pact.pending === true && pact.wip)).to.equal(true);
        expect(pacts[0]!.notices[0]!.text).to.match(/a version of bar from branch 'dev'/);
      });
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "returns an empty list"
    it('a pact of a version with no branch or tag is never WIP', async () => {
      await broker.data().consumer('foo').version('1').pact('bar').verifiedBy('3', { success: false, branch: 'dev' });
      expect(await byBranch()).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is not included, but maybe it should be? can't really work out a scenario where this is likely to happen"
    it('a head verified successfully and then unsuccessfully by the branch is not WIP', async () => {
      await broker
        .data()
        .provider('bar')
        .version('333', { tags: ['dev'] })
        .consumer('foo')
        .version('1', { tags: ['dev'] })
        .pact('bar')
        .verifiedBy('3', { branch: 'dev' })
        .verifiedBy('5', { success: false, branch: 'dev' });
      expect(await byBranch()).to.deep.equal([]);
    });

    describe('a head not verified yet', () => {
      beforeEach(() =>
        broker
          .data()
          .provider('bar')
          .version('333', { tags: ['dev'] })
          .consumer('foo')
          .version('1', { tags: ['feat-1'] })
          .pact('bar'),
      );

      // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is included"
      it('is WIP', async () => {
        expect(await byBranch()).to.have.length(1);
      });

      // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "sets the pending tags"
      it('is pending for the provider branch', async () => {
        const [pact] = await byBranch();
        expect(pact!.notices.find((n) => n.when === 'after_verification:success_true_published_true')!.text).to.match(
          /from branch 'dev'/,
        );
      });
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is not included"
    it("another provider's pacts are not WIP for this one", async () => {
      await broker
        .data()
        .provider('bar')
        .consumer('foo')
        .version('1', { tags: ['feat-1'] })
        .pact('baz');
      expect(await byBranch()).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is not included"
    it('a head published before includeWipPactsSince is not WIP', async () => {
      await broker
        .data()
        .provider('bar')
        .version('333', { branch: 'dev' })
        .consumer('foo')
        .version('1', { tags: ['prod'] })
        .pact('bar');
      const later = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
      expect(await wipFor({ providerVersionBranch: 'dev' }, later)).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is expected to be empty"
    it('a new branch inherits the successful verifications of other branches', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('20', { branch: 'dev' })
        .verifiedBy('21');
      expect(await byBranch('feat-new-branch')).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is included"
    it("a new branch does not inherit other branches' failed verifications", async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('20', { branch: 'dev', success: false })
        .verifiedBy('21');
      expect(versionsOf(await byBranch('feat-new-branch'))).to.deep.equal(['foo 1']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is expected to be empty"
    it('a success on another branch before this branch existed counts', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('20', { branch: 'dev' })
        .verifiedBy('21', { branch: 'feat-new-branch', success: false });
      expect(await byBranch('feat-new-branch')).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "is included"
    it('a success on another branch after this branch existed does not count', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('21', { branch: 'feat-new-branch', success: false })
        .verifiedBy('20', { branch: 'dev' });
      expect(versionsOf(await byBranch('feat-new-branch'))).to.deep.equal(['foo 1']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "only includes consumers with pacts for this provider"
    it('only consumers with pacts for this provider are considered', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .consumer('other-consumer')
        .version('1', { tags: ['main', 'feat-1'] })
        .pact('different-provider');
      expect((await byBranch()).map((pact) => pact.consumer)).to.deep.equal(['foo']);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "ignores old verifications and includes pact as WIP"
    it('a success by this branch more than 30 days ago does not keep a head out of WIP', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('1', { branch: 'dev' });
      await daysAgo('1', 31);
      expect(await byBranch()).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_branch_spec.rb: "ignores verifications from stale branches"
    it('a success by another branch more than 30 days ago does not keep a head out of WIP', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('1', { branch: 'old-branch' });
      await daysAgo('1', 35);
      expect(await byBranch()).to.have.length(1);
    });
  });

  describe('for provider tags', () => {
    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "de-duplicates them"
    it('two tag heads with the same content are one WIP pact', async () => {
      const same = pactContent('foo', 'bar', 'same');
      await broker
        .data()
        .provider('bar')
        .version('333', { tags: ['dev'] })
        .consumer('foo')
        .version('1', { tags: ['feat-1'] })
        .pact('bar', same)
        .version('2', { tags: ['feat-2'] })
        .pact('bar', same);
      expect(await byTags(['dev'])).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "merges the selectors"
    it('that WIP pact names both heads', async () => {
      const same = pactContent('foo', 'bar', 'same');
      await broker
        .data()
        .provider('bar')
        .version('333', { tags: ['dev'] })
        .consumer('foo')
        .version('1', { tags: ['feat-1'] })
        .pact('bar', same)
        .version('2', { tags: ['feat-2'] })
        .pact('bar', same);
      const [pact] = await byTags(['dev']);
      expect(pact!.wip).to.equal(true);
      expect(pact!.shortDescription).to.equal('latest with tag feat-1, latest with tag feat-2');
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is not included"
    it('a tag head verified successfully by a provider version with the tag is not WIP', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1')
        .pact('bar')
        .version('2', { tags: ['prod'] })
        .pact('bar')
        .verifiedBy('3', { tags: ['dev'] });
      expect(await byTags(['dev'])).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "it is included"
    it('a head verified by the tag as a WIP pact is still WIP', async () => {
      await broker
        .data()
        .provider('bar')
        .version('333', { tags: ['dev'] })
        .consumer('foo')
        .version('2', { tags: ['feat-1'] })
        .pact('bar')
        .verifiedBy('3', { tags: ['dev'] });
      await markWip('3');
      expect(versionsOf(await byTags(['dev']))).to.deep.equal(['foo 2']);
    });

    describe('verified by one of two provider tags', () => {
      beforeEach(() =>
        broker
          .data()
          .provider('bar')
          .version('44', { tags: ['feat-1'] })
          .consumer('foo')
          .version('1', { tags: ['prod'] })
          .pact('bar')
          .verifiedBy('3', { tags: ['dev'] }),
      );

      // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is included"
      it('is WIP', async () => {
        expect(await byTags(['dev', 'feat-1'])).to.have.length(1);
      });

      // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "sets the pending tags to the tag that has not yet been verified"
      it('is pending for the tag that has not verified it', async () => {
        const [pact] = await byTags(['dev', 'feat-1']);
        const text = pact!.notices.find((n) => n.when === 'after_verification:success_true_published_true')!.text;
        expect(text).to.match(/tagged 'feat-1'/);
        expect(text).to.not.match(/'dev'/);
      });
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is included"
    it('a head whose verification by the tag failed is WIP', async () => {
      await broker
        .data()
        .provider('bar')
        .version('333', { tags: ['dev'] })
        .consumer('foo')
        .version('1', { tags: ['feat-1'] })
        .pact('bar')
        .verifiedBy('3', { success: false, tags: ['dev'] });
      expect(await byTags(['dev'])).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "returns an empty list"
    it('a pact of a version without tags or branches is never WIP', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1')
        .pact('bar')
        .verifiedBy('3', { success: false, tags: ['dev'] });
      expect(await byTags(['dev'])).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is included"
    it('with a provider tag never used, and no provider versions, a head is WIP', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['feat-x'] })
        .pact('bar');
      expect(await byTags(['dev'])).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is included"
    it('with a provider tag never used, but other provider versions, a head is WIP', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['feat-x'] })
        .pact('bar')
        .provider('bar')
        .version('1');
      expect(await byTags(['dev'])).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is wip for the first tag but not the second"
    it('a success by another tag counts only for the tags first used after it', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['feat-x'] })
        .pact('bar')
        .verifiedBy('1', { success: false, tags: ['dev'] })
        .verifiedBy('2', { tags: ['blah'] })
        .verifiedBy('3', { success: false, tags: ['feat-1'] });
      const [pact] = await byTags(['dev', 'feat-1']);
      const text = pact!.notices.find((n) => n.when === 'after_verification:success_true_published_true')!.text;
      expect(text).to.match(/tagged 'dev'/);
      expect(text).to.not.match(/feat-1/);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is expected to be empty"
    it('a new tag inherits the successful verifications of other tags', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('20', { tags: ['dev'] })
        .verifiedBy('21');
      expect(await byTags(['feat-new-tag'])).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is included"
    it("a new tag does not inherit other tags' failed verifications", async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('20', { tags: ['dev'], success: false })
        .verifiedBy('21');
      expect(await byTags(['feat-new-tag'])).to.have.length(1);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is expected to be empty"
    it('a success by another tag before this tag was first used counts', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('20', { tags: ['dev'] })
        .verifiedBy('21', { tags: ['feat-new-tag'], success: false });
      expect(await byTags(['feat-new-tag'])).to.deep.equal([]);
    });

    // ref: spec/lib/pact_broker/pacts/repository_find_wip_pact_versions_for_provider_spec.rb: "is included"
    it('a success by another tag after this tag was first used does not count', async () => {
      await broker
        .data()
        .consumer('foo')
        .version('1', { tags: ['main'] })
        .pact('bar')
        .verifiedBy('21', { tags: ['feat-new-tag'], success: false })
        .verifiedBy('20', { tags: ['dev'] });
      expect(await byTags(['feat-new-tag'])).to.have.length(1);
    });
  });
});
