// Ported from the Pact Broker's specs of the latest-verification resources and their deletion:
// spec/features/{get_latest_verification_for_pact,get_verifications_for_consumer_version,delete_verification}_spec.rb,
// spec/lib/pact_broker/api/resources/latest_verifications_for_consumer_version_spec.rb and
// spec/lib/pact_broker/api/decorators/verification_summary_decorator_spec.rb.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

const HAL = 'application/hal+json;charset=utf-8';
const PACT = '/pacts/provider/Provider/consumer/Consumer';

describe('reference: latest verification of a pact (features/get_latest_verification_for_pact_spec.rb)', () => {
  const broker = useBroker();
  let sha: string;

  beforeEach(async () => {
    await broker
      .data()
      .consumer('Consumer')
      .version('1.2.3', { tags: ['master'] })
      .pact('Another provider')
      .verifiedBy('5')
      .pact('Provider')
      .verifiedBy('3')
      .verifiedBy('4');
    const pact = await request(broker.server).get(`${PACT}/version/1.2.3`).expect(200);
    sha = (pact.body._links['pb:pact-version'].href as string).split('/').pop()!;
  });

  const latestOf = async (path: string) => (await request(broker.server).get(path).expect(200)).body;

  // ref: spec/features/get_latest_verification_for_pact_spec.rb: "returns a 200 OK"
  it('by pact version, answers 200 in HAL JSON', async () => {
    const res = await request(broker.server).get(`${PACT}/pact-version/${sha}/verification-results/latest`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/get_latest_verification_for_pact_spec.rb: "returns the verification"
  it('by pact version, answers the newest verification of that content', async () => {
    expect(
      (await latestOf(`${PACT}/pact-version/${sha}/verification-results/latest`)).providerApplicationVersion,
    ).to.equal('4');
  });

  // ref: spec/features/get_latest_verification_for_pact_spec.rb: "returns the verification"
  it("by consumer version, answers the newest verification of that version's pact", async () => {
    expect((await latestOf(`${PACT}/version/1.2.3/verification-results/latest`)).providerApplicationVersion).to.equal(
      '4',
    );
  });

  // ref: spec/features/get_latest_verification_for_pact_spec.rb: "returns the verification"
  it('for the latest pact, answers the newest verification of that pact', async () => {
    expect((await latestOf(`${PACT}/latest/verification-results/latest`)).providerApplicationVersion).to.equal('4');
  });

  // ref: spec/features/get_latest_verification_for_pact_spec.rb: "returns the verification"
  it('for the latest pact with a tag, answers the newest verification of that pact', async () => {
    expect((await latestOf(`${PACT}/latest/master/verification-results/latest`)).providerApplicationVersion).to.equal(
      '4',
    );
  });

  it('when the pact has no verification, answers 404 in the error format', async () => {
    await broker.data().consumer('Consumer').version('2').pact('Provider');
    const res = await request(broker.server).get(`${PACT}/version/2/verification-results/latest`).expect(404);
    expect(res.body).to.have.property('error');
  });

  it('when no pact has the tag, answers 404', async () => {
    await request(broker.server).get(`${PACT}/latest/prod/verification-results/latest`).expect(404);
  });
});

describe('reference: latest verifications of a consumer version (features/get_verifications_for_consumer_version_spec.rb)', () => {
  const broker = useBroker();
  const path = '/verification-results/consumer/Consumer/version/1.2.3/latest';

  const build = () =>
    broker
      .data()
      .consumer('Consumer')
      .version('1.2.3')
      .pact('Provider')
      .verifiedBy('1')
      .verifiedBy('2', { success: false })
      .pact('Another provider')
      .verifiedBy('1');

  // ref: spec/features/get_verifications_for_consumer_version_spec.rb: "returns a 200 HAL JSON response"
  it('answers 200 in HAL JSON', async () => {
    await build();
    const res = await request(broker.server).get(path).expect(200);
    expect(res.headers['content-type']).to.equal(HAL);
  });

  // ref: spec/features/get_verifications_for_consumer_version_spec.rb: "returns a list of verifications"
  it("embeds the newest verification of each of the version's pacts", async () => {
    await build();
    const res = await request(broker.server).get(path).expect(200);
    expect(res.body._embedded.verificationResults).to.have.length(2);
  });

  // ref: spec/lib/pact_broker/api/resources/latest_verifications_for_consumer_version_spec.rb: "it { is_expected.to be_a_404_response }"
  it('when the consumer version does not exist, answers 404', async () => {
    await request(broker.server).get(path).expect(404);
  });

  // ref: spec/lib/pact_broker/api/decorators/verification_summary_decorator_spec.rb: "includes a title"
  it('titles itself for the consumer version', async () => {
    await build();
    const res = await request(broker.server).get(path).expect(200);
    expect(res.body._links.self.title).to.equal('Latest verification results for consumer Consumer version 1.2.3');
  });

  // ref: spec/lib/pact_broker/api/decorators/verification_summary_decorator_spec.rb: "includes a link to itself"
  it('links to itself', async () => {
    await build();
    const res = await request(broker.server).get(path).expect(200);
    expect(res.body._links.self.href).to.equal(`${broker.url}${path}`);
  });

  // ref: spec/lib/pact_broker/api/decorators/verification_summary_decorator_spec.rb: "includes a flag to indicate the overall success or failure of all the verification results"
  it('is successful only when the newest verification of every pact succeeded', async () => {
    await build();
    expect((await request(broker.server).get(path)).body.success).to.equal(false);
    await broker.data().consumer('Consumer').version('1.2.3').existingPact('Provider').verifiedBy('3');
    expect((await request(broker.server).get(path)).body.success).to.equal(true);
  });

  // ref: spec/lib/pact_broker/api/decorators/verification_summary_decorator_spec.rb: "includes a provider summary"
  it('sums up which providers succeeded, failed or have not verified yet', async () => {
    await build();
    await broker.data().consumer('Consumer').version('1.2.3').pact('Third provider');
    const res = await request(broker.server).get(path).expect(200);
    expect(res.body.providerSummary).to.deep.equal({
      successful: ['Another provider'],
      failed: ['Provider'],
      unknown: ['Third provider'],
    });
    expect(res.body.success).to.equal(false);
  });

  it("is reached from the version resource's link", async () => {
    await build();
    const version = await request(broker.server).get('/pacticipants/Consumer/versions/1.2.3').expect(200);
    const href = version.body._links['pb:latest-verification-results-where-pacticipant-is-consumer'].href as string;
    await request(broker.server).get(new URL(href).pathname).expect(200);
  });
});

describe('reference: deleting a verification (features/delete_verification_spec.rb)', () => {
  const broker = useBroker();

  const verificationPath = async () => {
    await broker.data().consumer('Foo').version('1').pact('Bar').verifiedBy('2');
    const latest = await request(broker.server).get(
      '/pacts/provider/Bar/consumer/Foo/latest/verification-results/latest',
    );
    return new URL(latest.body._links.self.href as string).pathname;
  };

  // ref: spec/features/delete_verification_spec.rb: "deletes the verification"
  it('deletes the verification', async () => {
    const path = await verificationPath();
    await request(broker.server).delete(path);
    expect(await broker.prisma.verification.count()).to.equal(0);
  });

  // ref: spec/features/delete_verification_spec.rb: "returns a 204 response"
  it('answers 204', async () => {
    await request(broker.server)
      .delete(await verificationPath())
      .expect(204);
  });

  it('deletes the webhooks it triggered and their logs with it, and the matrix no longer shows it', async () => {
    const path = await verificationPath();
    const verification = await broker.prisma.verification.findFirstOrThrow();
    await broker.prisma.triggeredWebhook.create({
      data: {
        uuid: '6f1c1a52-0d77-4b54-9d4c-0a9ad6b3a0a1',
        webhookUuid: 'gone',
        verificationId: verification.id,
        eventName: 'provider_verification_published',
        consumerId: verification.consumerId,
        providerId: verification.providerId,
        parameters: {},
        executions: { create: { success: true, logs: 'ok' } },
      },
    });
    await request(broker.server).delete(path).expect(204);
    expect(await broker.prisma.triggeredWebhook.count()).to.equal(0);
    expect(await broker.prisma.webhookExecution.count()).to.equal(0);
    const matrix = await request(broker.server)
      .get('/matrix?q[][pacticipant]=Foo&q[][version]=1&q[][pacticipant]=Bar&latestby=cvpv')
      .expect(200);
    expect(matrix.body.matrix).to.have.length(1);
    expect(matrix.body.matrix[0].verificationResult).to.equal(null);
  });

  it('when the verification does not exist, answers 404 and deletes nothing', async () => {
    const path = await verificationPath();
    await request(broker.server).delete(path.replace(/\/1$/, '/2')).expect(404);
    expect(await broker.prisma.verification.count()).to.equal(1);
  });
});
