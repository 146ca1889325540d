// Every non-PactFlow command of the official Rust Pact Broker CLI works against this broker. The commands
// the other client specs run are not run again here: a table says which spec runs each, and a check reads
// the CLI's own --help so a command added to a future CLI fails this file until someone covers it. The
// commands no spec ran before are run here, each once, asserting its real effect.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { projectRoot } from '../../common/project-root.ts';
import { useBroker } from '../testing/broker-test-context.ts';
import { pactBrokerCli, type CliRun } from '../testing/pact-broker-cli.ts';

/** Where each command is run: a client spec (relative to the project root), or why none runs it. */
const COVERAGE: Record<string, { spec: string } | { notRun: string }> = {
  publish: { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'list-latest-pact-versions': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'get-pacts': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'create-environment': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'update-environment': { spec: 'broker/clients/pact-broker-cli-all-commands.spec.ts' },
  'delete-environment': { spec: 'broker/clients/pact-broker-cli-all-commands.spec.ts' },
  'describe-environment': { spec: 'broker/clients/pact-broker-cli-all-commands.spec.ts' },
  'list-environments': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'record-deployment': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'record-undeployment': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'record-release': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'record-support-ended': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'can-i-deploy': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'can-i-merge': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'create-or-update-pacticipant': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'describe-pacticipant': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'list-pacticipants': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'create-webhook': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'create-or-update-webhook': { spec: 'broker/clients/pact-broker-cli-all-commands.spec.ts' },
  'delete-webhook': { spec: 'broker/clients/pact-broker-cli-all-commands.spec.ts' },
  'test-webhook': { spec: 'broker/clients/pact-broker-cli-all-commands.spec.ts' },
  'delete-branch': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'create-version-tag': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'delete-version-tag': { spec: 'broker/clients/pact-broker-cli-all-commands.spec.ts' },
  'describe-version': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'create-or-update-version': { spec: 'broker/clients/pact-broker-cli.spec.ts' },
  'generate-uuid': { spec: 'broker/clients/pact-broker-cli-all-commands.spec.ts' },
  'provider-states': { spec: 'broker/clients/pact-broker-cli-provider-states.spec.ts' },
  ruby: { notRun: 'installs and runs the Ruby Pact Broker itself; it does not talk to a broker' },
  docker: { notRun: 'runs the Pact Broker Docker image; it does not talk to a broker (and needs Docker)' },
  help: { notRun: "prints the CLI's help" },
};

/** The subcommands listed under "Commands:" in the CLI's help. */
export function commandsInHelp(help: string): string[] {
  const section = help.split(/^Commands:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)\s/gm)].map((match) => match[1]!);
}

/** Commands of the help without a row in the table, and rows whose spec never runs the command. */
export function coverageProblems(help: string, coverage: typeof COVERAGE, read: (file: string) => string): string[] {
  const problems: string[] = [];
  for (const command of commandsInHelp(help)) {
    const row = coverage[command];
    if (!row) problems.push(`${command}: no spec runs it`);
    else if ('spec' in row && !read(row.spec).includes(`'${command}'`))
      problems.push(`${command}: ${row.spec} does not run it`);
  }
  return problems;
}

