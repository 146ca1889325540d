// Ported from the Pact Broker's pending lifecycle features: spec/features/pending_pacts_spec.rb (no
// provider branch or tags), pending_pacts_with_branches_spec.rb and pending_pacts_with_tags_spec.rb.
// Everything goes over HTTP as a consumer and a provider build would: publish, fetch the pacts for
// verification, follow the pact's link, publish the result to the link the pact gives.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

type Target = { providerVersionBranch?: string; providerVersionTags?: string[] };

describe('reference: the pending lifecycle of a pact', () => {
  const broker = useBroker();

  /** A contract without names, as the Pact Broker's feature publishes it (names come from the URL). */
  const publishPact = () =>
    request(broker.server).put('/pacts/provider/Bar/consumer/Foo/version/1').send({ some: 'interactions' }).expect(201);

  const forVerification = async (target: Target) =>
    (
      await request(broker.server)
        .post('/pacts/provider/Bar/for-verification')
        .send({ includePendingStatus: true, ...target })
        .expect(200)
    ).body._embedded.pacts[0];

  const pending = async (target: Target) => (await forVerification(target)).verificationProperties.pending;

  /** A provider build: fetch, follow the pact link, record the provider version's branch or tag, publish. */
  async function verify(target: Target, success: boolean, providerVersion = '2') {
    const pactUrl = new URL((await forVerification(target))._links.self.href).pathname;
    const pact = (await request(broker.server).get(pactUrl).expect(200)).body;
    const resultsUrl = new URL(pact._links['pb:publish-verification-results'].href).pathname;
    if (target.providerVersionBranch)
      await request(broker.server)
        .put(`/pacticipants/Bar/branches/${target.providerVersionBranch}/versions/${providerVersion}`)
        .send({})
        .expect(201);
    for (const tag of target.providerVersionTags ?? [])
      await request(broker.server)
        .put(`/pacticipants/Bar/versions/${providerVersion}/tags/${tag}`)
        .send({})
        .expect(201);
    await request(broker.server)
      .post(resultsUrl)
      .send({ providerApplicationVersion: providerVersion, success })
      .expect(201);
  }

  describe('with no provider branch or tags', () => {
    // ref: spec/features/pending_pacts_spec.rb: "is pending"
    it('a pact is pending when first published', async () => {
      await publishPact();
      expect(await pending({})).to.equal(true);
    });

    // ref: spec/features/pending_pacts_spec.rb: "is still pending"
    it('a pact verified unsuccessfully is still pending', async () => {
      await publishPact();
      await verify({}, false);
      expect(await pending({})).to.equal(true);
    });

    // ref: spec/features/pending_pacts_spec.rb: "is no longer pending"
    it('a pact verified successfully is no longer pending', async () => {
      await publishPact();
      await verify({}, true);
      expect(await pending({})).to.equal(false);
    });
  });

  describe('with a provider branch', () => {
    const main = { providerVersionBranch: 'main' };

    // ref: spec/features/pending_pacts_with_branches_spec.rb: "is pending"
    it('a pact is pending for the branch when first published', async () => {
      await publishPact();
      expect(await pending(main)).to.equal(true);
    });

    // ref: spec/features/pending_pacts_with_branches_spec.rb: "is still pending"
    it('a pact the branch verified unsuccessfully is still pending', async () => {
      await publishPact();
      await verify(main, false);
      expect(await pending(main)).to.equal(true);
    });

    // ref: spec/features/pending_pacts_with_branches_spec.rb: "is no longer pending"
    it('a pact the branch verified successfully is no longer pending', async () => {
      await publishPact();
      await verify(main, true);
      expect(await pending(main)).to.equal(false);
    });

    // ref: spec/features/pending_pacts_with_branches_spec.rb: "is not pending for the new branch"
    it('a branch created after a successful verification by another is not pending either', async () => {
      await publishPact();
      await verify(main, true);
      expect(await pending({ providerVersionBranch: 'feat/foo' })).to.equal(false);
    });
  });

  describe('with provider tags', () => {
    const main = { providerVersionTags: ['main'] };

    // ref: spec/features/pending_pacts_with_tags_spec.rb: "is pending"
    it('a pact is pending for the tag when first published', async () => {
      await publishPact();
      expect(await pending(main)).to.equal(true);
    });

    // ref: spec/features/pending_pacts_with_tags_spec.rb: "is still pending"
    it('a pact verified unsuccessfully by a version with the tag is still pending', async () => {
      await publishPact();
      await verify(main, false);
      expect(await pending(main)).to.equal(true);
    });

    // ref: spec/features/pending_pacts_with_tags_spec.rb: "is no longer pending"
    it('a pact verified successfully by a version with the tag is no longer pending', async () => {
      await publishPact();
      await verify(main, true);
      expect(await pending(main)).to.equal(false);
    });

    // ref: spec/features/pending_pacts_with_tags_spec.rb: "is not pending for the new branch"
    it('a tag first used after a successful verification by another tag is not pending either', async () => {
      await publishPact();
      await verify(main, true);
      expect(await pending({ providerVersionTags: ['feat-foo'] })).to.equal(false);
    });
  });
});
