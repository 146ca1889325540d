// Proof that a pipeline using only the official clients works on a fresh broker, with nothing set by
// hand: the Rust CLI publishes with --branch main (the broker detects the main branch), pact-js's
// Verifier selects pacts with { mainBranch: true } and { deployedOrReleased: true }, the CLI records
// deployments and releases, and can-i-deploy answers as the Pact Broker would, including when two
// provider versions are live in the environment at once and only the newer one is compatible.
import { badgeColour } from '../testing/badge-colour.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { Verifier } from '@pact-foundation/pact';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { useBroker } from '../testing/broker-test-context.ts';
import { pactBrokerCli, type CliRun } from '../testing/pact-broker-cli.ts';
import { animalsPact, createAnimalsProvider, type AnimalsProvider } from './testing/animals-provider.ts';

describe('broker: a pipeline on a fresh broker with only the official clients', function () {
  this.timeout(120_000);
  const broker = useBroker();
  let animals: AnimalsProvider;
  let provider: RunningServer;
  let pactDir: string;

  before(async () => {
    animals = createAnimalsProvider();
    provider = await listen(animals.app);
    pactDir = mkdtempSync(join(tmpdir(), 'broker-pipeline-pacts-'));
  });

  after(async () => {
    await provider?.close();
    rmSync(pactDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    animals.renameNameField = false;
    animals.animals.clear();
  });

  const cli = (...args: string[]) => pactBrokerCli([...args, '--retries', '0'], { brokerUrl: broker.url });

  async function succeeds(...args: string[]): Promise<CliRun> {
    const run = await cli(...args);
    expect(run.code, run.output).to.equal(0);
    return run;
  }

  async function publishWeb(version: string): Promise<void> {
    const file = join(pactDir, `Web-Animals-${version}.json`);
    writeFileSync(file, JSON.stringify(animalsPact('Web', 'get-animal')));
    await succeeds('publish', file, '--consumer-app-version', version, '--branch', 'main');
  }

  /** Verifies as pact-js users do on the provider's main branch; resolves to whether verification passed. */
  async function verifyAnimals(version: string): Promise<boolean> {
    const verifier = new Verifier({
      provider: 'Animals',
      providerBaseUrl: provider.url,
      pactBrokerUrl: broker.url,
      providerVersion: version,
      providerVersionBranch: 'main',
      publishVerificationResult: true,
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      stateHandlers: {
        'animal 1 exists': async () => {
          animals.animals.set(1, { id: 1, name: 'Dog', legs: 4 });
        },
      },
      logLevel: 'error',
    });
    return verifier.verifyProvider().then(
      () => true,
      () => false,
    );
  }

  const canIDeploy = (...args: string[]) =>
    cli('can-i-deploy', '--pacticipant', 'Web', '--version', 'web-1', '--to-environment', 'production', ...args);

  it('publish with --branch main sets the main branch; the mainBranch selector finds the pact; can-i-deploy and can-i-merge say yes', async () => {
    await publishWeb('web-1');
    const web = await request(broker.server).get('/pacticipants/Web').expect(200);
    expect(web.body.mainBranch, 'detected from the first version on main').to.equal('main');

    await succeeds('create-environment', '--name', 'production', '--production');
    expect(await verifyAnimals('animals-1'), 'Animals verifies the main-branch pact').to.equal(true);
    const animalsPacticipant = await request(broker.server).get('/pacticipants/Animals').expect(200);
    expect(animalsPacticipant.body.mainBranch, "detected from the verifier's provider branch").to.equal('main');

    expect((await canIDeploy()).code, 'Animals is not in production yet: unknown').to.not.equal(0);
    await succeeds(
      'record-deployment',
      '--pacticipant',
      'Animals',
      '--version',
      'animals-1',
      '--environment',
      'production',
    );
    expect(
      (
        await succeeds(
          'can-i-deploy',
          ...['--pacticipant', 'Web', '--version', 'web-1'],
          ...['--to-environment', 'production'],
        )
      ).stdout,
    ).to.match(/Computer says yes/);
    expect((await succeeds('can-i-merge', '--pacticipant', 'Web', '--version', 'web-1')).stdout).to.match(
      /Computer says yes/,
    );

    // The deployed consumer is now picked up by { deployedOrReleased: true } too: Animals 2 verifies it.
    await succeeds('record-deployment', '--pacticipant', 'Web', '--version', 'web-1', '--environment', 'production');
    expect(await verifyAnimals('animals-2')).to.equal(true);
    const rows = await request(broker.server).get(
      '/matrix?q[][pacticipant]=Animals&q[][version]=animals-2&latestby=cvpv',
    );
    expect(
      rows.body.matrix.map((row: { consumer: { version: { number: string } } }) => row.consumer.version.number),
    ).to.deep.equal(['web-1']);
  });

  for (const live of ['deployed to two application instances', 'released twice'] as const) {
    it(`when provider 10 failed and 11 passed and both are ${live}, can-i-deploy says no with a row for each`, async () => {
      await publishWeb('web-1');
      await succeeds('create-environment', '--name', 'production', '--production');
      const putLive = (version: string, instance: string) =>
        live === 'released twice'
          ? succeeds('record-release', '--pacticipant', 'Animals', '--version', version, '--environment', 'production')
          : succeeds(
              'record-deployment',
              ...['--pacticipant', 'Animals', '--version', version, '--environment', 'production'],
              ...['--application-instance', instance],
            );

      animals.renameNameField = true; // Animals 10 breaks Web's pact
      expect(await verifyAnimals('10'), 'Animals 10 fails the pact').to.equal(false);
      await putLive('10', 'one');
      animals.renameNameField = false;
      expect(await verifyAnimals('11')).to.equal(true);
      await putLive('11', 'two');

      const no = await canIDeploy();
      expect(no.code, no.output).to.equal(1);
      expect(no.stdout).to.match(/Computer says no/);
      // (With --output json the CLI prints the broker's answer and exits 0 whatever it says.)
      const json = await canIDeploy('--output', 'json');
      const answer = JSON.parse(json.stdout) as { summary: { deployable: boolean }; matrix: unknown[] };
      expect(answer.summary.deployable).to.equal(false);
      expect(answer.matrix, 'a row for each live provider version').to.have.length(2);

      // Every other path that decides deployability gives the same answer.
      const paths = [
        '/can-i-deploy?pacticipant=Web&version=web-1&environment=production',
        '/pacticipants/Web/branches/main/latest-version/can-i-deploy/to-environment/production',
        // What older clients (the Ruby pact_broker-client) send.
        '/matrix?q[][pacticipant]=Web&q[][version]=web-1&latestby=cvp&environment=production',
      ];
      for (const path of paths) {
        const res = await request(broker.server).get(path).expect(200);
        expect(res.body.summary.deployable, path).to.equal(false);
        expect(res.body.matrix, path).to.have.length(2);
      }
      const badge = await request(broker.server)
        .get('/pacticipants/Web/branches/main/latest-version/can-i-deploy/to-environment/production/badge')
        .expect(200);
      expect(badgeColour(badge.body as Buffer)).to.equal('red');
    });
  }
});
