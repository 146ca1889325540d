// Consumer contract tests: autofighter-router → autofighter-backend. Each test records one interaction
// and drives the REAL router code against Pact's mock backend: requests go through the router's /api
// proxy (supertest against createRouter) or its health check, or through the BackendClient; never
// straight at the mock. Answers read through the proxy are parsed with the client's schemas too.
//
// What the pact expects (docs/contract-integrity.md): exact values wherever the provider state makes
// them knowable (the states create records with the ids, contents and times given here), type matchers
// only for what the backend chooses (new ids, "now", random gacha items). The last test holds the pact
// against the client's declared answers (the coverage guard) and against the committed pact.
//
// This file is the only writer of the pact: its tests run in order (mocha runs a file's tests
// serially), so the file holds exactly these interactions, and regenerating it gives the same bytes
// (fixed examples everywhere, no generated values).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MatchersV3 } from '@pact-foundation/pact';
import type { V3MockServer as MockServer } from '@pact-foundation/pact';
import { pino } from 'pino';
import request from 'supertest';
import { BackendClient } from '../backend-client/backend-client.ts';
import { backendEndpoints, type EndpointName } from '../backend-client/endpoints.ts';
import {
  BackendConflictError,
  BackendInvalidInputError,
  BackendNotFoundError,
  type BackendResponseError,
} from '../backend-client/errors.ts';
import type { JsonObject } from '../backend-client/types.ts';
import { createRouter } from '../router.ts';
import {
  backendPact,
  COMMITTED_PACT_FILE,
  CONSUMER_NAME,
  PACT_FILE_NAME,
  pactOutputFile,
  promotePact,
  PROVIDER_NAME,
  stalePact,
  stagingDir,
} from './backend-pact.ts';
import { coverageProblems, pactInteractions } from './coverage-guard.ts';
import { PROVIDER_STATE_NAMES, state } from './provider-states.ts';

const { like, constrainedArrayLike, integer, number, uuid, regex } = MatchersV3;

// --- fixed examples: the states create exactly these, the mock answers them, the pact records them ---

const SESSION_ID = '6f1c7a56-2b1e-4d7e-9c3a-0b8f2d4e5a61';
const SESSION_CREATED = '2026-01-01T12:00:00.000Z';
/** Three runs of that session, created a minute apart, oldest first. */
const RUNS = [
  {
    runId: '0d4b9e2f-8c61-4a3b-b7e5-1f2a3c4d5e6f',
    party: { player1: { name: 'Router Test', level: 1 } },
    map: { level: 1, area: 'router_test' },
    createdAt: '2026-01-01T12:01:00.000Z',
  },
  {
    runId: '5b8e1c3a-7d2f-4a6e-9b1c-2e4f6a8c0d13',
    party: { player1: { name: 'Router Test', level: 2 }, player2: { name: 'Second', level: 1 } },
    map: { level: 2, area: 'router_test' },
    createdAt: '2026-01-01T12:02:00.000Z',
  },
  {
    runId: 'c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f',
    party: { player1: { name: 'Router Test', level: 3 } },
    map: { level: 3, area: 'router_test', boss: true },
    createdAt: '2026-01-01T12:03:00.000Z',
  },
] as const;
const [RUN_1, RUN_2, RUN_3] = RUNS;
/** What a run started in the tests is given, and the id the mock answers for it. */
const NEW_RUN = { party: { player1: { name: 'New Run', level: 1 } }, map: { level: 1, area: 'new_run' } };
const NEW_RUN_ID = '3e9a7c5b-1d2f-4e8a-b6c4-0f1e2d3c4b5a';
const NEW_SESSION_ID = '8a6b4c2d-0e1f-4a3b-9c5d-7e6f8a9b0c1d';
const OTHER_SESSION_ID = '9d7c5b3a-1f2e-4d6c-8b0a-4e3f2a1b0c9d';
const ROLL_ID = '3a7d5c1e-9b2f-4e8a-a6c4-7d9e1f3b5a28';
const UNKNOWN_SESSION_ID = '00000000-0000-4000-8000-000000000000';
const UNKNOWN_RUN_ID = '00000000-0000-4000-8000-00000000beef';
const OWNED_SINCE = '2026-01-01T09:00:00.000Z';
const PLAYER_DATA = { name: 'Pact Player', class: 'warrior' };
const DATABASE_ERROR = 'database "autofighter" is not currently accepting connections';

type Run = (typeof RUNS)[number];

/** `game session {sessionId} exists with runs {runs}` with these runs (none: an empty session). */
const sessionWith = (...runs: Run[]) =>
  state('sessionWithRuns', {
    sessionId: SESSION_ID,
    createdAt: SESSION_CREATED,
    runs: runs.map((run) => ({ ...run })) as unknown as JsonObject[],
  });

// --- matchers ---

const ISO_UTC = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';
/** A time the backend chooses (now): any ISO 8601 time in UTC. */
const anyTime = () => regex(ISO_UTC, '2026-01-01T12:00:00.000Z');
/**
 * A time the provider state fixed: exactly that instant, with or without its (zero) milliseconds, as
 * the client's schema accepts either.
 */
