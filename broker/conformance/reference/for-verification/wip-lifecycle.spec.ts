// Ported from the Pact Broker's spec/features/wip_pacts_spec.rb: the lifecycle of a work-in-progress
// pact, over HTTP, as consumer and provider builds drive it (provider versions tagged after they
// publish, as the feature does). Its can-i-deploy checks belong to the matrix suite and are left out.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

const YESTERDAY = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
const CONTENT = {
  1: { interactions: [{ some: 'interaction' }] },
  2: { interactions: [{ some: 'other interaction' }] },
  3: { interactions: [{ some: 'other other interaction' }] },
};

interface PactForVerification {
  verificationProperties: { wip?: boolean; pending?: boolean };
  _links: { self: { href: string } };
}

describe('reference: the lifecycle of a WIP pact', () => {
  const broker = useBroker();
  const http = () => request(broker.server);

  const publish = async (version: string, tag: string, content: object) => {
    await http().put(`/pacts/provider/Bar/consumer/Foo/version/${version}`).send(content).expect(201);
    await http().put(`/pacticipants/Foo/versions/${version}/tags/${tag}`).send({}).expect(201);
  };
  const publishWithMasterTag = () => publish('1', 'master', CONTENT[1]);
  const publishWithFeatureTag = (version = '2', tag = 'feat-x', content: object = CONTENT[2]) =>
    publish(version, tag, content);
  const publishMergedIntoMaster = () => publish('3', 'master', CONTENT[2]);

  /** The request of a provider build on `providerTag`, selecting the consumer's `consumerTag` (master by default). */
  const body = (providerTag = 'master', consumerTag = 'master', fallback = false) => ({
    consumerVersionSelectors: [{ tag: consumerTag, latest: true, ...(fallback ? { fallbackTag: 'master' } : {}) }],
    providerVersionTags: [providerTag],
    includeWipPactsSince: YESTERDAY,
    includePendingStatus: true,
  });
  const pactsFor = async (requestBody: object = body()): Promise<PactForVerification[]> =>
    (await http().post('/pacts/provider/Bar/for-verification').send(requestBody).expect(200)).body._embedded.pacts;
  const wipOf = (pacts: PactForVerification[]) => pacts.filter((pact) => pact.verificationProperties.wip);

  /** Verifies a pact and publishes the result from a provider version, then tags that version. */
  async function verify(pact: PactForVerification, providerVersion: string, tag: string, success: boolean) {
    const content = (await http().get(new URL(pact._links.self.href).pathname).expect(200)).body;
    const resultsUrl = new URL(content._links['pb:publish-verification-results'].href).pathname;
    await http().post(resultsUrl).send({ success, providerApplicationVersion: providerVersion }).expect(201);
    const tagged = await http().put(`/pacticipants/Bar/versions/${providerVersion}/tags/${tag}`).send({});
    expect(tagged.status).to.be.oneOf([200, 201]); // 200: the version already had the tag
  }

  beforeEach(() =>
    broker
      .data()
      .provider('Bar')
      .version('1', { tags: ['master'] }),
  );

  // ref: spec/features/wip_pacts_spec.rb: "is included in the list of pacts to verify as a WIP pact"
  it('a feature pact published since the date, not selected explicitly, is WIP', async () => {
    await publishWithMasterTag();
    await publishWithFeatureTag();
    expect(wipOf(await pactsFor())).to.have.length(1);
  });

  // ref: spec/features/wip_pacts_spec.rb: "is still included as a WIP pact"
  it('verified unsuccessfully, it is still WIP', async () => {
    await publishWithMasterTag();
    await publishWithFeatureTag();
    await verify(wipOf(await pactsFor())[0]!, '2', 'master', false);
    expect(wipOf(await pactsFor())).to.have.length(1);
  });

  // ref: spec/features/wip_pacts_spec.rb: "is still included as a WIP pact"
  it('verified successfully while WIP, it is still WIP and pending', async () => {
    await publishWithMasterTag();
    await publishWithFeatureTag();
    const [wip] = wipOf(await pactsFor());
    expect(wip!.verificationProperties.pending).to.equal(true);
    await verify(wip!, '2', 'master', true);
    const after = wipOf(await pactsFor());
    expect(after).to.have.length(1);
    expect(after[0]!.verificationProperties.pending).to.equal(true);
  });

  // ref: spec/features/wip_pacts_spec.rb: "is no longer included as a WIP pact"
  it('once its content is selected explicitly (merged into master), it is no longer WIP', async () => {
    await publishWithMasterTag();
    await publishWithFeatureTag();
    await verify(wipOf(await pactsFor())[0]!, '2', 'master', true);
    await publishMergedIntoMaster();
    expect(wipOf(await pactsFor())).to.have.length(0);
  });

  // ref: spec/features/wip_pacts_spec.rb: "keeps being WIP until the branch is merged"
  it('stays WIP, pending, through successful verifications until the branch is merged', async () => {
    await publishWithMasterTag();
    await publishWithFeatureTag();
    await verify(wipOf(await pactsFor())[0]!, '1', 'master', true);
    const [again] = wipOf(await pactsFor());
    expect(again!.verificationProperties).to.include({ wip: true, pending: true });
    await verify(again!, '2', 'master', true);
    await publishMergedIntoMaster();
    expect(wipOf(await pactsFor())).to.have.length(0);
  });

  // ref: spec/features/wip_pacts_spec.rb: "is WIP on a second feature branch even if the first feature branch successfully verified it"
  it('is WIP on a second provider feature branch after the first one verified it', async () => {
    await publishWithFeatureTag();
    const [wip] = wipOf(await pactsFor(body('feat-1', 'master', true)));
    await verify(wip!, '1', 'feat-1', true);
    expect(wipOf(await pactsFor(body('feat-2', 'master', true)))).to.have.length(1);
  });

  // ref: spec/features/wip_pacts_spec.rb: "stays wip on master even after it has been successfully verified on the provider's feature branch"
  it("stays WIP on master after the provider's matching feature branch verified it", async () => {
    await publishWithFeatureTag();
    const [wip] = wipOf(await pactsFor(body('master', 'master', true)));
    await verify(wip!, '1', 'master', false);
    const onFeature = await pactsFor(body('feat-x', 'feat-x', true));
    expect(wipOf(onFeature)).to.have.length(0);
    await verify(onFeature[0]!, '2', 'feat-x', true);
    expect(wipOf(await pactsFor(body('master', 'master', true)))).to.have.length(1);
  });

  // ref: spec/features/wip_pacts_spec.rb: "does not include any pacts already successfully verified by another branch before this branch was created"
  it('a new provider branch gets as WIP only what was not verified before it existed', async () => {
    await publishWithMasterTag();
    const [selected] = await pactsFor(body('master', 'master', true));
    await verify(selected!, '1', 'master', true);
    await publishWithFeatureTag();
    expect(wipOf(await pactsFor(body('feat-y', 'master', true)))).to.have.length(1);
  });

  // ref: spec/features/wip_pacts_spec.rb: "does include any subsequently created new pacts"
  it('a new provider branch gets new pacts published after its verifications as WIP', async () => {
    await publishWithMasterTag();
    await publishWithFeatureTag();
    const pacts = await pactsFor(body('feat-y', 'master', true));
    expect(wipOf(pacts)).to.have.length(1);
    await verify(pacts[0]!, '2', 'feat-y', true);
    await publishWithFeatureTag('3');
    await publishWithFeatureTag('4', 'feat-z', CONTENT[3]);
    expect(wipOf(await pactsFor(body('feat-y', 'master', true)))).to.have.length(2);
  });
});
