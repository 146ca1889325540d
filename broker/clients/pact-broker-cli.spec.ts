// Proof with the official Rust Pact Broker CLI (node_modules/.bin/pact-broker, from
// @pact-foundation/pact-cli): every command a pipeline uses, against this broker on PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { pactBrokerCli, type CliRun } from '../testing/pact-broker-cli.ts';
import { buildPact } from '../testing/test-data.ts';

describe('broker: the official Pact Broker CLI (Rust)', function () {
  this.timeout(60_000);
  const broker = useBroker();
  let pactDir: string;

  before(() => {
    pactDir = mkdtempSync(join(tmpdir(), 'broker-cli-pacts-'));
  });

  after(() => rmSync(pactDir, { recursive: true, force: true }));

  const cli = (...args: string[]) => pactBrokerCli([...args, '--retries', '0'], { brokerUrl: broker.url });

  function expectSuccess(run: CliRun): CliRun {
    expect(run.code, run.output).to.equal(0);
    return run;
  }

  function writePact(consumer: string, provider: string): string {
    const file = join(pactDir, `${consumer}-${provider}.json`);
    writeFileSync(file, JSON.stringify(buildPact(consumer, provider)));
    return file;
  }

  async function publish(consumer: string, provider: string, version: string, ...extra: string[]): Promise<CliRun> {
    return expectSuccess(
      await cli('publish', writePact(consumer, provider), '--consumer-app-version', version, ...extra),
    );
  }

  it("publish: stores the pact with the version's branch and tags, and prints the broker's notices", async () => {
    const run = await publish('Foo', 'Bar', '1.0.0', '--branch', 'main', '--tag', 'dev', '--build-url', 'https://ci/1');
    expect(run.stdout).to.contain('Pact for Foo version 1.0.0 and provider Bar published');
    const version = (await request(broker.server).get('/pacticipants/Foo/versions/1.0.0').expect(200)).body;
    expect(version._embedded.branchVersions[0].name).to.equal('main');
    expect(version._embedded.tags[0].name).to.equal('dev');
    expect(version.buildUrl).to.equal('https://ci/1');
    await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/1.0.0').expect(200);
  });

  it("publish: changed content for a published version fails with the broker's explanation", async () => {
    await publish('Foo', 'Bar', '1.0.0');
    const run = await cli('publish', writePact('Foo', 'Bar'), '--consumer-app-version', '1.0.0');
    expect(run.code, run.output).to.not.equal(0);
    expect(run.stdout).to.contain('Cannot change the content of the pact for Foo version 1.0.0');
  });

  it('list-latest-pact-versions: lists the latest pact of each integration', async () => {
    await publish('Foo', 'Bar', '1');
    await publish('Foo', 'Bar', '2');
    await publish('Baz', 'Bar', '7');
    const run = expectSuccess(await cli('list-latest-pact-versions', '--output', 'json'));
    const pacts = JSON.parse(run.stdout).pacts as {
      _embedded: { consumer: { name: string; _embedded: { version: { number: string } } } };
    }[];
    expect(
      pacts.map((p) => `${p._embedded.consumer.name} ${p._embedded.consumer._embedded.version.number}`),
    ).to.have.members(['Foo 2', 'Baz 7']);
    const table = expectSuccess(await cli('list-latest-pact-versions'));
    expect(table.stdout).to.match(/"Foo"\s*┆\s*"2"\s*┆\s*"Bar"/);
  });

  it('create-or-update-pacticipant and describe-pacticipant', async () => {
    expectSuccess(
      await cli(
        'create-or-update-pacticipant',
        '--name',
        'Foo',
        '--main-branch',
        'main',
        '--repository-url',
        'https://git/foo',
      ),
    );
    const stored = await broker.prisma.pacticipant.findUniqueOrThrow({ where: { name: 'Foo' } });
    expect(stored).to.include({ mainBranch: 'main', repositoryUrl: 'https://git/foo' });
    expectSuccess(await cli('create-or-update-pacticipant', '--name', 'Foo', '--display-name', 'The Foo'));
    expect(await broker.prisma.pacticipant.findUniqueOrThrow({ where: { name: 'Foo' } })).to.include({
      displayName: 'The Foo',
      mainBranch: 'main',
    });
    const described = expectSuccess(await cli('describe-pacticipant', '--name', 'Foo', '--output', 'json'));
    expect(JSON.parse(described.stdout)).to.include({ name: 'Foo', mainBranch: 'main' });
    const missing = await cli('describe-pacticipant', '--name', 'Nobody');
    expect(missing.code, missing.output).to.not.equal(0);
  });

  it('create-version-tag and describe-version', async () => {
    await publish('Foo', 'Bar', '1.0.0');
    expectSuccess(await cli('create-version-tag', '--pacticipant', 'Foo', '--version', '1.0.0', '--tag', 'prod'));
    expect(await broker.prisma.tag.count({ where: { name: 'prod' } })).to.equal(1);
    expectSuccess(
      await cli(
        'create-version-tag',
        '--pacticipant',
        'Foo',
        '--version',
        '2.0.0',
        '--tag',
        'dev',
        '--auto-create-version',
      ),
    );
    const described = expectSuccess(
      await cli('describe-version', '--pacticipant', 'Foo', '--version', '1.0.0', '--output', 'json'),
    );
    expect(JSON.parse(described.stdout)).to.include({ number: '1.0.0' });
    const latest = expectSuccess(await cli('describe-version', '--pacticipant', 'Foo', '--output', 'json'));
    expect(JSON.parse(latest.stdout)).to.include({ number: '2.0.0' });
  });

  it('create-environment, record-deployment and record-release', async () => {
    await publish('Foo', 'Bar', '1.0.0');
    expectSuccess(
      await cli('create-environment', '--name', 'production', '--display-name', 'Production', '--production'),
    );
    const environment = await broker.prisma.environment.findUniqueOrThrow({ where: { name: 'production' } });
    expect(environment).to.include({ production: true, displayName: 'Production' });
    expectSuccess(
      await cli(
        'record-deployment',
        '--pacticipant',
        'Foo',
        '--version',
        '1.0.0',
        '--environment',
        'production',
        '--application-instance',
        'blue',
      ),
    );
    expect(await broker.prisma.deployedVersion.findFirstOrThrow()).to.include({
      applicationInstance: 'blue',
      undeployedAt: null,
    });
    expectSuccess(
      await cli('record-release', '--pacticipant', 'Foo', '--version', '1.0.0', '--environment', 'production'),
    );
    expect(await broker.prisma.releasedVersion.count({ where: { supportEndedAt: null } })).to.equal(1);
    const unknownEnvironment = await cli(
      'record-deployment',
      '--pacticipant',
      'Foo',
      '--version',
      '1.0.0',
      '--environment',
      'moon',
    );
    expect(unknownEnvironment.code, unknownEnvironment.output).to.not.equal(0);
  });

  it('the other commands a pipeline uses: undeploy, end support, versions, branches, lists, pacts, webhooks', async () => {
    await broker
      .data()
      .environment('production')
      .consumer('Foo', { mainBranch: 'main' })
      .version('1.0.0', { branch: 'main' })
      .pact('Bar')
      .deployedTo('production', { applicationInstance: 'blue' })
      .releasedTo('production');
    expectSuccess(
      await cli(
        'record-undeployment',
        '--pacticipant',
        'Foo',
        '--environment',
        'production',
        '--application-instance',
        'blue',
      ),
    );
    expect(await broker.prisma.deployedVersion.count({ where: { undeployedAt: null } })).to.equal(0);
    expectSuccess(
      await cli('record-support-ended', '--pacticipant', 'Foo', '--version', '1.0.0', '--environment', 'production'),
    );
    expect(await broker.prisma.releasedVersion.count({ where: { supportEndedAt: null } })).to.equal(0);
    expectSuccess(
      await cli('create-or-update-version', '--pacticipant', 'Foo', '--version', '2.0.0', '--branch', 'feat'),
    );
    expect(await broker.prisma.branchVersion.count({ where: { branchName: 'feat' } })).to.equal(1);
    expectSuccess(await cli('delete-branch', '--pacticipant', 'Foo', '--branch', 'feat'));
    expect(await broker.prisma.branch.count({ where: { name: 'feat' } })).to.equal(0);
    expect(expectSuccess(await cli('list-environments')).stdout).to.match(/production\s*┆\s*Production/);
    expect(expectSuccess(await cli('list-pacticipants')).stdout).to.match(/"Foo"\s*┆\s*"Foo"/);
    expect(expectSuccess(await cli('get-pacts', '--provider', 'Bar')).stdout).to.contain(
      'Pact between Foo (1.0.0) and Bar',
    );
    expect(
      expectSuccess(await cli('get-pacts', '--provider', 'Bar', '--consumer', 'Foo', '--branch', 'main')).stdout,
    ).to.contain('Pact between Foo (1.0.0) and Bar');
    expectSuccess(
      await cli(
        'create-webhook',
        'https://ci.example/hook',
        '--request',
        'POST',
        '--description',
        'verify',
        '--contract-requiring-verification-published',
        '--provider',
        'Bar',
      ),
    );
    expect(await broker.prisma.webhook.findFirstOrThrow()).to.deep.include({
      events: ['contract_requiring_verification_published'],
      description: 'verify',
    });
  });

  describe('can-i-deploy', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('production', { production: true })
        .provider('Bar')
        .version('4.0.0')
        .deployedTo('production');
    });

    const canIDeploy = (version: string, ...extra: string[]) =>
      cli('can-i-deploy', '--pacticipant', 'Foo', '--version', version, '--to-environment', 'production', ...extra);

    it('yes: exit 0 when the provider in production verified the pact', async () => {
      await broker.data().consumer('Foo').version('1.0.0').pact('Bar').verifiedBy('4.0.0');
      const run = expectSuccess(await canIDeploy('1.0.0'));
      expect(run.stdout).to.match(/Computer says yes/);
    });

    it('no: exit 1 when the verification failed', async () => {
      await broker.data().consumer('Foo').version('1.0.0').pact('Bar').verifiedBy('4.0.0', { success: false });
      const run = await canIDeploy('1.0.0');
      expect(run.code, run.output).to.equal(1);
      expect(run.stdout).to.match(/Computer says no/);
      expect(run.stdout).to.contain('failed verification');
    });

    it('unknown: retries while unknown, and says yes once the verification arrives', async () => {
      await broker.data().consumer('Foo').version('1.0.0').pact('Bar');
      const matrixRequests: number[] = [];
      const count = (req: { url?: string }) => req.url?.startsWith('/matrix') && matrixRequests.push(Date.now());
      broker.server.on('request', count);
      try {
        const running = canIDeploy('1.0.0', '--retry-while-unknown', '10', '--retry-interval', '1');
        while (matrixRequests.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        await broker.data().consumer('Foo').version('1.0.0').pact('Bar').verifiedBy('4.0.0');
        const run = expectSuccess(await running);
        expect(run.stdout).to.match(/Computer says yes/);
        // (When a request arrived says nothing of when its query ran, so only the count is asserted.)
        expect(matrixRequests.length, 'the CLI asked again after an unknown answer').to.be.greaterThan(1);
      } finally {
        broker.server.off('request', count);
      }
    });

    it('unknown: gives up with a non-zero exit after its retries', async () => {
      await broker.data().consumer('Foo').version('1.0.0').pact('Bar');
      const run = await canIDeploy('1.0.0', '--retry-while-unknown', '1', '--retry-interval', '1');
      expect(run.code, run.output).to.not.equal(0);
      expect(run.stdout).to.match(
        /No verified pact exists between version 1.0.0 of Foo and the version of Bar in production \(4.0.0\)/,
      );
    });

    it("--output json prints the broker's answer", async () => {
      await broker.data().consumer('Foo').version('1.0.0').pact('Bar').verifiedBy('4.0.0');
      const run = expectSuccess(await canIDeploy('1.0.0', '--output', 'json'));
      expect(JSON.parse(run.stdout).summary).to.include({ deployable: true, success: 1 });
    });
  });

  it('can-i-merge: checks the version against the main branch of each integrated pacticipant', async () => {
    await broker
      .data()
      .provider('Bar', { mainBranch: 'main' })
      .consumer('Foo', { mainBranch: 'main' })
      .version('1.0.0', { branch: 'feat' })
      .pact('Bar')
      .verifiedBy('4.0.0', { branch: 'main' })
      .version('1.1.0', { branch: 'feat' })
      .pact('Bar')
      .verifiedBy('4.0.0', { branch: 'main', success: false });
    expectSuccess(await cli('can-i-merge', '--pacticipant', 'Foo', '--version', '1.0.0'));
    const no = await cli('can-i-merge', '--pacticipant', 'Foo', '--version', '1.1.0');
    expect(no.code, no.output).to.not.equal(0);
  });
});
