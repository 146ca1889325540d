// Proof with pact-js's Verifier that each consumer version selector hands it exactly the pacts the
// Pact Broker would: a branch selects its head, so a consumer whose newest main-branch version no
// longer has a pact with the provider is no longer verified (nor blocks the provider). Which pacts
// the Verifier got is read back from the verification results it published.
import { expect } from 'chai';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { useBroker } from '../testing/broker-test-context.ts';
import { animalsPact, createAnimalsProvider, type AnimalsProvider } from './testing/animals-provider.ts';

/** The animals pact of a consumer version, with content of its own (a version-specific description). */
function pactOf(consumer: string, version: string): Record<string, unknown> {
  const pact = animalsPact(consumer, 'get-animal');
  const interactions = pact.interactions as { description: string }[];
  return { ...pact, interactions: interactions.map((i) => ({ ...i, description: `${i.description} (${version})` })) };
}

describe('broker: the pact-js Verifier gets the pacts each selector selects', function () {
  this.timeout(120_000);
  const broker = useBroker();
  let animals: AnimalsProvider;
  let running: RunningServer;

  before(async () => {
    animals = createAnimalsProvider();
    animals.animals.set(1, { id: 1, name: 'Dog', legs: 4 });
    running = await listen(animals.app);
  });

  after(async () => {
    await running?.close();
  });

  beforeEach(async () => {
    // Web's main branch head (1.1.0) dropped Animals; its older main version 1.0.0 is deployed.
    await broker
      .data()
      .environment('production')
      .consumer('Web', { mainBranch: 'main' })
      .version('1.0.0', { branch: 'main' })
      .pact('Animals', pactOf('Web', '1.0.0'))
      .deployedTo('production')
      .version('1.1.0', { branch: 'main' })
      .pact('Payments')
      .version('2.0.0', { branch: 'feat-x' })
      .pact('Animals', pactOf('Web', '2.0.0'))
      .consumer('Mobile', { mainBranch: 'main' })
      .version('2.9.0', { branch: 'main' })
      .pact('Animals', pactOf('Mobile', '2.9.0'))
      .releasedTo('production')
      .version('3.0.0', { branch: 'main' })
      .pact('Animals', pactOf('Mobile', '3.0.0'));
  });

  async function verify(providerVersion: string, options: Partial<VerifierOptions>): Promise<void> {
    await new Verifier({
      provider: 'Animals',
      providerBaseUrl: running.url,
      pactBrokerUrl: broker.url,
      providerVersion,
      providerVersionBranch: 'main',
      publishVerificationResult: true,
      stateHandlers: { 'animal 1 exists': async () => undefined },
      logLevel: 'error',
      ...options,
    }).verifyProvider();
  }

  /** "Consumer version" for every pact publication the provider version published a result for. */
  async function verifiedBy(providerVersion: string): Promise<string[]> {
    const verifications = await broker.prisma.verification.findMany({
      where: { providerVersion: { number: providerVersion } },
      select: { pactVersion: { select: { publications: { select: { consumer: true, consumerVersion: true } } } } },
    });
    return verifications.flatMap((verification) =>
      verification.pactVersion.publications.map((p) => `${p.consumer.name} ${p.consumerVersion.number}`),
    );
  }

  it("mainBranch: the head of each consumer's main branch, and nothing for a head that dropped the provider", async () => {
    await verify('100', { consumerVersionSelectors: [{ mainBranch: true }] });
    expect(await verifiedBy('100')).to.have.members(['Mobile 3.0.0']);
  });

  it("matchingBranch: the head of the consumers' branch named like the provider's", async () => {
    await verify('101', { providerVersionBranch: 'feat-x', consumerVersionSelectors: [{ matchingBranch: true }] });
    expect(await verifiedBy('101')).to.have.members(['Web 2.0.0']);
  });

  it('deployedOrReleased: every version deployed or released (and still supported)', async () => {
    await verify('102', { consumerVersionSelectors: [{ deployedOrReleased: true }] });
    expect(await verifiedBy('102')).to.have.members(['Web 1.0.0', 'Mobile 2.9.0']);
  });
});