function at(iso: string) {
  const whole = /^(.*T\d{2}:\d{2}:\d{2})\.000Z$/.exec(iso)?.[1];
  if (!whole) throw new Error(`${iso}: fixed times in the pact are whole seconds, written with .000Z`);
  return regex(`^${whole.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.0+)?Z$`, iso);
}

/** A run as the backend answers it, exactly as the state stored it. */
const runView = (run: Run) => ({
  run_id: run.runId,
  session_id: SESSION_ID,
  party: run.party,
  map: run.map,
  created_at: at(run.createdAt),
});
const asRead = (run: Run) => ({
  run_id: run.runId,
  session_id: SESSION_ID,
  party: run.party,
  map: run.map,
  created_at: run.createdAt,
});

/** Catalog items are the backend's reference data and rolls are random: their shape, not their values. */
const gachaItem = { item_id: like('char_chibi'), name: like('Chibi'), type: like('character'), rarity: integer(3) };
const EXAMPLE_ITEM = { item_id: 'char_chibi', name: 'Chibi', type: 'character', rarity: 3 };

/** The error envelope, for a request sent with X-Request-Id `requestId`: code and request id exact. */
const errorEnvelope = (code: string, message: ReturnType<typeof regex | typeof like<string>>, requestId: string) => ({
  status: 'error',
  message,
  code,
  request_id: requestId,
});
const notFound = (what: 'Session' | 'Run') => regex('^.*not found.*$', `${what} not found`);
const withRequestId = (id: string) => ({ 'X-Request-Id': id });

// --- the code under test ---

const silent = pino({ level: 'silent' });
const routerFor = (mock: MockServer) => createRouter({ backendUrl: mock.url, logger: silent });
const clientFor = (mock: MockServer) => new BackendClient({ baseUrl: mock.url });

/** A body read through the proxy, parsed as the client would read that endpoint's answer. */
function readAs(endpoint: EndpointName, status: number, body: unknown): unknown {
  const responses: Readonly<Record<number, { body: { parse(value: unknown): unknown } }>> =
    backendEndpoints[endpoint].responses;
  const response = responses[status];
  if (!response) throw new Error(`${endpoint} does not declare status ${status}`);
  return response.body.parse(body);
}

