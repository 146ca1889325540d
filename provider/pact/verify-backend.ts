// One provider verification: the production app (createApp) on Prisma and the given database,
// listening on an ephemeral port; pact-js's Verifier with the options of pact.setup.ts; the database
// reset before each interaction, then the guarded state handlers seed it. Afterwards: the state
// guard's verdict, the state report and the route coverage report.
//
// Used by `npm test` (provider/pact/backend.pact.spec.ts), by `npm run verify:provider` and by the
// benchmark, so all three verify the same way.
import type { RequestListener } from 'node:http';
import { Verifier } from '@pact-foundation/pact';
import type { Express } from 'express';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { listen } from '../../common/http/listen.ts';
import { DatabaseOutage } from '../../db/testing/database-outage.ts';
import { DatabaseResetter } from '../../db/testing/reset.ts';
import { BACKEND_REFERENCE_TABLES } from '../testing/template-data.ts';
import { createApp } from '../app.ts';
import { backendConfig } from '../config.ts';
import type { Random } from '../gacha/roller.ts';
import { createPrismaClient } from '../prisma-client.ts';
import { BackendFactories } from '../testing/factories.ts';
import { verifierOptions } from './pact.setup.ts';
import { routeCoverage, routeTable, type CoverageReport, type ExercisedRequest } from './route-coverage.ts';
import { StateGuard } from './state-guard.ts';
import { createStateHandlers, type StateHandler } from './state-handlers.ts';
import { stateReport, type StateReport } from './state-report.ts';
import type { VerificationConfig } from './verification-config.ts';
import { describeFailure, parseVerifierResults, type VerifierResults } from './verification-results.ts';

export interface VerifyBackendOptions {
  /** A migrated backend database that verification may empty: never a database anyone uses. */
  databaseUrl: string;
  config: VerificationConfig;
  /** The app's logger (default: silent). */
  logger?: Logger;
  random?: Random;
  /**
   * The provider build under verification, made from the production app: the app itself unless given.
   * The contract pipeline's specs pass a changed build (one that renames a field) to prove that a
   * breaking provider change is caught; the route coverage still reads the production app's routes.
   */
  providerBuild?: (app: Express) => RequestListener;
}

/** When each interaction started (the reset before its states), and how long reset and seeding took. */
export interface VerificationTimeline {
  interactionStarts: number[];
  setupMs: number[];
  finishedAt: number;
}

export interface VerificationOutcome {
  /** The pacts verified, no state was missing and no state handler failed. */
  passed: boolean;
  /** The Rust verifier's results (undefined if it could not run, see `error`). */
  results?: VerifierResults;
  /** Why verification could not run, when the verifier gave no results. */
  error?: string;
  /** The state guard's complaint (missing or failed state handlers), if any. */
  stateProblem?: string;
  stateReport: StateReport;
  coverage: CoverageReport;
  timeline: VerificationTimeline;
}

/** The handlers, each telling `done` when it started once it has finished (for the timeline). */
function timedHandlers(
  handlers: Record<string, StateHandler>,
  done: (started: number) => void,
): Record<string, StateHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([state, handler]): [string, StateHandler] => [
      state,
      async (params) => {
        const started = performance.now();
        try {
          return await handler(params);
        } finally {
          done(started);
        }
      },
    ]),
  );
}

