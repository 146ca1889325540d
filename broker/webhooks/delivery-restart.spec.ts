// Nothing is lost across a broker restart: deliveries queued or waiting to retry when the broker stops
// are made by the next broker on the same database. The "restart" is a new app, Prisma client and
// pg-boss worker: nothing of the first broker's memory reaches the second.
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { createBrokerApp } from '../app.ts';
import { brokerConfig } from '../config.ts';
import { createBrokerPrismaClient, type PrismaClient } from '../prisma-client.ts';
import { useBroker } from '../testing/broker-test-context.ts';
import { buildPact } from '../testing/test-data.ts';
import { eventually, publishBody, WebhookReceiver } from './testing/receiver.ts';
import { startWebhookWorker, type DeliveryWorker } from './worker.ts';
import { webhookExecutor } from '../services.ts';

const config = brokerConfig({
  webhookSchemes: ['http'],
  webhookHosts: ['127.0.0.1'],
  webhookRetrySchedule: [1, 1, 1, 1, 1],
});
const logger = pino({ level: 'silent' });

interface RunningBroker {
  prisma: PrismaClient;
  server: RunningServer;
  worker: DeliveryWorker;
  stop(): Promise<void>;
}

async function startBroker(databaseUrl: string): Promise<RunningBroker> {
  const prisma = createBrokerPrismaClient(databaseUrl, { poolSize: 4 });
  const server = await listen(createBrokerApp({ prisma, logger, config }));
  const worker = await startWebhookWorker({
    databaseUrl,
    prisma,
    config,
    executor: webhookExecutor(config),
    logger,
    pollingIntervalSeconds: 0.5,
  });
  return {
    prisma,
    server,
    worker,
    async stop() {
      await worker.stop();
      await server.close();
      await prisma.$disconnect();
    },
  };
}

describe('broker: webhook deliveries survive a restart', function () {
  this.timeout(60_000);
  const broker = useBroker(); // the test database and its reset; the brokers under test are started here
  const receiver = new WebhookReceiver();
  let first: RunningBroker | undefined;
  let second: RunningBroker | undefined;

  before(() => receiver.start());
  after(async () => {
    await first?.stop();
    await second?.stop();
    await receiver.stop();
  });

  it('delivers, after the restart, what was waiting to retry and what was queued while no broker ran', async () => {
    first = await startBroker(broker.databaseUrl);
    await request(first.server.server)
      .post('/webhooks')
      .send({
        events: [{ name: 'contract_published' }],
        request: { method: 'POST', url: `${receiver.url}/hook`, body: { v: '${pactbroker.consumerVersionNumber}' } },
      })
      .expect(201);
    receiver.answer(503);
    await request(first.server.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '1'))
      .expect(200);
    await eventually(
      'the first attempt to fail',
      async () => (await broker.prisma.webhookExecution.count()) === 1 || undefined,
    );
    await first.stop();
    first = undefined;

    // While no worker runs: a publication through a broker app without one (the API still answers).
    const apiOnly = await listen(createBrokerApp({ prisma: broker.prisma, logger, config }));
    await request(apiOnly.server)
      .post('/contracts/publish')
      .send(publishBody(buildPact('Foo', 'Bar'), '2'))
      .expect(200);
    await apiOnly.close();
    expect(
      (await broker.prisma.triggeredWebhook.findMany({ orderBy: { id: 'asc' } })).map((row) => row.status),
    ).to.deep.equal(['retrying', 'not_run']);

    second = await startBroker(broker.databaseUrl);
    const rows = await eventually('both deliveries by the restarted broker', async () => {
      const found = await broker.prisma.triggeredWebhook.findMany({ orderBy: { id: 'asc' } });
      return found.every((row) => row.status === 'success') ? found : undefined;
    });
    expect(rows.map((row) => row.attempts)).to.deep.equal([2, 1]);
    expect(receiver.received.map((received) => JSON.parse(received.body).v).sort()).to.deep.equal(['1', '1', '2']);
  });
});
