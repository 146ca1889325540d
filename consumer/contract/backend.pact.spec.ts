// Consumer contract tests: autofighter-router → autofighter-backend. Each test records one interaction
// and drives the REAL router code against Pact's mock backend: requests go through the router's /api
// proxy (supertest against createRouter), or through the BackendClient; never straight at the mock.
//
// This file is the only writer of pacts/autofighter-router-autofighter-backend.json: it deletes the
// file first and its tests run in order (mocha runs a file's tests serially, even with parallel
// workers), so the file always holds exactly these interactions, in this order, and regenerating it
// gives the same bytes (fixed examples everywhere, no generated values).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { MatchersV3 } from '@pact-foundation/pact';
import type { ProviderStateInjectedValue, V3MockServer as MockServer } from '@pact-foundation/pact';
import { pino } from 'pino';
import request from 'supertest';
import { BackendClient } from '../backend-client/backend-client.ts';
import { BackendInvalidInputError, BackendNotFoundError } from '../backend-client/errors.ts';
import { createRouter } from '../router.ts';
import { backendPact, CONSUMER_NAME, PACT_FILE, promotePact, PROVIDER_NAME, stagingDir } from './backend-pact.ts';
import { PROVIDER_STATE_NAMES, state } from './provider-states.ts';

const {
  like,
  eachLike,
  constrainedArrayLike,
  arrayContaining,
  integer,
  boolean,
  uuid,
  datetime,
  regex,
  fromProviderState,
} = MatchersV3;

// Fixed examples: the mock answers with them, and the pact file records them.
const SESSION_ID = '6f1c7a56-2b1e-4d7e-9c3a-0b8f2d4e5a61';
const RUN_ID = '0d4b9e2f-8c61-4a3b-b7e5-1f2a3c4d5e6f';
const ROLL_ID = '3a7d5c1e-9b2f-4e8a-a6c4-7d9e1f3b5a28';
const UNKNOWN_SESSION_ID = '00000000-0000-4000-8000-000000000000';
const UNKNOWN_RUN_ID = '00000000-0000-4000-8000-00000000beef';
const PARTY = { player1: { name: 'Router Test', level: 1 } };
const MAP = { level: 1, area: 'router_test' };
const ISO_MILLIS = "yyyy-MM-dd'T'HH:mm:ss.SSSX";
const timestamp = () => datetime(ISO_MILLIS, '2026-01-01T12:00:00.000Z');

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * A path holding ids the provider generates: `fromProviderState` fills them in at verification, and
 * the consumer's request must still have the path's shape (pact-js's own fromProviderState would
 * accept any path at all, so a router that mangled it would pass).
 */
function generatedPath(expression: string, pattern: string, example: string): ProviderStateInjectedValue<string> {
  return { ...regex(`^${pattern}$`, example), 'pact:generator:type': 'ProviderState', expression };
}

const gachaItem = { item_id: like('char_chibi'), name: like('Chibi'), type: like('character'), rarity: integer(3) };
const notFoundEnvelope = {
  status: 'error',
  message: regex('^.*not found.*$', 'Session not found'),
  code: like('not_found'),
};

const silent = pino({ level: 'silent' });
const routerFor = (mock: MockServer) => createRouter({ backendUrl: mock.url, logger: silent });
const clientFor = (mock: MockServer) => new BackendClient({ baseUrl: mock.url });