describe('broker: every command of the official Pact Broker CLI', function () {
  this.timeout(90_000);
  const broker = useBroker({
    // test-webhook sends a real request to a server of this test, on the loopback address.
    config: { webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'] },
  });
  const cli = (...args: string[]) => pactBrokerCli([...args, '--retries', '0'], { brokerUrl: broker.url });
  const plain = (...args: string[]) => pactBrokerCli(args, { brokerUrl: broker.url });
  const expectSuccess = (run: CliRun) => {
    expect(run.code, run.output).to.equal(0);
    return run;
  };
  const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');

  describe('coverage', () => {
    it("every command in the CLI's --help is run by a client spec (or has a reason not to be)", async () => {
      const help = expectSuccess(await plain('--help')).stdout;
      expect(commandsInHelp(help)).to.include.members(['publish', 'can-i-deploy', 'provider-states']);
      expect(coverageProblems(help, COVERAGE, read)).to.deep.equal([]);
    });

    it('the check fails for a command the table lacks or a spec that does not run it', () => {
      const help = 'Usage: pact broker\n\nCommands:\n  publish   Publishes\n  brand-new  New\n\nOptions:\n  -h\n';
      const wrong = { ...COVERAGE, publish: { spec: 'broker/clients/pact-js-verifier.spec.ts' } };
      expect(coverageProblems(help, wrong, read)).to.deep.equal([
        'publish: broker/clients/pact-js-verifier.spec.ts does not run it',
        'brand-new: no spec runs it',
      ]);
    });
  });

  it('describe-environment, update-environment and delete-environment', async () => {
    await broker.data().environment('test', { uuid: '0b7c2f3e-1111-4000-8000-000000000001', displayName: 'Test' });
    const uuid = '0b7c2f3e-1111-4000-8000-000000000001';
    const described = expectSuccess(await cli('describe-environment', '--uuid', uuid, '--output', 'json'));
    expect(JSON.parse(described.stdout)).to.include({ name: 'test', displayName: 'Test', production: false });

    expectSuccess(
      await cli('update-environment', '--uuid', uuid, '--name', 'staging', '--display-name', 'Staging', '--production'),
    );
    expect(await broker.prisma.environment.findUniqueOrThrow({ where: { uuid } })).to.include({
      name: 'staging',
      displayName: 'Staging',
      production: true,
    });

    expectSuccess(await cli('delete-environment', '--uuid', uuid));
    expect(await broker.prisma.environment.count()).to.equal(0);
    const missing = await cli('describe-environment', '--uuid', uuid);
    expect(missing.code, missing.output).to.not.equal(0);
  });

  it('delete-version-tag', async () => {
    await broker
      .data()
      .pacticipant('Foo')
      .version('1.0.0', { tags: ['prod', 'dev'] });
    expectSuccess(await cli('delete-version-tag', '--pacticipant', 'Foo', '--version', '1.0.0', '--tag', 'prod'));
    const tags = await broker.prisma.tag.findMany({ select: { name: true } });
    expect(tags.map((tag) => tag.name)).to.deep.equal(['dev']);
  });

  describe('webhooks', () => {
    let target: Server;
    let targetUrl: string;
    const received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];

    before(async () => {
      target = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          received.push({ method: req.method, url: req.url, headers: req.headers, body });
          res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
        });
      });
      await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
      targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;
    });

    after(() => new Promise<void>((resolve) => target.close(() => resolve())));

    it('generate-uuid, create-or-update-webhook (create, then update), test-webhook and delete-webhook', async () => {
      const uuid = expectSuccess(await plain('generate-uuid')).stdout.trim();
      expect(uuid).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      await broker.data().consumer('Foo').version('1').pact('Bar');

      const webhook = (...extra: string[]) =>
        cli(
          'create-or-update-webhook',
          targetUrl,
          '--uuid',
          uuid,
          '--request',
          'POST',
          '--header',
          'Content-Type: application/json',
          '--data',
          '{"pact":"${pactbroker.pactUrl}"}',
          '--consumer',
          'Foo',
          '--provider',
          'Bar',
          ...extra,
        );
      expectSuccess(await webhook('--description', 'first', '--contract-published'));
      expect(await broker.prisma.webhook.findUniqueOrThrow({ where: { uuid } })).to.deep.include({
        description: 'first',
        events: ['contract_published'],
      });
      expectSuccess(await webhook('--description', 'second', '--provider-verification-published'));
      const updated = await broker.prisma.webhook.findUniqueOrThrow({ where: { uuid } });
      expect(updated).to.deep.include({ description: 'second', events: ['provider_verification_published'] });
      expect(await broker.prisma.webhook.count()).to.equal(1);

      expectSuccess(await cli('test-webhook', '--uuid', uuid));
      expect(received).to.have.length(1);
      expect(received[0]).to.deep.include({ method: 'POST', url: '/hook' });
      // The template was filled in: the pact's URL, which leads to Foo's pact.
      const pactUrl: string = JSON.parse(received[0]!.body).pact;
      expect(pactUrl.startsWith(`${broker.url}/pacts/provider/Bar/consumer/Foo/pact-version/`), pactUrl).to.equal(true);
      expect((await request(broker.server).get(new URL(pactUrl).pathname).expect(200)).body.consumer.name).to.equal(
        'Foo',
      );

      expectSuccess(await cli('delete-webhook', '--uuid', uuid));
      expect(await broker.prisma.webhook.count()).to.equal(0);
      await request(broker.server).get(`/webhooks/${uuid}`).expect(404);
    });
  });
});
