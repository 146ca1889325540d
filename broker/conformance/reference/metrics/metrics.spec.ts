// Ported from the Pact Broker's spec/features/metrics_spec.rb and spec/lib/pact_broker/metrics/service_spec.rb:
// GET /metrics reports the counts of lib/pact_broker/metrics/service.rb under its keys.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

describe('reference: metrics (features/metrics_spec.rb, metrics/service_spec.rb)', () => {
  const broker = useBroker();
  const metrics = async () => (await request(broker.server).get('/metrics').expect(200)).body;

  beforeEach(async () => {
    await broker.data().environment('test');
    await broker
      .data()
      .consumer('Consumer', { mainBranch: 'main' })
      .provider('Provider')
      .consumer('Consumer')
      .version('1.2.3', { branch: 'main', tags: ['prod'] })
      .pact('Provider')
      .verifiedBy('4.5.6')
      .verifiedBy('4.5.7', { success: false })
      .consumer('Consumer')
      .version('1.2.4', { tags: ['prod', 'dev'] })
      .pact('Provider')
      .deployedTo('test')
      .webhook('8e4d0c1b-0000-4000-8000-000000000002', { consumer: 'Consumer' });
  });

  // ref: spec/features/metrics_spec.rb: "returns some metrics"
  it('answers the counts of every part of the data under the Pact Broker keys', async () => {
    const body = await metrics();
    expect(body.pacticipants).to.deep.equal({ count: 2, withMainBranchSetCount: 1 });
    expect(body.integrations).to.deep.equal({ count: 1 });
    expect(body.pactPublications.count).to.equal(2);
    expect(Date.parse(body.pactPublications.first)).to.be.at.most(Date.parse(body.pactPublications.last));
    expect(body.pactVersions).to.deep.equal({ count: 2 });
    expect(body.pactRevisionsPerConsumerVersion).to.deep.equal({ distribution: { 1: 2 } });
    expect(body.verificationResults).to.include({ count: 2, successCount: 1, failureCount: 1, distinctCount: 2 });
    expect(body.verificationResultsPerPactVersion).to.deep.equal({ distribution: { 2: 1 } });
    expect(body.pacticipantVersions).to.include({ count: 4, withBranchCount: 1 });
    expect(body.tags).to.deep.equal({ count: 3, distinctCount: 2, distinctWithPacticipantCount: 2 });
    expect(body.webhooks).to.deep.equal({ count: 1 });
    expect(body.environments).to.deep.equal({ count: 1 });
    expect(body.deployedVersions).to.include({ count: 1, currentlyDeployedCount: 1 });
    expect(body.releasedVersions).to.deep.equal({ count: 0, currentlySupportedCount: 0 });
    expect(body.matrix).to.deep.equal({ count: -1 });
    expect(body.triggeredWebhooks.count).to.be.a('number');
    expect(body.webhookExecutions.count).to.be.a('number');
  });

  it('counts the interactions of the latest pact of each integration only', async () => {
    const body = await metrics();
    // The test data's pacts have one interaction each; only 1.2.4's counts.
    expect(body.interactions).to.deep.equal({
      latestInteractionsCount: 1,
      latestMessagesCount: 0,
      latestInteractionsAndMessagesCount: 1,
    });
  });

  // ref: spec/lib/pact_broker/metrics/service_spec.rb: "includes a count of the number of interactions in the overall latest pacts"
  it('sums interactions and messages over the latest pact of each of several integrations', async () => {
    await broker.reset();
    const interaction = (n: number) => ({
      description: `request ${n}`,
      request: { method: 'GET', path: `/${n}` },
      response: { status: 200 },
    });
    const both = (consumer: string, provider: string) => ({
      consumer: { name: consumer },
      provider: { name: provider },
      interactions: [interaction(1), interaction(2)],
      messages: [{ description: 'an event', contents: { id: 1 } }],
      metadata: { pactSpecification: { version: '3.0.0' } },
    });
    await broker.data().consumer('A').version('1').pact('B', both('A', 'B'));
    await broker.data().consumer('C').version('1').pact('D', both('C', 'D'));
    await broker
      .data()
      .consumer('E')
      .version('1')
      .pact('F', { consumer: { name: 'E' }, provider: { name: 'F' }, interactions: [] });
    expect((await metrics()).interactions).to.deep.equal({
      latestInteractionsCount: 4,
      latestMessagesCount: 2,
      latestInteractionsAndMessagesCount: 6,
    });
  });

  // ref: spec/lib/pact_broker/metrics/service_spec.rb: "returns a distribution of verifications per pact version"
  it('answers how many pact versions have each number of verifications', async () => {
    // Beside the setup's pact version with 2 verifications: three with 1 each.
    for (const version of ['2', '3', '4'])
      await broker.data().consumer('Consumer').version(version).pact('Provider').verifiedBy(`p${version}`);
    expect((await metrics()).verificationResultsPerPactVersion.distribution).to.deep.equal({ 1: 3, 2: 1 });
  });

  // ref: spec/lib/pact_broker/metrics/service_spec.rb: "returns a distribution of pact revisions per consumer version"
  it('answers how many consumer version pacts have each number of revisions', async () => {
    await broker.reset();
    await broker.data().consumer('Foo').version('1').pact('Bar').revisePact().revisePact();
    await broker.data().consumer('Foo').version('2').pact('Bar').revisePact();
    await broker.data().consumer('Foo').version('1').pact('Bar2');
    await broker.data().consumer('Foo').version('3').pact('Bar');
    expect((await metrics()).pactRevisionsPerConsumerVersion.distribution).to.deep.equal({ 1: 2, 2: 1, 3: 1 });
  });

  it('on an empty broker, answers zeros and no dates', async () => {
    await broker.reset();
    const body = await metrics();
    expect(body.pacticipants.count).to.equal(0);
    expect(body.pactPublications).to.deep.equal({ count: 0, first: null, last: null });
    expect(body.interactions.latestInteractionsAndMessagesCount).to.equal(0);
  });
});