describe('contract: autofighter-router → autofighter-backend', () => {
  // Recorded in a staging folder, then promoted over pacts/... only when every test of a complete run
  // passed (the last test checks the pact holds every documented state, which a --grep run does not).
  const staging = stagingDir();
  const stagedFile = join(staging, basename(PACT_FILE));
  const pact = backendPact({ dir: staging });
  let complete = true;
  let wholePactChecked = false;

  afterEach(function () {
    if (this.currentTest?.state !== 'passed') complete = false;
  });

  after(async () => {
    if (complete && wholePactChecked) promotePact(stagedFile);
    else process.stdout.write(`  the pact was not promoted to ${PACT_FILE}: a contract test failed or did not run\n`);
    await rm(staging, { recursive: true, force: true });
  });

  describe("game sessions and runs, through the router's /api proxy", () => {
    it("creating a session answers 201 with the new session's id", () =>
      pact
        .addInteraction()
        .given(...state('emptyGameDatabase'))
        .uponReceiving('a request to create a game session')
        .withRequest('POST', '/api/game/session')
        .willRespondWith(201, (res) => res.jsonBody({ status: 'success', data: { session_id: uuid(SESSION_ID) } }))
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).post('/api/game/session').expect(201);
          expect(res.body).to.deep.equal({ status: 'success', data: { session_id: SESSION_ID } });
        }));

    it('starting a run in an existing session sends party and map and answers 201 with the run id', () =>
      pact
        .addInteraction()
        .given(...state('sessionExists'))
        .uponReceiving('a request to start a run in an existing session')
        .withRequest(
          'POST',
          generatedPath(
            '/api/game/session/${sessionId}/run',
            `/api/game/session/${UUID}/run`,
            `/api/game/session/${SESSION_ID}/run`,
          ),
          (req) => req.jsonBody({ party: PARTY, map: MAP }),
        )
        .willRespondWith(201, (res) =>
          res.jsonBody({
            status: 'success',
            data: { run_id: uuid(RUN_ID), session_id: fromProviderState('${sessionId}', SESSION_ID) },
          }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .post(`/api/game/session/${SESSION_ID}/run`)
            .send({ party: PARTY, map: MAP })
            .expect(201);
          expect(res.body.data).to.deep.equal({ run_id: RUN_ID, session_id: SESSION_ID });
        }));

    it('getting a run returns its party and map exactly as they were stored', () =>
      pact
        .addInteraction()
        .given(...state('runExists', { party: PARTY, map: MAP }))
        .uponReceiving('a request for a run of a session')
        .withRequest(
          'GET',
          generatedPath(
            '/api/game/session/${sessionId}/run/${runId}',
            `/api/game/session/${UUID}/run/${UUID}`,
            `/api/game/session/${SESSION_ID}/run/${RUN_ID}`,
          ),
        )
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              run_id: fromProviderState('${runId}', RUN_ID),
              session_id: fromProviderState('${sessionId}', SESSION_ID),
              party: PARTY,
              map: MAP,
            },
          }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).get(`/api/game/session/${SESSION_ID}/run/${RUN_ID}`).expect(200);
          expect(res.body.data.party).to.deep.equal(PARTY);
          expect(res.body.data.map).to.deep.equal(MAP);
        }));

    it('a run of an unknown session is a 404 error envelope, passed on unchanged', () =>
      pact
        .addInteraction()
        .given(...state('sessionMissing', { sessionId: UNKNOWN_SESSION_ID }))
        .uponReceiving('a request for a run of an unknown session')
        .withRequest('GET', `/api/game/session/${UNKNOWN_SESSION_ID}/run/${UNKNOWN_RUN_ID}`)
        .willRespondWith(404, (res) => res.jsonBody(notFoundEnvelope))
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .get(`/api/game/session/${UNKNOWN_SESSION_ID}/run/${UNKNOWN_RUN_ID}`)
            .expect(404);
          expect(res.body).to.include({ status: 'error', message: 'Session not found', code: 'not_found' });
        }));

    it('an unknown run of an existing session is a 404 error envelope, passed on unchanged', () =>
      pact
        .addInteraction()
        .given(...state('sessionExists'))
        .uponReceiving('a request for an unknown run of an existing session')
        .withRequest(
          'GET',
          generatedPath(
            `/api/game/session/\${sessionId}/run/${UNKNOWN_RUN_ID}`,
            `/api/game/session/${UUID}/run/${UNKNOWN_RUN_ID}`,
            `/api/game/session/${SESSION_ID}/run/${UNKNOWN_RUN_ID}`,
          ),
        )
        .willRespondWith(404, (res) =>
          res.jsonBody({ ...notFoundEnvelope, message: regex('^.*not found.*$', 'Run not found') }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .get(`/api/game/session/${SESSION_ID}/run/${UNKNOWN_RUN_ID}`)
            .expect(404);
          expect(res.body).to.include({ status: 'error', message: 'Run not found' });
        }));
  });

  describe("gacha rolls, through the router's /api proxy", () => {
    it('a valid roll answers 201 with the roll id and at least one item', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a valid standard gacha roll')
        .withRequest('POST', '/api/game/gacha/roll', (req) =>
          req.jsonBody({ player_id: 'pact_roller', type: 'standard' }),
        )
        .willRespondWith(201, (res) =>
          res.jsonBody({ status: 'success', data: { roll_id: uuid(ROLL_ID), items: eachLike(gachaItem, 1) } }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock))
            .post('/api/game/gacha/roll')
            .send({ player_id: 'pact_roller', type: 'standard' })
            .expect(201);
          expect(res.body.data.roll_id).to.equal(ROLL_ID);
          expect(res.body.data.items).to.have.length(1);
        }));

    it('an invalid roll (no player_id, no type) is a 400 error envelope, passed on unchanged', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a gacha roll without player_id or type')
        .withRequest('POST', '/api/game/gacha/roll', (req) => req.jsonBody({ invalid: 'data' }))
        .willRespondWith(400, (res) =>
          res.jsonBody({
            status: 'error',
            message: like('Invalid request body: player_id: is required'),
            code: like('invalid_input'),
          }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).post('/api/game/gacha/roll').send({ invalid: 'data' }).expect(400);
          expect(res.body.status).to.equal('error');
          expect(res.body.message).to.be.a('string').and.not.empty;
        }));
  });

  describe("the router's own use of the backend", () => {
    it('GET /api/ is proxied and answers the compatibility document', () =>
      pact
        .addInteraction()
        .given(...state('backendHealthy'))
        .uponReceiving('a request for the API root')
        .withRequest('GET', '/api/')
        .willRespondWith(200, (res) =>
          res.jsonBody({ flavor: 'default', status: 'ok', database_connected: boolean(true) }),
        )
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).get('/api/').expect(200);
          expect(res.body).to.deep.equal({ flavor: 'default', status: 'ok', database_connected: true });
        }));

    it("the router's backend health check reads GET /health and reports the backend healthy", () =>
      pact
        .addInteraction()
        .given(...state('backendHealthy'))
        .uponReceiving('a health check')
        .withRequest('GET', '/health')
        .willRespondWith(200, (res) => res.jsonBody({ status: 'success', data: { status: 'healthy' } }))
        .executeTest(async (mock) => {
          const res = await request(routerFor(mock)).get('/health/services/backend').expect(200);
          expect(res.body.data).to.include({ service: 'backend', healthy: true, status: 'healthy' });
        }));
  });

  describe('players, upgrades, the gacha catalog and runs, through the BackendClient', () => {
    it('gacha items with a limit: between one and `limit` items', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a request for at most 5 gacha items')
        .withRequest('GET', '/api/game/gacha/items', (req) => req.query({ limit: '5' }))
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { items: constrainedArrayLike(gachaItem, 1, 5), count: integer(1) },
          }),
        )
        .executeTest(async (mock) => {
          const list = await clientFor(mock).listGachaItems({ limit: 5 });
          expect(list.items).to.deep.equal([{ item_id: 'char_chibi', name: 'Chibi', type: 'character', rarity: 3 }]);
        }));

    it('the upgrades of a player never upgraded are all zeros', () =>
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

    it('owning a player answers 201 with the player and its data', () =>
      pact
        .addInteraction()
        .given(...state('playerNotOwned', { playerId: 'pact_player_1' }))
        .uponReceiving('a request to own a player')
        .withRequest('POST', '/api/game/players/pact_player_1/own', (req) =>
          req.jsonBody({ player_data: { name: 'Pact Player', class: 'warrior' } }),
        )
        .willRespondWith(201, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              player_id: 'pact_player_1',
              player_data: { name: 'Pact Player', class: 'warrior' },
              owned_at: timestamp(),
              updated_at: timestamp(),
            },
          }),
        )
        .executeTest(async (mock) => {
          const player = await clientFor(mock).ownPlayer('pact_player_1', { name: 'Pact Player', class: 'warrior' });
          expect(player).to.include({ player_id: 'pact_player_1' });
          expect(player.player_data).to.deep.equal({ name: 'Pact Player', class: 'warrior' });
        }));

    it("listing owned players includes every owned player's id", () =>
      pact
        .addInteraction()
        .given(...state('playersOwned', { playerIds: ['pact_player_1', 'pact_player_2'] }))
        .uponReceiving('a request for the owned players')
        .withRequest('GET', '/api/game/players/owned')
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: { players: arrayContaining('pact_player_1', 'pact_player_2'), count: integer(2) },
          }),
        )
        .executeTest(async (mock) => {
          const owned = await clientFor(mock).listOwnedPlayers();
          expect(owned.players).to.include.members(['pact_player_1', 'pact_player_2']);
        }));

    it('runs come a page at a time, with the pagination asked for', () =>
      pact
        .addInteraction()
        .given(...state('runsExist', { count: 3 }))
        .uponReceiving('a request for the first page of 2 runs')
        .withRequest('GET', '/api/game/runs', (req) => req.query({ page: '1', page_size: '2' }))
        .willRespondWith(200, (res) =>
          res.jsonBody({
            status: 'success',
            data: {
              runs: constrainedArrayLike(
                {
                  run_id: uuid(RUN_ID),
                  session_id: uuid(SESSION_ID),
                  party: like({}),
                  map: like({}),
                  created_at: timestamp(),
                },
                1,
                2,
              ),
            },
            pagination: { current_page: 1, page_size: 2, total_items: integer(3), total_pages: integer(2) },
          }),
        )
        .executeTest(async (mock) => {
          const page = await clientFor(mock).listRuns({ page: 1, page_size: 2 });
          expect(page.pagination).to.deep.equal({ current_page: 1, page_size: 2, total_items: 3, total_pages: 2 });
          expect(page.runs.map((run) => run.run_id)).to.deep.equal([RUN_ID]);
        }));
  });

  describe('error envelopes, through the BackendClient', () => {
    it('an unknown session becomes a BackendNotFoundError', () =>
      pact
        .addInteraction()
        .given(...state('sessionMissing', { sessionId: UNKNOWN_SESSION_ID }))
        .uponReceiving('a request for an unknown session')
        .withRequest('GET', `/api/game/session/${UNKNOWN_SESSION_ID}`)
        .willRespondWith(404, (res) => res.jsonBody(notFoundEnvelope))
        .executeTest(async (mock) => {
          const error = await clientFor(mock)
            .getSession(UNKNOWN_SESSION_ID)
            .then(
              () => undefined,
              (caught: unknown) => caught,
            );
          expect(error).to.be.instanceOf(BackendNotFoundError);
          expect(error).to.include({ status: 404, code: 'not_found', message: 'Session not found' });
        }));

    it('an invalid roll type becomes a BackendInvalidInputError', () =>
      pact
        .addInteraction()
        .given(...state('gachaCatalogSeeded'))
        .uponReceiving('a gacha roll of an unknown type')
        .withRequest('POST', '/api/game/gacha/roll', (req) =>
          req.jsonBody({ player_id: 'pact_roller', type: 'legendary' }),
        )
        .willRespondWith(400, (res) =>
          res.jsonBody({
            status: 'error',
            message: like('Invalid request body: type: must be one of standard, premium'),
            code: like('invalid_input'),
          }),
        )
        .executeTest(async (mock) => {
          // The type is deliberately outside the client's RollType: what a caller with bad input would send.
          const bad = { player_id: 'pact_roller', type: 'legendary' } as unknown as Parameters<
            BackendClient['roll']
          >[0];
          const error = await clientFor(mock)
            .roll(bad)
            .then(
              () => undefined,
              (caught: unknown) => caught,
            );
          expect(error).to.be.instanceOf(BackendInvalidInputError);
          expect(error).to.have.property('status', 400);
        }));
  });

  describe('the contract check itself', () => {
    it('fails a test whose request breaks the contract (a session id that is not a UUID)', async () => {
      // A pact of its own in a temporary folder: a failing test writes nothing, and never to pacts/.
      const scratch = await mkdtemp(join(tmpdir(), 'pact-check-'));
      try {
        const outcome = await backendPact({ dir: scratch })
          .addInteraction()
          .given(...state('sessionExists'))
          .uponReceiving('a request to start a run in an existing session')
          .withRequest(
            'POST',
            generatedPath(
              '/api/game/session/${sessionId}/run',
              `/api/game/session/${UUID}/run`,
              `/api/game/session/${SESSION_ID}/run`,
            ),
            (req) => req.jsonBody({ party: PARTY, map: MAP }),
          )
          .willRespondWith(201, (res) => res.jsonBody({ status: 'success', data: { run_id: uuid(RUN_ID) } }))
          .executeTest(async (mock) => {
            await request(routerFor(mock)).post('/api/game/session/not-a-session/run').send({ party: PARTY, map: MAP });
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
  });
});