export async function verifyBackend({
  databaseUrl,
  config,
  logger = pino({ level: 'silent' }),
  random,
  providerBuild,
}: VerifyBackendOptions): Promise<VerificationOutcome> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 5 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  // pool.end() resolves before its connection has closed: a server stopped right after (the command's
  // throw-away PostgreSQL) then cuts it, and an unheard 'error' on the pool would crash the process.
  pool.on('error', () => undefined);
  const resetter = new DatabaseResetter(pool, BACKEND_REFERENCE_TABLES);
  // The health probe waits longer for the database than in production (1 s): on a busy CI machine a slow
  // `SELECT 1` would make the backend report itself degraded under "the backend is healthy". An
  // unavailable database (its own provider state) refuses connections at once, so it is still seen.
  const appConfig = backendConfig({ healthDbTimeoutMs: 10_000 });
  const app = createApp({ prisma, logger, config: appConfig, ...(random ? { random } : {}) });
  const provider: RequestListener = providerBuild ? providerBuild(app) : app;

  // Every request the Verifier sends to the app, for the coverage report; the app itself is untouched.
  const requests: ExercisedRequest[] = [];
  const running = await listen((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    provider(req, res);
  });

  const timeline: VerificationTimeline = { interactionStarts: [], setupMs: [], finishedAt: 0 };
  const addToSetup = (started: number) => {
    const current = timeline.setupMs.length - 1;
    if (current >= 0) timeline.setupMs[current]! += performance.now() - started;
  };
  // "The backend's database is unavailable" cuts the database off; the next interaction gets it back.
  const outage = new DatabaseOutage(databaseUrl);
  let cutOff = false;
  const database = {
    cutOff: async () => {
      cutOff = true;
      await outage.cutOff();
    },
  };
  const restore = async () => {
    if (!cutOff) return;
    cutOff = false;
    await outage.restore();
  };
  const handlers = timedHandlers(
    createStateHandlers({ prisma, factories: new BackendFactories(prisma), database }),
    addToSetup,
  );
  const guard = new StateGuard(handlers);

  let results: VerifierResults | undefined;
  let error: string | undefined;
  try {
    // Connect and read the schema for the reset now, not inside the first interaction.
    await Promise.all([resetter.reset(), prisma.$queryRaw`SELECT 1`]);
    const options = verifierOptions(config, {
      providerBaseUrl: running.url,
      stateHandlers: guard.stateHandlers,
      // Once per interaction, before its first state: so an interaction with several states gets all of them.
      beforeEach: async () => {
        const started = performance.now();
        timeline.interactionStarts.push(started);
        timeline.setupMs.push(0);
        await restore();
        await resetter.reset();
        addToSetup(started);
      },
    });
    results = parseVerifierResults(await new Verifier(options).verifyProvider());
    if (!results) error = 'the verifier gave no results';
  } catch (failure) {
    results = parseVerifierResults((failure as Error).message);
    if (!results) error = (failure as Error).message;
  } finally {
    timeline.finishedAt = performance.now();
    await running.close();
    await restore();
    await outage.end();
    // Leave the database as empty as it was found (the catalog stays).
    await resetter.reset().catch(() => undefined);
    await prisma.$disconnect();
    await pool.end();
  }

  const stateProblem = guard.problem();
  return {
    passed: results?.result === true && !error && !stateProblem,
    ...(results ? { results } : {}),
    ...(error ? { error } : {}),
    ...(stateProblem ? { stateProblem } : {}),
    stateReport: stateReport(guard.used, guard.handled),
    coverage: routeCoverage(routeTable(app), requests),
    timeline,
  };
}

/** Why a verification failed, naming each failing interaction and mismatch; empty when it passed. */
export function failureReport(outcome: VerificationOutcome): string {
  if (outcome.passed) return '';
  const lines = ['Provider verification failed.'];
  if (outcome.error) lines.push(`The verifier could not run: ${outcome.error}`);
  for (const failure of outcome.results?.errors ?? []) lines.push(...describeFailure(failure));
  if (outcome.stateProblem) lines.push(outcome.stateProblem);
  return lines.join('\n');
}

/** Failures of pending pacts: reported, never failing the build; empty when there are none. */
export function pendingFailureReport(outcome: VerificationOutcome): string {
  const pending = outcome.results?.pendingErrors ?? [];
  if (pending.length === 0) return '';
  return ['Pending pacts failed (this does not fail the build):', ...pending.flatMap(describeFailure)].join('\n');
}
