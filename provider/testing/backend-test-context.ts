// Mocha helper for backend tests: this process's backend test database, a Prisma client on it, the
// production app built on that client, factories, and a reset before every test. Every answer the
// server gives is checked against the backend's OpenAPI document: a test whose requests got an answer
// the document does not promise fails, naming it (so the document cannot drift from the code).
import type { Server } from 'node:http';
import type { Express } from 'express';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { pino } from 'pino';
import { sharedTestDatabase } from '../../db/testing/shared-test-database.ts';
import { testDatabaseUrl } from '../../db/testing/test-databases.ts';
import { createApp } from '../app.ts';
import { backendConfig, type BackendConfig } from '../config.ts';
import type { Random } from '../gacha/roller.ts';
import { createPrismaClient, type PrismaClient, type PrismaClientOptions } from '../prisma-client.ts';
import { ResponseCheck } from '../openapi/response-check.ts';
import { BackendFactories } from './factories.ts';
import { recordingExchanges } from './response-recorder.ts';
import { failTestsWithUndocumentedAnswers } from './undocumented-answers.ts';

export interface BackendTestContext {
  databaseUrl: string;
  prisma: PrismaClient;
  app: Express;
  /** The app listening on an ephemeral port: pass it to supertest so requests share one server. */
  server: Server;
  /** Base URL of `server`, e.g. http://127.0.0.1:41234 */
  url: string;
  factories: BackendFactories;
  /** Empties the database (the catalog stays); runs before each test already. */
  reset(): Promise<void>;
}

export interface BackendTestOptions {
  random?: Random;
  config?: Partial<BackendConfig>;
  /** Use this database instead of the worker's shared one. */
  databaseUrl?: () => Promise<string>;
  /**
   * The app gets a Prisma client of its own, on a pool with these settings (say, a pool of one), instead
   * of the process's shared client (which `prisma` and the factories keep using); disconnected in `after`.
   */
  pool?: PrismaClientOptions;
}

export function useBackend(options: BackendTestOptions = {}): BackendTestContext {
  const context = {} as BackendTestContext;
  let running: RunningServer | undefined;
  const undocumented: string[] = [];
  let ownClient: PrismaClient | undefined;

  before(async () => {
    context.databaseUrl = await (options.databaseUrl?.() ?? testDatabaseUrl('backend'));
    const database = await sharedTestDatabase('backend', context.databaseUrl, (url) =>
      createPrismaClient(url, { poolSize: 20 }),
    );
    context.prisma = database.prisma;
    context.reset = database.reset;
    if (options.pool) ownClient = createPrismaClient(context.databaseUrl, options.pool);
    context.app = createApp({
      prisma: ownClient ?? context.prisma,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      config: backendConfig(options.config),
      ...(options.random ? { random: options.random } : {}),
    });
    context.factories = new BackendFactories(context.prisma);
    const check = await ResponseCheck.create();
    running = await listen(
      recordingExchanges(context.app, (exchange) => undocumented.push(...check.problems(exchange))),
    );
    context.server = running.server;
    context.url = running.url;
  });

  beforeEach(() => context.reset());
  failTestsWithUndocumentedAnswers(undocumented);

  after(async () => {
    await running?.close();
    await ownClient?.$disconnect();
  });

  return context;
}