/** The error a promise rejects with (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<BackendResponseError> {
  return promise.then(
    (value) => expect.fail(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error as BackendResponseError,
  );
}

describe('contract: autofighter-router → autofighter-backend', () => {
  // Recorded in a staging folder; written out (PACT_OUTPUT_DIR) only when every test of a complete
  // run passed (the last tests check the whole pact, which a --grep run does not reach).
  const output = pactOutputFile();
  const staging = stagingDir();
  const stagedFile = join(staging, PACT_FILE_NAME);
  const pact = backendPact({ dir: staging });
  let complete = true;
  let wholePactChecked = false;

  afterEach(function () {
    if (this.currentTest?.state !== 'passed') complete = false;
  });

  after(async () => {
    if (output) {
      if (complete && wholePactChecked) promotePact(stagedFile, output);
      else process.stdout.write(`  the pact was not written to ${output}: a contract test failed or did not run\n`);
    }
    await rm(staging, { recursive: true, force: true });
  });

  describe("the backend's health, as the router's health check and the client read it", () => {
    it('healthy: the router reports the backend healthy', () =>
      pact
        .addInteraction()
        .given(...state('backendHealthy'))
        .uponReceiving('a health check')
        .withRequest('GET', '/health')
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              status: 'healthy',
              service: 'autofighter-backend',
              version: like('0.1.0'),
              uptime_seconds: number(12),
              checks: { database: { connected: true, latency_ms: number(1.25) } },
            },
          }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).get('/health/services/backend').expect(200);
          expect(res.body.data).to.include({ service: 'backend', healthy: true, status: 'healthy', last_error: null });
          expect(await clientFor(mock).health()).to.deep.equal({
            status: 'healthy',
            service: 'autofighter-backend',
            version: '0.1.0',
            uptime_seconds: 12,
            checks: { database: { connected: true, latency_ms: 1.25 } },
          });
        }));

    it("degraded: the router reports the backend unhealthy, with the database's error", () =>
      pact
        .addInteraction()
        .given(...state('databaseUnavailable'))
        .uponReceiving('a health check while the database is unavailable')
        .withRequest('GET', '/health')
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              status: 'degraded',
              service: 'autofighter-backend',
              version: like('0.1.0'),
              uptime_seconds: number(12),
              checks: { database: { connected: false, latency_ms: number(3.5), error: like(DATABASE_ERROR) } },
            },
          }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).get('/health/services/backend').expect(200);
          expect(res.body.data).to.include({ healthy: false, status: 'degraded' });
          expect(res.body.data.last_error.message).to.equal(
            `the backend reports itself degraded (database: ${DATABASE_ERROR})`,
          );
        }));

    it('GET /api/ is proxied and answers the compatibility document, the database connected', () =>
      pact
        .addInteraction()
        .given(...state('backendHealthy'))
        .uponReceiving('a request for the API root')
        .withRequest('GET', '/api/')
        .willRespondWith(200, (res) => res.jsonBody({ flavor: 'default', status: 'ok', database_connected: true }))
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).get('/api/').expect(200);
          expect(res.body).to.deep.equal({ flavor: 'default', status: 'ok', database_connected: true });
          expect(await clientFor(mock).apiStatus()).to.deep.equal(res.body);
        }));

    it('GET /api/ says when the database is not connected', () =>
      pact
        .addInteraction()
        .given(...state('databaseUnavailable'))
        .uponReceiving('a request for the API root while the database is unavailable')
        .withRequest('GET', '/api/')
        .willRespondWith(200, (res) => res.jsonBody({ flavor: 'default', status: 'ok', database_connected: false }))
        .executeTest(async (mock) => {
          expect(await clientFor(mock).apiStatus()).to.deep.equal({
            flavor: 'default',
            status: 'ok',
            database_connected: false,
          });
        }));
  });

  describe('game sessions', () => {
    it("creating a session answers 201 with the new session's id and creation time", () =>
      pact
        .addInteraction()
        .given(...state('emptyGameDatabase'))
        .uponReceiving('a request to create a game session')
        .withRequest('POST', '/api/game/session')
        .willRespondWith(201, (res) =>
          res.jsonBody({ status: 'success', data: { session_id: uuid(NEW_SESSION_ID), created_at: anyTime() } }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).post('/api/game/session').expect(201);
          expect(readAs('createSession', 201, res.body)).to.deep.equal({
            status: 'success',
            data: { session_id: NEW_SESSION_ID, created_at: '2026-01-01T12:00:00.000Z' },
          });
        }));

    it('a session reads back with its creation time and the ids of its runs, oldest first', () =>
      pact
        .addInteraction()
        .given(...sessionWith(RUN_1, RUN_2))
        .uponReceiving('a request for a game session and its runs')
        .withRequest('GET', `/api/game/session/${SESSION_ID}`)
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { session_id: SESSION_ID, created_at: at(SESSION_CREATED), run_ids: [RUN_1.runId, RUN_2.runId] },
          }),
        )
        .executeTest(async (mock) => {
          expect(await clientFor(mock).getSession(SESSION_ID)).to.deep.equal({
            session_id: SESSION_ID,
            created_at: SESSION_CREATED,
            run_ids: [RUN_1.runId, RUN_2.runId],
          });
        }));

    it('an unknown session becomes a BackendNotFoundError with the code and the request id', () =>
      pact
        .addInteraction()
        .given(...state('sessionMissing', { sessionId: UNKNOWN_SESSION_ID }))
        .uponReceiving('a request for an unknown session')
        .withRequest('GET', `/api/game/session/${UNKNOWN_SESSION_ID}`, (req) =>
          req.headers(withRequestId('pact-unknown-session')),
        )
        .willRespondWith(404, (res) =>
          res.jsonBody(errorEnvelope('not_found', notFound('Session'), 'pact-unknown-session')),
        )
        .executeTest(async (mock) => {
          const error = await rejectionOf(
            clientFor(mock).getSession(UNKNOWN_SESSION_ID, { requestId: 'pact-unknown-session' }),
          );
          expect(error).to.be.instanceOf(BackendNotFoundError);
          expect(error).to.include({
            status: 404,
            code: 'not_found',
            message: 'Session not found',
            requestId: 'pact-unknown-session',
          });
        }));
  });

  describe("runs of a session, through the router's /api proxy", () => {
    it('starting a run sends party and map and answers 201 with the run as stored', () =>
      pact
        .addInteraction()
        .given(...sessionWith())
        .uponReceiving('a request to start a run in an existing session')
        .withRequest('POST', `/api/game/session/${SESSION_ID}/run`, (req) => req.jsonBody(NEW_RUN))
        .willRespondWith(201, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              run_id: uuid(NEW_RUN_ID),
              session_id: SESSION_ID,
              party: NEW_RUN.party,
              map: NEW_RUN.map,
              created_at: anyTime(),
            },
          }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .post(`/api/game/session/${SESSION_ID}/run`)
            .send(NEW_RUN)
            .expect(201);
          expect(readAs('startRun', 201, res.body)).to.deep.equal({
            status: 'success',
            data: { run_id: NEW_RUN_ID, session_id: SESSION_ID, ...NEW_RUN, created_at: '2026-01-01T12:00:00.000Z' },
          });
        }));

    it('starting a run in an unknown session is a 404 error envelope, passed on unchanged', () =>
      pact
        .addInteraction()
        .given(...state('sessionMissing', { sessionId: UNKNOWN_SESSION_ID }))
        .uponReceiving('a request to start a run in an unknown session')
        .withRequest('POST', `/api/game/session/${UNKNOWN_SESSION_ID}/run`, (req) =>
          req.headers(withRequestId('pact-run-unknown-session')).jsonBody(NEW_RUN),
        )
        .willRespondWith(404, (res) =>
          res.jsonBody(errorEnvelope('not_found', notFound('Session'), 'pact-run-unknown-session')),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .post(`/api/game/session/${UNKNOWN_SESSION_ID}/run`)
            .set(withRequestId('pact-run-unknown-session'))
            .send(NEW_RUN)
            .expect(404);
          expect(readAs('startRun', 404, res.body)).to.deep.equal({
            status: 'error',
            message: 'Session not found',
            code: 'not_found',
            request_id: 'pact-run-unknown-session',
          });
        }));

    it('a run whose party is not a JSON object is a 400 error envelope', () =>
      pact
        .addInteraction()
        .given(...sessionWith())
        .uponReceiving('a request to start a run whose party is not an object')
        .withRequest('POST', `/api/game/session/${SESSION_ID}/run`, (req) =>
          req.headers(withRequestId('pact-bad-party')).jsonBody({ party: 'warriors', map: NEW_RUN.map }),
        )
        .willRespondWith(400, (res) =>
          res.jsonBody(
            errorEnvelope(
              'invalid_input',
              regex('^Invalid request body: .*party.*$', 'Invalid request body: party: must be a JSON object'),
              'pact-bad-party',
            ),
          ),
        )
        .executeTest(async (mock) => {
          const bad = { party: 'warriors', map: NEW_RUN.map } as unknown as typeof NEW_RUN;
          const error = await rejectionOf(clientFor(mock).startRun(SESSION_ID, bad, { requestId: 'pact-bad-party' }));
          expect(error).to.be.instanceOf(BackendInvalidInputError);
          expect(error).to.include({ status: 400, code: 'invalid_input', requestId: 'pact-bad-party' });
        }));

    it('a run reads back exactly as it was stored: its ids, party, map and creation time', () =>
      pact
        .addInteraction()
        .given(...sessionWith(RUN_1))
        .uponReceiving('a request for a run of a session')
        .withRequest('GET', `/api/game/session/${SESSION_ID}/run/${RUN_1.runId}`)
        .willRespondWith(200, (res) => res.jsonBody({ status: 'success', data: runView(RUN_1) }))
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .get(`/api/game/session/${SESSION_ID}/run/${RUN_1.runId}`)
            .expect(200);
          expect(readAs('getRun', 200, res.body)).to.deep.equal({ status: 'success', data: asRead(RUN_1) });
        }));

    it('a run of an unknown session is a 404 error envelope, passed on unchanged', () =>
      pact
        .addInteraction()
        .given(...state('sessionMissing', { sessionId: UNKNOWN_SESSION_ID }))
        .uponReceiving('a request for a run of an unknown session')
        .withRequest('GET', `/api/game/session/${UNKNOWN_SESSION_ID}/run/${UNKNOWN_RUN_ID}`, (req) =>
          req.headers(withRequestId('pact-run-of-unknown-session')),
        )
        .willRespondWith(404, (res) =>
          res.jsonBody(errorEnvelope('not_found', notFound('Session'), 'pact-run-of-unknown-session')),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .get(`/api/game/session/${UNKNOWN_SESSION_ID}/run/${UNKNOWN_RUN_ID}`)
            .set(withRequestId('pact-run-of-unknown-session'))
            .expect(404);
          expect(res.body).to.deep.equal({
            status: 'error',
            message: 'Session not found',
            code: 'not_found',
            request_id: 'pact-run-of-unknown-session',
          });
        }));

    it('an unknown run of an existing session is a 404 error envelope, passed on unchanged', () =>
      pact
        .addInteraction()
        .given(...sessionWith())
        .uponReceiving('a request for an unknown run of an existing session')
        .withRequest('GET', `/api/game/session/${SESSION_ID}/run/${UNKNOWN_RUN_ID}`, (req) =>
          req.headers(withRequestId('pact-unknown-run')),
        )
        .willRespondWith(404, (res) => res.jsonBody(errorEnvelope('not_found', notFound('Run'), 'pact-unknown-run')))
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .get(`/api/game/session/${SESSION_ID}/run/${UNKNOWN_RUN_ID}`)
            .set(withRequestId('pact-unknown-run'))
            .expect(404);
          expect(readAs('getRun', 404, res.body)).to.include({ message: 'Run not found', code: 'not_found' });
        }));
    it('a run asked for through a session it does not belong to is a 404 error envelope', () =>
      pact
        .addInteraction()
        .given(...sessionWith(RUN_1))
        .given(...state('sessionWithRuns', { sessionId: OTHER_SESSION_ID, createdAt: SESSION_CREATED, runs: [] }))
        .uponReceiving('a request for a run through a session it does not belong to')
        .withRequest('GET', `/api/game/session/${OTHER_SESSION_ID}/run/${RUN_1.runId}`, (req) =>
          req.headers(withRequestId('pact-run-of-other-session')),
        )
        .willRespondWith(404, (res) =>
          res.jsonBody(errorEnvelope('not_found', notFound('Run'), 'pact-run-of-other-session')),
        )
        .executeTest(async (mock) => {
          const error = await rejectionOf(
            clientFor(mock).getRun(OTHER_SESSION_ID, RUN_1.runId, { requestId: 'pact-run-of-other-session' }),
          );
          expect(error).to.be.instanceOf(BackendNotFoundError);
          expect(error).to.include({ code: 'not_found', message: 'Run not found' });
        }));
  });

  describe('the runs list, a page at a time, newest first', () => {
    it('page 1 of 2: the two newest runs, with the pagination', () =>
      pact
        .addInteraction()
        .given(...sessionWith(RUN_1, RUN_2, RUN_3))
        .uponReceiving('a request for the first page of 2 runs')
        .withRequest('GET', '/api/game/runs', (req) => req.query({ page: '1', page_size: '2' }))
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { runs: [runView(RUN_3), runView(RUN_2)] },
            pagination: { current_page: 1, page_size: 2, total_items: 3, total_pages: 2 },
          }),
        )
        .executeTest(async (mock) => {
          expect(await clientFor(mock).listRuns({ page: 1, page_size: 2 })).to.deep.equal({
            runs: [asRead(RUN_3), asRead(RUN_2)],
            pagination: { current_page: 1, page_size: 2, total_items: 3, total_pages: 2 },
          });
        }));

    it('page 2 of 2: the oldest run alone', () =>
      pact
        .addInteraction()
        .given(...sessionWith(RUN_1, RUN_2, RUN_3))
        .uponReceiving('a request for the second page of 2 runs')
        .withRequest('GET', '/api/game/runs', (req) => req.query({ page: '2', page_size: '2' }))
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { runs: [runView(RUN_1)] },
            pagination: { current_page: 2, page_size: 2, total_items: 3, total_pages: 2 },
          }),
        )
        .executeTest(async (mock) => {
          expect(await clientFor(mock).listRuns({ page: 2, page_size: 2 })).to.deep.equal({
            runs: [asRead(RUN_1)],
            pagination: { current_page: 2, page_size: 2, total_items: 3, total_pages: 2 },
          });
        }));

    it('without paging: page 1 of 20 runs', () =>
      pact
        .addInteraction()
        .given(...sessionWith(RUN_1, RUN_2, RUN_3))
        .uponReceiving('a request for the runs without paging')
        .withRequest('GET', '/api/game/runs')
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { runs: [runView(RUN_3), runView(RUN_2), runView(RUN_1)] },
            pagination: { current_page: 1, page_size: 20, total_items: 3, total_pages: 1 },
          }),
        )
        .executeTest(async (mock) => {
          const page = await clientFor(mock).listRuns();
          expect(page.runs.map((run) => run.run_id)).to.deep.equal([RUN_3.runId, RUN_2.runId, RUN_1.runId]);
          expect(page.pagination).to.deep.equal({ current_page: 1, page_size: 20, total_items: 3, total_pages: 1 });
        }));

    it('page 0 is a 400 error envelope', () =>
      pact
        .addInteraction()
        .given(...state('emptyGameDatabase'))
        .uponReceiving('a request for page 0 of the runs')
        .withRequest('GET', '/api/game/runs', (req) =>
          req.query({ page: '0' }).headers(withRequestId('pact-page-zero')),
        )
        .willRespondWith(400, (res) =>
          res.jsonBody(
            errorEnvelope(
              'invalid_input',
              regex('^Invalid query: .*page.*$', 'Invalid query: page: page must be at least 1'),
              'pact-page-zero',
            ),
          ),
        )
        .executeTest(async (mock) => {
          const error = await rejectionOf(clientFor(mock).listRuns({ page: 0 }, { requestId: 'pact-page-zero' }));
          expect(error).to.be.instanceOf(BackendInvalidInputError);
          expect(error).to.include({ code: 'invalid_input', requestId: 'pact-page-zero' });
        }));
  });

  describe('owned players, through the BackendClient', () => {
    it('owning a player answers 201 with the player and its data', () =>
      pact
        .addInteraction()
        .given(...state('playerNotOwned', { playerId: 'pact_player_1' }))
        .uponReceiving('a request to own a player')
        .withRequest('POST', '/api/game/players/pact_player_1/own', (req) => req.jsonBody({ player_data: PLAYER_DATA }))
        .willRespondWith(201, (res) =>
          res.jsonBody({
            status: 'success',
            data: { player_id: 'pact_player_1', player_data: PLAYER_DATA, owned_at: anyTime(), updated_at: anyTime() },
          }),
        )
        .executeTest(async (mock) => {
          expect(await clientFor(mock).ownPlayer('pact_player_1', PLAYER_DATA)).to.deep.equal({
            player_id: 'pact_player_1',
            player_data: PLAYER_DATA,
            owned_at: '2026-01-01T12:00:00.000Z',
            updated_at: '2026-01-01T12:00:00.000Z',
          });
        }));

    it('owning an owned player again answers 200: its data replaced, owned since as before', () =>
      pact
        .addInteraction()
        .given(
          ...state('playersOwned', {
            players: [{ playerId: 'pact_player_1', playerData: { name: 'Old Name' }, ownedAt: OWNED_SINCE }],
          }),
        )
        .uponReceiving('a request to own a player who is already owned')
        .withRequest('POST', '/api/game/players/pact_player_1/own', (req) => req.jsonBody({ player_data: PLAYER_DATA }))
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              player_id: 'pact_player_1',
              player_data: PLAYER_DATA,
              owned_at: at(OWNED_SINCE),
              updated_at: anyTime(),
            },
          }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .post('/api/game/players/pact_player_1/own')
            .send({ player_data: PLAYER_DATA })
            .expect(200);
          expect(readAs('ownPlayer', 200, res.body)).to.deep.include({
            data: {
              player_id: 'pact_player_1',
              player_data: PLAYER_DATA,
              owned_at: OWNED_SINCE,
              updated_at: '2026-01-01T12:00:00.000Z',
            },
          });
        }));

    it('owning a player without player data is a 400 error envelope', () =>
      pact
        .addInteraction()
        .given(...state('playerNotOwned', { playerId: 'pact_player_1' }))
        .uponReceiving('a request to own a player without player data')
        .withRequest('POST', '/api/game/players/pact_player_1/own', (req) =>
          req.headers(withRequestId('pact-no-player-data')).jsonBody({}),
        )
        .willRespondWith(400, (res) =>
          res.jsonBody(
            errorEnvelope(
              'invalid_input',
              regex(
                '^Invalid request body: .*player_data.*$',
                'Invalid request body: player_data: must be a JSON object',
              ),
              'pact-no-player-data',
            ),
          ),
        )
        .executeTest(async (mock) => {
          const error = await rejectionOf(
            clientFor(mock).ownPlayer('pact_player_1', undefined as unknown as JsonObject, {
              requestId: 'pact-no-player-data',
            }),
          );
          expect(error).to.be.instanceOf(BackendInvalidInputError);
          expect(error).to.include({ code: 'invalid_input', requestId: 'pact-no-player-data' });
        }));

    it('the owned players are listed oldest first, with their count', () =>
      pact
        .addInteraction()
        .given(
          ...state('playersOwned', {
            players: [
              { playerId: 'pact_player_2', playerData: PLAYER_DATA, ownedAt: '2026-01-01T09:00:00.000Z' },
              { playerId: 'pact_player_1', playerData: PLAYER_DATA, ownedAt: '2026-01-01T10:00:00.000Z' },
            ],
          }),
        )
        .uponReceiving('a request for the owned players')
        .withRequest('GET', '/api/game/players/owned')
        .willRespondWith(200, (res) =>
          res.jsonBody({ status: 'success', data: { players: ['pact_player_2', 'pact_player_1'], count: 2 } }),
        )
        .executeTest(async (mock) => {
          expect(await clientFor(mock).listOwnedPlayers()).to.deep.equal({
            players: ['pact_player_2', 'pact_player_1'],
            count: 2,
          });
        }));
  });

  describe('upgrades, through the BackendClient', () => {
    it('a player never upgraded has zeros', () =>
      pact
        .addInteraction()
        .given(...state('playerWithoutUpgrades', { playerId: 'pact_new_player' }))
        .uponReceiving('a request for the upgrades of a new player')
        .withRequest('GET', '/api/game/players/pact_new_player/upgrades')
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { player_id: 'pact_new_player', points: 0, hp: 0, atk: 0, def: 0, spd: 0 },
          }),
        )
        .executeTest(async (mock) => {
          const upgrades = await clientFor(mock).getUpgrades('pact_new_player');
          expect(upgrades).to.deep.equal({ player_id: 'pact_new_player', points: 0, hp: 0, atk: 0, def: 0, spd: 0 });
        }));

    it("a player's upgrades read back as stored", () =>
      pact
        .addInteraction()
        .given(...state('playerWithUpgrades', { playerId: 'pact_upgrader', points: 20, hp: 1, atk: 0, def: 2, spd: 3 }))
        .uponReceiving('a request for the upgrades of a player who has some')
        .withRequest('GET', '/api/game/players/pact_upgrader/upgrades')
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { player_id: 'pact_upgrader', points: 20, hp: 1, atk: 0, def: 2, spd: 3 },
          }),
        )
        .executeTest(async (mock) => {
          const upgrades = await clientFor(mock).getUpgrades('pact_upgrader');
          expect(upgrades).to.deep.equal({ player_id: 'pact_upgrader', points: 20, hp: 1, atk: 0, def: 2, spd: 3 });
        }));

    it('applying upgrades answers the new totals', () =>
      pact
        .addInteraction()
        .given(...state('playerWithUpgrades', { playerId: 'pact_upgrader', points: 20, hp: 1, atk: 0, def: 2, spd: 0 }))
        .uponReceiving('a request to add upgrade points and stats')
        .withRequest('POST', '/api/game/players/pact_upgrader/upgrades', (req) =>
          req.jsonBody({ points_delta: 100, stat_upgrades: { hp: 10, atk: 5 } }),
        )
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { player_id: 'pact_upgrader', points: 120, hp: 11, atk: 5, def: 2, spd: 0 },
          }),
        )
        .executeTest(async (mock) => {
          const upgrades = await clientFor(mock).applyUpgrades('pact_upgrader', {
            points_delta: 100,
            stat_upgrades: { hp: 10, atk: 5 },
          });
          expect(upgrades).to.deep.equal({ player_id: 'pact_upgrader', points: 120, hp: 11, atk: 5, def: 2, spd: 0 });
        }));

    it('spending more points than the player has becomes a BackendConflictError', () =>
      pact
        .addInteraction()
        .given(...state('playerWithUpgrades', { playerId: 'pact_poor', points: 1, hp: 0, atk: 0, def: 0, spd: 0 }))
        .uponReceiving('a request to spend more upgrade points than the player has')
        .withRequest('POST', '/api/game/players/pact_poor/upgrades', (req) =>
          req.headers(withRequestId('pact-overspend')).jsonBody({ points_delta: -2 }),
        )
        .willRespondWith(409, (res) =>
          res.jsonBody(
            errorEnvelope(
              'conflict',
              regex(
                '^Not enough upgrade points.*$',
                'Not enough upgrade points: points and stats cannot go below zero',
              ),
              'pact-overspend',
            ),
          ),
        )
        .executeTest(async (mock) => {
          const error = await rejectionOf(
            clientFor(mock).applyUpgrades('pact_poor', { points_delta: -2 }, { requestId: 'pact-overspend' }),
          );
          expect(error).to.be.instanceOf(BackendConflictError);
          expect(error).to.include({ status: 409, code: 'conflict', requestId: 'pact-overspend' });
        }));

    it('an upgrade that changes nothing is a 400 error envelope', () =>
      pact
        .addInteraction()
        .given(...state('playerWithoutUpgrades', { playerId: 'pact_new_player' }))
        .uponReceiving('a request to apply no upgrade at all')
        .withRequest('POST', '/api/game/players/pact_new_player/upgrades', (req) =>
          req.headers(withRequestId('pact-no-upgrade')).jsonBody({}),
        )
        .willRespondWith(400, (res) =>
          res.jsonBody(
            errorEnvelope(
              'invalid_input',
              like('Invalid request body: give points_delta, stat_upgrades or both'),
              'pact-no-upgrade',
            ),
          ),
        )
        .executeTest(async (mock) => {
          const error = await rejectionOf(
            clientFor(mock).applyUpgrades('pact_new_player', {}, { requestId: 'pact-no-upgrade' }),
          );
          expect(error).to.be.instanceOf(BackendInvalidInputError);
          expect(error).to.include({ code: 'invalid_input', requestId: 'pact-no-upgrade' });
        }));
  });

  describe('gacha rolls and the catalog', () => {
    it("a standard roll, through the router's proxy, answers 201 with the roll and exactly one item", () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a valid standard gacha roll')
        .withRequest('POST', '/api/game/gacha/roll', (req) =>
          req.jsonBody({ player_id: 'pact_roller', type: 'standard' }),
        )
        .willRespondWith(201, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              roll_id: uuid(ROLL_ID),
              player_id: 'pact_roller',
              type: 'standard',
              items: constrainedArrayLike(gachaItem, 1, 1),
              created_at: anyTime(),
            },
          }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .post('/api/game/gacha/roll')
            .send({ player_id: 'pact_roller', type: 'standard' })
            .expect(201);
          expect(readAs('roll', 201, res.body)).to.deep.equal({
            status: 'success',
            data: {
              roll_id: ROLL_ID,
              player_id: 'pact_roller',
              type: 'standard',
              items: [EXAMPLE_ITEM],
              created_at: '2026-01-01T12:00:00.000Z',
            },
          });
        }));

    it('a premium roll of ten answers exactly ten items', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a premium gacha roll of ten')
        .withRequest('POST', '/api/game/gacha/roll', (req) =>
          req.jsonBody({ player_id: 'pact_roller', type: 'premium', count: 10 }),
        )
        .willRespondWith(201, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              roll_id: uuid(ROLL_ID),
              player_id: 'pact_roller',
              type: 'premium',
              items: constrainedArrayLike(gachaItem, 10, 10),
              created_at: anyTime(),
            },
          }),
        )
        .executeTest(async (mock) => {
          const roll = await clientFor(mock).roll({ player_id: 'pact_roller', type: 'premium', count: 10 });
          expect(roll).to.include({ roll_id: ROLL_ID, player_id: 'pact_roller', type: 'premium' });
          expect(roll.items).to.deep.equal(Array.from({ length: 10 }, () => EXAMPLE_ITEM));
        }));

    it('a roll without player_id or type is a 400 error envelope, passed on unchanged', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a gacha roll without player_id or type')
        .withRequest('POST', '/api/game/gacha/roll', (req) =>
          req.headers(withRequestId('pact-empty-roll')).jsonBody({ invalid: 'data' }),
        )
        .willRespondWith(400, (res) =>
          res.jsonBody(
            errorEnvelope(
              'invalid_input',
              regex('^Invalid request body: .*player_id.*$', 'Invalid request body: player_id: is required'),
              'pact-empty-roll',
            ),
          ),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .post('/api/game/gacha/roll')
            .set(withRequestId('pact-empty-roll'))
            .send({ invalid: 'data' })
            .expect(400);
          expect(readAs('roll', 400, res.body)).to.deep.equal({
            status: 'error',
            message: 'Invalid request body: player_id: is required',
            code: 'invalid_input',
            request_id: 'pact-empty-roll',
          });
        }));

    it('a roll of an unknown type becomes a BackendInvalidInputError', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a gacha roll of an unknown type')
        .withRequest('POST', '/api/game/gacha/roll', (req) =>
          req.headers(withRequestId('pact-legendary-roll')).jsonBody({ player_id: 'pact_roller', type: 'legendary' }),
        )
        .willRespondWith(400, (res) =>
          res.jsonBody(
            errorEnvelope(
              'invalid_input',
              regex('^Invalid request body: .*type.*$', 'Invalid request body: type: must be one of standard, premium'),
              'pact-legendary-roll',
            ),
          ),
        )
        .executeTest(async (mock) => {
          // The type is deliberately outside the client's RollType: what a caller with bad input would send.
          const bad = { player_id: 'pact_roller', type: 'legendary' } as unknown as Parameters<
            BackendClient['roll']
          >[0];
          const error = await rejectionOf(clientFor(mock).roll(bad, { requestId: 'pact-legendary-roll' }));
          expect(error).to.be.instanceOf(BackendInvalidInputError);
          expect(error).to.include({ status: 400, code: 'invalid_input', requestId: 'pact-legendary-roll' });
        }));

    it('the catalog with a limit answers exactly `limit` items, and their count', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a request for at most 5 gacha items')
        .withRequest('GET', '/api/game/gacha/items', (req) => req.query({ limit: '5' }))
        .willRespondWith(200, (res) =>
          res.jsonBody({ status: 'success', data: { items: constrainedArrayLike(gachaItem, 5, 5), count: 5 } }),
        )
        .executeTest(async (mock) => {
          const list = await clientFor(mock).listGachaItems({ limit: 5 });
          expect(list).to.deep.equal({ items: Array.from({ length: 5 }, () => EXAMPLE_ITEM), count: 5 });
        }));

    it('a limit of 0 is a 400 error envelope', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a request for 0 gacha items')
        .withRequest('GET', '/api/game/gacha/items', (req) =>
          req.query({ limit: '0' }).headers(withRequestId('pact-no-items')),
        )
        .willRespondWith(400, (res) =>
          res.jsonBody(
            errorEnvelope(
              'invalid_input',
              regex('^Invalid query: .*limit.*$', 'Invalid query: limit: limit must be at least 1'),
              'pact-no-items',
            ),
          ),
        )
        .executeTest(async (mock) => {
          const error = await rejectionOf(clientFor(mock).listGachaItems({ limit: 0 }, { requestId: 'pact-no-items' }));
          expect(error).to.be.instanceOf(BackendInvalidInputError);
          expect(error).to.include({ code: 'invalid_input', requestId: 'pact-no-items' });
        }));
  });

  describe('the contract check itself', () => {
    it('fails a test whose request breaks the contract (a session id the state did not create)', async () => {
      // A pact of its own in a temporary folder: a failing test writes nothing, and never to pacts/.
      const scratch = await mkdtemp(join(tmpdir(), 'pact-check-'));
      try {
        const outcome = await backendPact({ dir: scratch })
          .addInteraction()
          .given(...sessionWith())
          .uponReceiving('a request to start a run in an existing session')
          .withRequest('POST', `/api/game/session/${SESSION_ID}/run`, (req) => req.jsonBody(NEW_RUN))
          .willRespondWith(201, (res) => res.jsonBody({ status: 'success', data: { run_id: uuid(NEW_RUN_ID) } }))
          .executeTest(async (mock) => {
            await request(routerFor(mock)).post('/api/game/session/not-a-session/run').send(NEW_RUN);
          })
          .then(
            () => 'passed',
            (error: Error) => error.message,
          );
        expect(outcome).to.contain('Test failed').and.contain('/api/game/session/not-a-session/run');
        expect(await readdir(scratch)).to.deep.equal([]);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    });
  });

  describe('the pact file', () => {
    it('is a V4 pact between autofighter-router and autofighter-backend that uses exactly the documented provider states', async () => {
      const pactFile = JSON.parse(await readFile(stagedFile, 'utf8')) as {
        consumer: { name: string };
        provider: { name: string };
        metadata: { pactSpecification: { version: string } };
        interactions: { description: string; providerStates?: { name: string }[] }[];
      };
      expect(pactFile.consumer.name).to.equal(CONSUMER_NAME);
      expect(pactFile.provider.name).to.equal(PROVIDER_NAME);
      expect(pactFile.metadata.pactSpecification.version).to.equal('4.0');
      for (const interaction of pactFile.interactions) {
        expect(interaction.providerStates ?? [], interaction.description).to.have.length.greaterThan(0);
      }
      const used = new Set(
        pactFile.interactions.flatMap((interaction) => (interaction.providerStates ?? []).map((s) => s.name)),
      );
      expect([...used].sort()).to.deep.equal([...PROVIDER_STATE_NAMES].sort());
      wholePactChecked = true;
    });

    it('constrains every field and status the client reads (the coverage guard finds nothing)', async () => {
      const interactions = pactInteractions(JSON.parse(await readFile(stagedFile, 'utf8')));
      expect(coverageProblems(interactions, backendEndpoints)).to.deep.equal([]);
    });

    // Only when the tests write no pact (npm test): `npm run test:pact:consumer` is how pacts/ is renewed.
    if (!output) {
      it('is byte for byte the committed pacts/ file (else: run `npm run test:pact:consumer` and commit the pact)', async () => {
        const [recorded, committed] = await Promise.all([
          readFile(stagedFile, 'utf8'),
          readFile(COMMITTED_PACT_FILE, 'utf8').catch(() => undefined),
        ]);
        expect(stalePact(committed, recorded)).to.equal(undefined);
      });
    }
  });
});
