// Mocha helper for broker tests: this process's broker test database, a Prisma client on it, the
// production app built on that client and listening on port 0, a test data builder, and a reset
// before every test.
import type { Server } from 'node:http';
import type { Express } from 'express';
import { pino } from 'pino';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { sharedTestDatabase } from '../../db/testing/shared-test-database.ts';
import { testDatabaseUrl } from '../../db/testing/test-databases.ts';
import { createBrokerApp } from '../app.ts';
import { brokerConfig, type BrokerConfig } from '../config.ts';
import { createBrokerPrismaClient, type BrokerPrismaOptions, type PrismaClient } from '../prisma-client.ts';
import { BrokerTestData } from './test-data.ts';
import { QUEUE_SCHEMA } from '../webhooks/delivery-queue.ts';
import { startWebhookWorker, type DeliveryWorker } from '../webhooks/worker.ts';
import { webhookExecutor } from '../services.ts';

export interface BrokerTestContext {
  databaseUrl: string;
  prisma: PrismaClient;
  app: Express;
  /** The app listening on an ephemeral port: pass it to supertest so requests share one server. */
  server: Server;
  /** Base URL of `server`, e.g. http://127.0.0.1:41234 */
  url: string;
  /** A fresh data builder (its steps go through the broker's own services). */
  data(): BrokerTestData;
  /** Empties the database; runs before each test already. */
  reset(): Promise<void>;
}

export interface BrokerTestOptions {
  config?: Partial<BrokerConfig>;
  /** Run the webhook delivery worker (pg-boss) for this file's tests, as a running broker does. */
  webhookWorker?: boolean;
  /** Use this database instead of the worker's shared one (say, an isolated one a test may freeze). */
  databaseUrl?: () => Promise<string>;
  /**
   * The app gets a Prisma client of its own, on a pool with these settings (say, a pool of one), instead
   * of the process's shared client (which `prisma` and the test data keep using); disconnected in `after`.
   */
  pool?: BrokerPrismaOptions;
}

// Resets empty the public schema; queued deliveries live in pg-boss's schema and go too, so a retry
// left by one test never reaches the next.
const EMPTY_QUEUE = `DELETE FROM ${QUEUE_SCHEMA}.job; DELETE FROM ${QUEUE_SCHEMA}.archive;`;

export function useBroker(options: BrokerTestOptions = {}): BrokerTestContext {
  const context = {} as BrokerTestContext;
  let running: RunningServer | undefined;
  let worker: DeliveryWorker | undefined;
  let ownClient: PrismaClient | undefined;

  before(async () => {
    context.databaseUrl = await (options.databaseUrl?.() ?? testDatabaseUrl('broker'));
    const database = await sharedTestDatabase('broker', context.databaseUrl, (url) =>
      createBrokerPrismaClient(url, { poolSize: 20 }),
    );
    const { prisma } = database;
    context.prisma = prisma;
    context.reset = async () => {
      await database.reset();
      await database.pool.query(EMPTY_QUEUE);
    };
    context.data = () => new BrokerTestData(prisma);
    const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    const config = brokerConfig(options.config);
    if (options.pool) ownClient = createBrokerPrismaClient(context.databaseUrl, options.pool);
    context.app = createBrokerApp({ prisma: ownClient ?? prisma, logger, config });
    if (options.webhookWorker) {
      worker = await startWebhookWorker({
        databaseUrl: context.databaseUrl,
        prisma: ownClient ?? prisma,
        config,
        executor: webhookExecutor(config),
        logger,
        pollingIntervalSeconds: 0.5,
        stopGraceSeconds: 1, // a test that left a delivery hanging does not hold up the next file
      });
    }
    running = await listen(context.app);
    context.server = running.server;
    context.url = running.url;
  });

  beforeEach(() => context.reset());

  after(async () => {
    await worker?.stop();
    await running?.close();
    await ownClient?.$disconnect();
  });

  return context;
}
