// Several brokers on one database behave as one: two broker processes (broker/main.ts, each with its own
// Prisma client, pool and pg-boss worker) on the same PostgreSQL database take concurrent publications,
// verifications and deployments through both, and the result is what one broker would have stored, with
// every webhook delivered exactly once (pg-boss hands each job to one worker).
import { expect } from 'chai';
import { freshTestDatabaseUrl } from '../db/testing/test-databases.ts';
import { createBrokerPrismaClient, type PrismaClient } from './prisma-client.ts';
import { startBrokerProcess, type BrokerProcess } from './testing/broker-process.ts';
import { buildPact } from './testing/test-data.ts';
import { eventually, publishBody, WebhookReceiver } from './webhooks/testing/receiver.ts';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  what: string;
}

async function send(base: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/hal+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    what: `${method} ${path}`,
  };
}

/** Every answer was a success: listed otherwise, with what the broker said. */
function expectAllSucceeded(answers: Answer[]): void {
  const failed = answers.filter((answer) => answer.status < 200 || answer.status >= 300);
  expect(failed.map((answer) => `${answer.what}: ${answer.status} ${JSON.stringify(answer.body)}`)).to.deep.equal([]);
}

const linkOf = (answer: Answer, rel: string) =>
  new URL((answer.body._links as Record<string, { href: string }>)[rel]!.href).pathname;

describe('several brokers on one database', function () {
  this.timeout(120_000);
  const receiver = new WebhookReceiver();
  let brokers: BrokerProcess[] = [];
  let prisma: PrismaClient;
  // Whichever of the two brokers serves the i-th request.
  const through = (i: number) => brokers[i % 2]!.url;

  before(async () => {
    const databaseUrl = await freshTestDatabaseUrl('broker', 'several_brokers');
    prisma = createBrokerPrismaClient(databaseUrl, { poolSize: 2 });
    await receiver.start();
    const env = { BROKER_WEBHOOK_SCHEME_WHITELIST: 'http', BROKER_WEBHOOK_HOST_WHITELIST: '127.0.0.1' };
    const started = await Promise.allSettled([1, 2].map(() => startBrokerProcess(databaseUrl, { env })));
    // One that started is stopped in `after` even when the other did not start.
    brokers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  });

  after(async () => {
    await Promise.all(brokers.map((broker) => broker.stop()));
    await receiver.stop();
    await prisma?.$disconnect();
  });

  it(
    'concurrent publications, verifications and deployments through both store one pact version per content, ' +
      'answer no errors, and deliver every webhook exactly once',
    async () => {
      const hook = (event: string, body: Record<string, string>) => ({
        consumer: { name: 'Foo' },
        events: [{ name: event }],
        request: { method: 'POST', url: `${receiver.url}/${event}`, body },
      });
      // Foo's webhooks (Qux's publications, below, trigger none).
      expectAllSucceeded([await send(through(0), 'POST', '/pacticipants', { name: 'Foo' })]);
      expectAllSucceeded(
        await Promise.all([
          send(
            through(0),
            'POST',
            '/webhooks',
            hook('contract_published', { v: '${pactbroker.consumerVersionNumber}' }),
          ),
          send(
            through(1),
            'POST',
            '/webhooks',
            hook('provider_verification_published', {
              v: '${pactbroker.providerVersionNumber}',
            }),
          ),
        ]),
      );
      const environment = await send(through(0), 'POST', '/environments', { name: 'production', production: true });
      expectAllSucceeded([environment]);

      // 12 consumer versions of Foo, alternating between two pact contents, each published once, through
      // either broker; and one version of Qux published four times at once with the same content.
      const versions = Array.from({ length: 12 }, (_, i) => `c${i + 1}`);
      const contents = [buildPact('Foo', 'Bar'), buildPact('Foo', 'Bar')];
      const quxPact = buildPact('Qux', 'Bar');
      const published = await Promise.all([
        ...versions.map((version, i) =>
          send(through(i), 'POST', '/contracts/publish', publishBody(contents[i % 2]!, version)),
        ),
        ...[0, 1, 2, 3].map((i) => send(through(i), 'POST', '/contracts/publish', publishBody(quxPact, 'q1'))),
      ]);
      expectAllSucceeded(published);

      // Six provider versions verify the latest pact and are deployed, each through either broker, at once.
      const pact = await send(through(0), 'GET', '/pacts/provider/Bar/consumer/Foo/latest');
      expectAllSucceeded([pact]);
      const verificationPath = linkOf(pact, 'pb:publish-verification-results');
      const providerVersions = Array.from({ length: 6 }, (_, i) => `p${i + 1}`);
      const environmentUuid = String(environment.body.uuid);
      const answers = await Promise.all([
        ...providerVersions.map((version, i) =>
          send(through(i), 'POST', verificationPath, { success: true, providerApplicationVersion: version }),
        ),
        ...versions.map((version, i) =>
          send(
            through(i + 1),
            'POST',
            `/pacticipants/Foo/versions/${version}/deployed-versions/environment/${environmentUuid}`,
          ),
        ),
      ]);
      expectAllSucceeded(answers);

      expect(await prisma.pactVersion.count({ where: { consumer: { name: 'Foo' } } })).to.equal(2);
      expect(await prisma.pactVersion.count({ where: { consumer: { name: 'Qux' } } })).to.equal(1);
      expect(await prisma.version.count({ where: { pacticipant: { name: 'Qux' } } })).to.equal(1);
      expect(await prisma.pacticipant.count()).to.equal(3);
      expect(await prisma.verification.count()).to.equal(6);
      // Deployments of one application replace each other: exactly one of Foo's versions is current.
      expect(await prisma.deployedVersion.count({ where: { undeployedAt: null } })).to.equal(1);
      expect(await prisma.deployedVersion.count()).to.equal(12);

      // Every delivery made once: 12 publications and 6 verifications, each seen by the receiver once.
      const triggered = 12 + 6;
      await eventually('every delivery', async () => {
        const done = await prisma.triggeredWebhook.count({ where: { status: 'success' } });
        return done === triggered && receiver.received.length >= triggered ? true : undefined;
      });
      const seen = (event: string) =>
        receiver.received
          .filter((received) => received.url === `/${event}`)
          .map((received) => JSON.parse(received.body).v as string)
          .sort();
      expect(seen('contract_published')).to.deep.equal([...versions].sort());
      expect(seen('provider_verification_published')).to.deep.equal(providerVersions);
      expect(await prisma.triggeredWebhook.count()).to.equal(triggered);
      expect(await prisma.webhookExecution.count()).to.equal(triggered);
    },
  );
});
