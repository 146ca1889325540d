// A broker killed mid-delivery has its delivery finished by another broker on the same database. Two broker
// processes share one database; broker B is paused (SIGSTOP) while a publication through broker A triggers a
// webhook, so A is the one that takes the delivery job. The target holds A's request open; B resumes and A is
// killed (SIGKILL), as a crashed host is, before its attempt is recorded. pg-boss expires A's job and hands it
// to B, which delivers again. The queue's timings are the broker's own settings, made short here so the
// handover takes seconds rather than the production minutes.
import { expect } from 'chai';
import { freshTestDatabaseUrl } from '../db/testing/test-databases.ts';
import { createBrokerPrismaClient, type PrismaClient } from './prisma-client.ts';
import { startBrokerProcess, type BrokerProcess } from './testing/broker-process.ts';
import { buildPact } from './testing/test-data.ts';
import { WEBHOOK_QUEUE } from './webhooks/delivery-queue.ts';
import { eventually, publishBody, WebhookReceiver } from './webhooks/testing/receiver.ts';

async function post(base: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/hal+json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${text}`);
}

describe('several brokers on one database: a broker killed mid-delivery', function () {
  this.timeout(120_000);
  const receiver = new WebhookReceiver();
  let brokers: BrokerProcess[] = [];
  let prisma: PrismaClient;

  before(async () => {
    const databaseUrl = await freshTestDatabaseUrl('broker', 'several_brokers_handover');
    prisma = createBrokerPrismaClient(databaseUrl, { poolSize: 2 });
    await receiver.start();
    const env = {
      BROKER_WEBHOOK_SCHEME_WHITELIST: 'http',
      BROKER_WEBHOOK_HOST_WHITELIST: '127.0.0.1',
      // A's attempt must still be in progress when A is killed: the timeout leaves seconds for that.
      BROKER_WEBHOOK_TIMEOUT_SECONDS: '5',
      BROKER_WEBHOOK_JOB_EXPIRY_SECONDS: '6',
      BROKER_WEBHOOK_QUEUE_MAINTENANCE_SECONDS: '1',
      BROKER_WEBHOOK_REDELIVERY_DELAY_SECONDS: '1',
    };
    const started = await Promise.allSettled([1, 2].map(() => startBrokerProcess(databaseUrl, { env })));
    // One that started is stopped in `after` even when the other did not start.
    brokers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  });

  after(async () => {
    // A paused broker would never act on SIGTERM: resume it first.
    for (const broker of brokers) {
      try {
        process.kill(broker.pid, 'SIGCONT');
      } catch {
        // already gone
      }
    }
    await Promise.all(brokers.map((broker) => broker.stop()));
    await receiver.stop();
    await prisma?.$disconnect();
  });

  it('hands the interrupted delivery to the other broker, which delivers it once more and records one successful attempt', async () => {
    const [a, b] = brokers as [BrokerProcess, BrokerProcess];
    await post(a.url, '/webhooks', {
      events: [{ name: 'contract_published' }],
      request: { method: 'POST', url: `${receiver.url}/hook`, body: { v: '${pactbroker.consumerVersionNumber}' } },
    });
    receiver.answer('hold', 200);

    process.kill(b.pid, 'SIGSTOP'); // only A can take the job
    await post(a.url, '/contracts/publish', publishBody(buildPact('Foo', 'Bar'), '1'));
    await eventually('broker A to send the webhook', async () => receiver.received.length === 1 || undefined);
    process.kill(b.pid, 'SIGCONT');
    await a.kill();
    // Killed before its attempt was recorded (a recorded attempt would not be made again).
    expect(await prisma.webhookExecution.count()).to.equal(0);

    const triggered = await eventually(
      'broker B to finish the delivery',
      async () => {
        const rows = await prisma.triggeredWebhook.findMany();
        return rows.length === 1 && rows[0]!.status === 'success' ? rows[0]! : undefined;
      },
      60_000,
    );
    expect(triggered.attempts).to.equal(1);
    const executions = await prisma.webhookExecution.findMany();
    expect(executions.map((execution) => execution.success)).to.deep.equal([true]);
    // The interrupted request and B's, the same webhook both times; nothing more.
    expect(receiver.received.map((received) => [received.url, JSON.parse(received.body).v])).to.deep.equal([
      ['/hook', '1'],
      ['/hook', '1'],
    ]);
    // The queue made the job again after it expired (one retry), and nothing is left in it to deliver.
    const jobs = await prisma.$queryRawUnsafe<{ state: string; retry_count: number }[]>(
      'SELECT state, retry_count FROM pgboss.job WHERE name = $1',
      WEBHOOK_QUEUE,
    );
    expect(jobs).to.deep.equal([{ state: 'completed', retry_count: 1 }]);
  });
});
