// Bi-directional contract testing with only the official Pact CLI: the provider publishes its OpenAPI
// document (`pact pactflow publish-provider-contract`), the consumer its pact (`pact broker publish`),
// and can-i-deploy answers from the broker's comparison of the two.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import type { CliRun } from '../testing/pact-broker-cli.ts';
import { animalsDocument, ANIMALS_YAML, CONSUMER, getAnimal, listAnimals, pact, PROVIDER } from './testing/animals.ts';
import { pactCli } from './testing/pact-cli.ts';

describe('broker: provider contracts with the official Pact CLI', function () {
  this.timeout(60_000);
  const broker = useBroker();
  let dir: string;
  let files = 0;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'provider-contracts-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => pactCli([...args, '--retries', '0'], broker.url);

  function file(name: string, content: string): string {
    files += 1;
    const path = join(dir, `${files}-${name}`);
    writeFileSync(path, content);
    return path;
  }

  function expectSuccess(run: CliRun): CliRun {
    expect(run.code, run.output).to.equal(0);
    return run;
  }

  async function publishContract(
    version: string,
    document: string = JSON.stringify(animalsDocument()),
    { contentType = 'application/json', exitCode = 0 }: { contentType?: string; exitCode?: number } = {},
  ): Promise<CliRun> {
    return cli(
      'pactflow',
      'publish-provider-contract',
      file(contentType.includes('json') ? 'oas.json' : 'oas.yaml', document),
      '--provider',
      PROVIDER,
      '--provider-app-version',
      version,
      '--branch',
      'main',
      '--content-type',
      contentType,
      '--verification-exit-code',
      String(exitCode),
      '--verification-results',
      file('report.txt', exitCode === 0 ? '12 passing' : '11 passing, 1 failing'),
      '--verification-results-content-type',
      'text/plain',
      '--verifier',
      'mocha',
    );
  }

  async function publishPact(version: string, interactions: Record<string, unknown>[]): Promise<CliRun> {
    return expectSuccess(
      await cli(
        'broker',
        'publish',
        file(`${CONSUMER}-${PROVIDER}.json`, JSON.stringify(pact(interactions))),
        '--consumer-app-version',
        version,
        '--branch',
        'main',
      ),
    );
  }

  const canIDeploy = (consumerVersion: string, providerVersion: string) =>
    cli(
      'broker',
      'can-i-deploy',
      '--pacticipant',
      CONSUMER,
      '--version',
      consumerVersion,
      '--pacticipant',
      PROVIDER,
      '--version',
      providerVersion,
    );

  it(
    'publishes a JSON document: the CLI prints the notices; the contract and its self-verification are stored ' +
      'for the provider version',
    async () => {
      const run = expectSuccess(await publishContract('2.0.0'));
      expect(run.stdout).to.contain(
        `Provider contract for ${PROVIDER} version 2.0.0 published (self-verification: passed)`,
      );
      const contract = (
        await request(broker.server).get(`/provider-contracts/provider/${PROVIDER}/version/2.0.0`).expect(200)
      ).body;
      expect(contract).to.include({ providerName: PROVIDER, providerVersionNumber: '2.0.0', specification: 'oas' });
      expect(contract.selfVerificationResults).to.deep.equal({
        success: true,
        content: '12 passing',
        contentType: 'text/plain',
        verifier: 'mocha',
      });
      const version = (await request(broker.server).get(`/pacticipants/${PROVIDER}/versions/2.0.0`).expect(200)).body;
      expect(version._embedded.branchVersions[0].name).to.equal('main');
    },
  );

  it('publishes a YAML document too', async () => {
    expectSuccess(await publishContract('2.0.1', ANIMALS_YAML, { contentType: 'application/yaml' }));
    const content = await request(broker.server)
      .get(`/provider-contracts/provider/${PROVIDER}/version/2.0.1/content`)
      .expect('content-type', /application\/yaml/)
      .expect(200);
    expect(content.text).to.equal(ANIMALS_YAML);
  });

  /** can-i-deploy's answer and the mismatches of the verification its matrix row links to. */
  async function matrixFor(consumerVersion: string, providerVersion: string) {
    const matrix = (
      await request(broker.server)
        .get('/matrix')
        .query(
          `q[][pacticipant]=${CONSUMER}&q[][version]=${consumerVersion}&q[][pacticipant]=${PROVIDER}&q[][version]=${providerVersion}&latestby=cvpv`,
        )
        .expect(200)
    ).body;
    const row = matrix.matrix[0];
    const link = row?.verificationResult?._links.self.href as string | undefined;
    const verification = link ? (await request(broker.server).get(new URL(link).pathname).expect(200)).body : undefined;
    const mismatches = ((verification?.testResults ?? []) as { mismatches?: { description: string }[] }[]).flatMap(
      (result) => (result.mismatches ?? []).map((mismatch) => mismatch.description),
    );
    return {
      deployable: matrix.summary.deployable as boolean | null,
      reason: matrix.summary.reason as string,
      mismatches,
    };
  }

  describe('can-i-deploy from the comparison', () => {
    const animal = { id: 1, name: 'Rex', kind: 'dog', tags: ['good'] };

    it('when the pact is published after the contract and fits it: yes', async () => {
      expectSuccess(await publishContract('2.0.0'));
      await publishPact('1.0.0', [getAnimal(animal), listAnimals('fluffy')]);
      const run = await canIDeploy('1.0.0', '2.0.0');
      expect(run.code, run.output).to.equal(0);
      expect(run.stdout).to.contain('Computer says yes');
      expect((await matrixFor('1.0.0', '2.0.0')).mismatches).to.deep.equal([]);
    });

    it('when the contract is published after the pact and fits it: yes', async () => {
      await publishPact('1.0.0', [getAnimal(animal)]);
      const published = expectSuccess(await publishContract('2.0.0'));
      expect(published.stdout)
        .to.contain(`Pact of ${CONSUMER}`)
        .and.contain('all 1 interactions compatible with the document');
      const run = await canIDeploy('1.0.0', '2.0.0');
      expect(run.code, run.output).to.equal(0);
    });

    it('when the pact needs a field the document does not declare: no, and the matrix says which', async () => {
      expectSuccess(await publishContract('2.0.0'));
      await publishPact('1.0.0', [getAnimal({ ...animal, owner: 'Ann' })]);
      const run = await canIDeploy('1.0.0', '2.0.0');
      expect(run.code, run.output).to.equal(1);
      expect(run.stdout).to.contain('Computer says no');
      const { deployable, reason, mismatches } = await matrixFor('1.0.0', '2.0.0');
      expect(deployable).to.equal(false);
      expect(reason).to.contain('failed verification');
      expect(mismatches).to.deep.equal(['$.owner: the document does not declare this field, which the pact needs']);
    });

    it('when the pact needs a field of another type: no, naming both types', async () => {
      expectSuccess(await publishContract('2.0.0'));
      await publishPact('1.0.0', [getAnimal({ ...animal, id: 'one' })]);
      expect((await canIDeploy('1.0.0', '2.0.0')).code).to.equal(1);
      expect((await matrixFor('1.0.0', '2.0.0')).mismatches).to.deep.equal([
        '$.id: the document declares integer, the pact needs string',
      ]);
    });

    it('when the pact uses a path the document does not have: no', async () => {
      expectSuccess(await publishContract('2.0.0'));
      await publishPact('1.0.0', [getAnimal(animal, { path: '/zoos/1' })]);
      expect((await canIDeploy('1.0.0', '2.0.0')).code).to.equal(1);
      expect((await matrixFor('1.0.0', '2.0.0')).mismatches).to.deep.equal(['no path in the document matches /zoos/1']);
    });

    it('when the pact expects a status the document does not list: no', async () => {
      expectSuccess(await publishContract('2.0.0'));
      await publishPact('1.0.0', [getAnimal({ message: 'teapot' }, { status: 418 })]);
      expect((await canIDeploy('1.0.0', '2.0.0')).code).to.equal(1);
      expect((await matrixFor('1.0.0', '2.0.0')).mismatches).to.deep.equal([
        'the document lists no 418 response for GET /animals/{id}',
      ]);
    });

    it("an eachLike needs an array of such items: tags like 'fluffy' fit an array of strings, tags like 7 do not", async () => {
      expectSuccess(await publishContract('2.0.0'));
      await publishPact('1.0.0', [listAnimals('fluffy')]);
      await publishPact('1.0.1', [listAnimals(7)]);
      expect((await matrixFor('1.0.0', '2.0.0')).deployable).to.equal(true);
      expect((await matrixFor('1.0.1', '2.0.0')).mismatches).to.deep.equal([
        '$.animals[0].tags[0]: the document declares string, the pact needs integer',
      ]);
    });

    it("when the provider's verification of its own document failed, no pact counts as verified by it", async () => {
      await publishPact('1.0.0', [getAnimal(animal)]);
      const published = expectSuccess(
        await publishContract('2.0.0', JSON.stringify(animalsDocument()), { exitCode: 1 }),
      );
      expect(published.stdout).to.contain("The provider's verification of its own document failed");
      expect((await canIDeploy('1.0.0', '2.0.0')).code).to.equal(1);
      expect((await matrixFor('1.0.0', '2.0.0')).mismatches).to.deep.equal([]);
    });
  });

  describe('a document the broker cannot use is refused, and nothing is stored', () => {
    async function expectRefused(document: string, reason: string | RegExp) {
      const run = await publishContract('2.0.0', document);
      expect(run.code, run.output).to.not.equal(0);
      if (typeof reason === 'string') expect(run.output).to.contain(reason);
      else expect(run.output).to.match(reason);
      expect(await broker.prisma.providerContract.count()).to.equal(0);
      expect(await broker.prisma.version.count()).to.equal(0);
    }

    it('not OpenAPI', () =>
      expectRefused(
        JSON.stringify({ hello: 'world' }),
        'The document is not an OpenAPI document: it has no "openapi" version field',
      ));

    it('not parsable', () => expectRefused('{"openapi": "3.1.0", ', 'The document is not valid JSON'));

    it('with a $ref that points at nothing', () => {
      const document = animalsDocument();
      delete (document.components as { schemas: Record<string, unknown> }).schemas.Animal;
      return expectRefused(
        JSON.stringify(document),
        'Unresolved $ref "#/components/schemas/Animal" at #/paths/~1animals~1{id}/get/responses/200/content/application~1json/schema',
      );
    });
  });
});
