// Proof with pact-js's Verifier (the Rust verifier inside @pact-foundation/pact): it fetches pacts
// for verification from this broker with selectors, pending status and WIP pacts, verifies a small
// real provider, and publishes the results, which the matrix then shows.
import { expect } from 'chai';
import request from 'supertest';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { useBroker } from '../testing/broker-test-context.ts';
import { animalsPact, createAnimalsProvider, type AnimalsProvider } from './testing/animals-provider.ts';

interface MatrixRow {
  consumer: { name: string; version: { number: string } };
  provider: { version: { number: string } | null };
  verificationResult: { success: boolean } | null;
}

describe('broker: pact-js Verifier against the broker', function () {
  this.timeout(120_000);
  const broker = useBroker();
  let animals: AnimalsProvider;
  let running: RunningServer;

  before(async () => {
    animals = createAnimalsProvider();
    running = await listen(animals.app);
  });

  after(async () => {
    await running?.close();
  });

  beforeEach(() => {
    animals.renameNameField = false;
    animals.animals.clear();
  });

  function verifier(
    providerVersion: string,
    overrides: Partial<VerifierOptions> = {},
    without: (keyof VerifierOptions)[] = [],
  ): Verifier {
    const options: VerifierOptions = {
      provider: 'Animals',
      providerBaseUrl: running.url,
      pactBrokerUrl: broker.url,
      providerVersion,
      providerVersionBranch: 'main',
      providerVersionTags: ['ci'],
      publishVerificationResult: true,
      enablePending: true,
      includeWipPactsSince: '2020-01-01',
      consumerVersionSelectors: [{ mainBranch: true }, { deployed: true }],
      stateHandlers: {
        'animal 1 exists': async () => {
          animals.animals.set(1, { id: 1, name: 'Dog', legs: 4 });
        },
      },
      logLevel: 'error',
      ...overrides,
    };
    for (const key of without) delete options[key];
    return new Verifier(options);
  }

  async function matrixRows(): Promise<string[]> {
    const res = await request(broker.server).get('/matrix?q[][pacticipant]=Animals&latestby=cvpv').expect(200);
    return (res.body.matrix as MatrixRow[]).map(
      (row) =>
        `${row.consumer.name} ${row.consumer.version.number} -> ${row.provider.version?.number ?? '?'}: ` +
        `${row.verificationResult?.success ?? 'unverified'}`,
    );
  }

  it('verifies the selected pacts, adds pending WIP pacts, publishes every result; the matrix shows them', async () => {
    await broker
      .data()
      .environment('production')
      .consumer('Web', { mainBranch: 'main' })
      .version('1.0.0', { branch: 'main' })
      .pact('Animals', animalsPact('Web', 'get-animal'))
      .version('2.0.0', { branch: 'feat-list' })
      .pact('Animals', animalsPact('Web', 'get-animal-and-list'))
      .consumer('Mobile')
      .version('3.0.0')
      .pact('Animals', animalsPact('Mobile', 'get-animal'))
      .deployedTo('production');

    // Web 2.0.0 (work in progress) fails, but it is pending, so the build passes.
    await verifier('1.0.0').verifyProvider();

    expect(await matrixRows()).to.have.members([
      'Web 1.0.0 -> 1.0.0: true',
      'Mobile 3.0.0 -> 1.0.0: true',
      'Web 2.0.0 -> 1.0.0: false',
    ]);
    const verifications = await broker.prisma.verification.findMany({
      include: { consumer: true },
      orderBy: { id: 'asc' },
    });
    expect(verifications.map((v) => `${v.consumer.name} wip=${v.wip}`)).to.have.members([
      'Web wip=false',
      'Mobile wip=false',
      'Web wip=true',
    ]);
    const results = verifications.find((v) => v.wip)!.testResults as { interactionId: string; success: boolean }[];
    const pact = (await request(broker.server).get('/pacts/provider/Animals/consumer/Web/version/2.0.0').expect(200))
      .body;
    const failedId = results.find((result) => !result.success)!.interactionId;
    expect(pact.interactions.map((i: { _id: string }) => i._id)).to.include(failedId);

    // The verifier recorded the provider version's branch and tag before publishing.
    const version = (await request(broker.server).get('/pacticipants/Animals/versions/1.0.0').expect(200)).body;
    expect(version._embedded.branchVersions.map((b: { name: string }) => b.name)).to.deep.equal(['main']);
    expect(version._embedded.tags.map((t: { name: string }) => t.name)).to.deep.equal(['ci']);
  });

  it('when a pact that is no longer pending breaks, the verification fails the build and can-i-deploy says no', async () => {
    await broker
      .data()
      .environment('production')
      .consumer('Web', { mainBranch: 'main' })
      .version('1.0.0', { branch: 'main' })
      .pact('Animals', animalsPact('Web', 'get-animal'))
      .deployedTo('production');
    await verifier('1.0.0').verifyProvider();

    animals.renameNameField = true;
    let failure: unknown;
    await verifier('1.0.1')
      .verifyProvider()
      .catch((error: unknown) => (failure = error));
    expect(failure, 'the verifier must reject').to.be.instanceOf(Error);

    expect(await matrixRows()).to.have.members(['Web 1.0.0 -> 1.0.0: true', 'Web 1.0.0 -> 1.0.1: false']);
    const canIDeploy = await request(broker.server)
      .get('/can-i-deploy?pacticipant=Animals&version=1.0.1&environment=production')
      .expect(200);
    expect(canIDeploy.body.summary.deployable).to.equal(false);
    const previous = await request(broker.server)
      .get('/can-i-deploy?pacticipant=Animals&version=1.0.0&environment=production')
      .expect(200);
    expect(previous.body.summary.deployable).to.equal(true);
  });

  it("a new consumer's pact is pending: its failure is published but does not fail the build", async () => {
    await broker
      .data()
      .consumer('Kiosk', { mainBranch: 'main' })
      .version('0.1.0', { branch: 'main' })
      .pact('Animals', animalsPact('Kiosk', 'get-animal-and-list'));
    await verifier('1.0.0', {}, ['includeWipPactsSince']).verifyProvider();
    expect(await matrixRows()).to.deep.equal(['Kiosk 0.1.0 -> 1.0.0: false']);
    const forVerification = await request(broker.server)
      .post('/pacts/provider/Animals/for-verification')
      .send({
        consumerVersionSelectors: [{ mainBranch: true }],
        providerVersionBranch: 'main',
        includePendingStatus: true,
      })
      .expect(200);
    expect(
      forVerification.body._embedded.pacts[0].verificationProperties.pending,
      'still pending after a failure',
    ).to.equal(true);
  });
});
