// The broker verified as a Pact provider against the official Ruby client's own pact with the Pact
// Broker (67 interactions, 40 provider states), the compatibility test the Pact Broker itself runs.
// BROKER_CONFORMANCE_PACT verifies another pact of the same kind (a file path or an http(s) URL) instead
// (not PACT_URL: that names the pact `npm run verify:provider` verifies, and may be set in the same shell).
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { useBroker, type BrokerTestContext } from '../testing/broker-test-context.ts';
import { providerStates } from './provider-states.ts';
import { conformanceRequestFilter, type PlaceholderLookup } from './request-filter.ts';

const BUNDLED_PACT = join(dirname(fileURLToPath(import.meta.url)), 'pact-broker-client-v2.json');
const CONFORMANCE_PACT = process.env.BROKER_CONFORMANCE_PACT ?? BUNDLED_PACT;
const PACT_NAME = CONFORMANCE_PACT === BUNDLED_PACT ? "the Ruby client's V2 pact" : CONFORMANCE_PACT;

interface PactFile {
  interactions: {
    description: string;
    providerState?: string;
    providerStates?: { name: string }[];
    response: { status: number };
  }[];
}

async function readPactFile(location: string): Promise<PactFile> {
  if (/^https?:\/\//.test(location)) {
    const response = await fetch(location);
    if (!response.ok) throw new Error(`BROKER_CONFORMANCE_PACT ${location} answered ${response.status}`);
    return (await response.json()) as PactFile;
  }
  return JSON.parse(readFileSync(location, 'utf8')) as PactFile;
}

function stateNames(pact: PactFile): string[] {
  return [
    ...new Set(
      pact.interactions.flatMap((i) =>
        i.providerStates ? i.providerStates.map((s) => s.name) : i.providerState ? [i.providerState] : [],
      ),
    ),
  ];
}

function lookupIn(broker: BrokerTestContext): PlaceholderLookup {
  return {
    pacticipantName: async (name) =>
      (
        await broker.prisma.$queryRaw<
          { name: string }[]
        >`SELECT name FROM pacticipants WHERE upper(name) = upper(${name})`
      )[0]?.name,
    versionNumber: async (pacticipant, number) =>
      (
        await broker.prisma.$queryRaw<
          { number: string }[]
        >`SELECT v.number FROM versions v JOIN pacticipants p ON p.id = v.pacticipant_id
        WHERE p.name = ${pacticipant} AND upper(v.number) = upper(${number})`
      )[0]?.number,
    environmentUuid: async (name) =>
      (
        await broker.prisma.$queryRaw<
          { uuid: string }[]
        >`SELECT uuid::text FROM environments WHERE upper(name) = upper(${name})`
      )[0]?.uuid,
  };
}

describe("broker: conformance with the Pact Broker client's pact", function () {
  this.timeout(180_000);
  // The pact's responses name http://example.org, the base URL the Pact Broker verifies it with.
  const broker = useBroker({ config: { baseUrl: 'http://example.org' } });

  function verifier(pactUrl: string, counters: { resets: number } = { resets: 0 }): Verifier {
    const options: VerifierOptions = {
      provider: 'Pact Broker',
      providerBaseUrl: broker.url,
      pactUrls: [pactUrl],
      // Every interaction starts from an empty broker; state handlers then seed what they name.
      beforeEach: async () => {
        counters.resets += 1;
        await broker.reset();
      },
      stateHandlers: Object.fromEntries(
        Object.entries(providerStates).map(([name, seed]) => [
          name,
          async () => {
            await seed(broker.data());
          },
        ]),
      ),
      requestFilter: conformanceRequestFilter(lookupIn(broker)),
      logLevel: 'error',
    };
    return new Verifier(options);
  }

  it('has a state handler for every provider state the pact names (pact-js would only warn)', async () => {
    const missing = stateNames(await readPactFile(CONFORMANCE_PACT)).filter((name) => !(name in providerStates));
    expect(missing).to.deep.equal([]);
  });

  it(`verifies every interaction of ${PACT_NAME}`, async () => {
    const pact = await readPactFile(CONFORMANCE_PACT);
    const counters = { resets: 0 };
    await verifier(CONFORMANCE_PACT, counters).verifyProvider();
    expect(counters.resets, 'the broker was emptied before each interaction').to.equal(pact.interactions.length);
  });

  describe('the verification fails when the broker does not do what the pact says', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'broker-conformance-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('an interaction expecting a relation the index lacks fails the run', async () => {
      const pact = JSON.parse(readFileSync(BUNDLED_PACT, 'utf8')) as PactFile & Record<string, unknown>;
      const index = pact.interactions.find(
        (i) =>
          i.description === 'a request for the index resource' &&
          i.providerState === 'the pb:publish-contracts relations exists in the index resource',
      )!;
      const response = index.response as unknown as {
        body: { _links: Record<string, unknown> };
        matchingRules: Record<string, unknown>;
      };
      response.body._links = { 'pb:publish-contracts-that-does-not-exist': { href: '/contracts/publish' } };
      response.matchingRules = {};
      const broken = { ...pact, interactions: [index] };
      const file = join(dir, 'broken.json');
      writeFileSync(file, JSON.stringify(broken));
      let failure: unknown;
      await verifier(file)
        .verifyProvider()
        .catch((error: unknown) => (failure = error));
      expect(failure, 'the verifier must reject').to.be.instanceOf(Error);
    });
  });
});
