// What the running system must answer over HTTP, as named checks against base URLs (the backend's
// documents and health, sessions and runs, players, the gacha, upgrades, errors, pagination, the router's
// health and forwarding, and the complete game flow through the router). The smoke
// spec runs them in-process (router -> backend -> PostgreSQL), the stack spec against `npm start`, and
// `npm run check:stack` against any running stack. Each check asserts; a failure says which and why.
import { expect } from 'chai';

export interface StackUrls {
  router: string;
  backend: string;
}

export interface Check {
  name: string;
  run(urls: StackUrls): Promise<void>;
}

interface Answer {
  status: number;
  // The checks read bodies freely; they stay untyped JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function call(method: string, url: string, body?: unknown): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

const uniquePlayer = (prefix: string) => `${prefix}_${Math.random().toString(16).slice(2, 10)}`;

export const backendChecks: Check[] = [
  {
    name: 'backend GET /health is 200 with status healthy or degraded',
    async run({ backend }) {
      const res = await call('GET', `${backend}/health`);
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('success');
      expect(['healthy', 'degraded']).to.include(res.body.data.status);
    },
  },
  {
    name: 'backend GET / names autofighter-backend',
    async run({ backend }) {
      const res = await call('GET', `${backend}/`);
      expect(res.status).to.equal(200);
      expect(res.body.data.service).to.contain('autofighter-backend');
    },
  },
  {
    name: 'backend GET /api/ answers flavor default, status ok, database_connected',
    async run({ backend }) {
      const res = await call('GET', `${backend}/api/`);
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ flavor: 'default', status: 'ok' });
      expect(res.body).to.have.property('database_connected');
    },
  },
  {
    name: 'backend game session lifecycle: session, run, party and map read back',
    async run({ backend }) {
      const session = await call('POST', `${backend}/api/game/session`);
      expect(session.status).to.equal(201);
      const sessionId = session.body.data.session_id;
      const party = { player1: { name: 'Test Player', level: 1 } };
      const map = { level: 1, area: 'test' };
      const run = await call('POST', `${backend}/api/game/session/${sessionId}/run`, { party, map });
      expect(run.status).to.equal(201);
      const details = await call('GET', `${backend}/api/game/session/${sessionId}/run/${run.body.data.run_id}`);
      expect(details.status).to.equal(200);
      expect(details.body.data.party).to.deep.equal(party);
      expect(details.body.data.map).to.deep.equal(map);
    },
  },
  {
    name: 'backend owned players workflow',
    async run({ backend }) {
      const playerId = uniquePlayer('test_player');
      const own = await call('POST', `${backend}/api/game/players/${playerId}/own`, {
        player_data: { name: 'Integration Test Player', class: 'warrior' },
      });
      expect(own.status).to.equal(201);
      const owned = await call('GET', `${backend}/api/game/players/owned`);
      expect(owned.status).to.equal(200);
      expect(owned.body.data.players).to.include(playerId);
    },
  },
  {
    name: 'backend gacha workflow',
    async run({ backend }) {
      const roll = await call('POST', `${backend}/api/game/gacha/roll`, {
        player_id: 'test_gacha_player',
        type: 'standard',
      });
      expect(roll.status).to.equal(201);
      expect(roll.body.data).to.have.property('roll_id');
      expect(roll.body.data.items).to.have.length.greaterThan(0);
      const items = await call('GET', `${backend}/api/game/gacha/items?limit=10`);
      expect(items.status).to.equal(200);
      expect(items.body.data.items).to.have.length.greaterThan(0);
    },
  },
  {
    name: 'backend upgrade points workflow',
    async run({ backend }) {
      const playerId = uniquePlayer('upgrade_test');
      const initial = await call('GET', `${backend}/api/game/players/${playerId}/upgrades`);
      expect(initial.status).to.equal(200);
      expect(initial.body.data.points).to.equal(0);
      const updated = await call('POST', `${backend}/api/game/players/${playerId}/upgrades`, {
        points_delta: 100,
        stat_upgrades: { hp: 10, atk: 5 },
      });
      expect(updated.status).to.equal(200);
      expect(updated.body.data).to.include({ points: 100, hp: 10, atk: 5 });
    },
  },
  {
    name: 'backend error handling: unknown session/run is a 404 "not found", an invalid roll a 400',
    async run({ backend }) {
      const missing = await call('GET', `${backend}/api/game/session/invalid-session/run/invalid-run`);
      expect(missing.status).to.equal(404);
      expect(missing.body.status).to.equal('error');
      expect(missing.body.message.toLowerCase()).to.contain('not found');
      const invalid = await call('POST', `${backend}/api/game/gacha/roll`, { invalid: 'data' });
      expect(invalid.status).to.equal(400);
      expect(invalid.body.status).to.equal('error');
    },
  },
  {
    name: 'backend pagination',
    async run({ backend }) {
      const res = await call('GET', `${backend}/api/game/runs?page=1&page_size=5`);
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('success');
      expect(res.body.pagination).to.include({ current_page: 1, page_size: 5 });
    },
  },
  {
    name: 'backend concurrency: 10 health checks and 5 session creations at once',
    async run({ backend }) {
      const health = await Promise.all(Array.from({ length: 10 }, () => call('GET', `${backend}/health`)));
      expect(health.map((res) => res.status)).to.deep.equal(Array(10).fill(200));
      const sessions = await Promise.all(Array.from({ length: 5 }, () => call('POST', `${backend}/api/game/session`)));
      for (const res of sessions) {
        expect(res.status).to.equal(201);
        expect(res.body.data).to.have.property('session_id');
      }
    },
  },
];

export const routerChecks: Check[] = [
  {
    name: 'router GET /health names the router',
    async run({ router }) {
      const res = await call('GET', `${router}/health`);
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('success');
      expect(res.body.data.service.toLowerCase()).to.contain('router');
    },
  },
  {
    name: 'router GET /health/detailed shows the backend healthy',
    async run({ router }) {
      const res = await call('GET', `${router}/health/detailed`);
      expect(res.status).to.equal(200);
      expect(res.body.data.services.backend.healthy).to.equal(true);
    },
  },
  {
    name: 'router GET /health/services/backend',
    async run({ router }) {
      const res = await call('GET', `${router}/health/services/backend`);
      expect(res.status).to.equal(200);
      expect(res.body.data.service).to.equal('backend');
      expect(res.body.data).to.have.property('healthy');
    },
  },
  {
    name: 'router forwards /api/ and session creation',
    async run({ router }) {
      const api = await call('GET', `${router}/api/`);
      expect(api.status).to.equal(200);
      expect(api.body).to.include({ flavor: 'default', status: 'ok' });
      const session = await call('POST', `${router}/api/game/session`);
      expect(session.status).to.equal(201);
      expect(session.body.data).to.have.property('session_id');
    },
  },
  {
    name: 'router forwards errors: an unknown /api path is a 404, an invalid roll a 400 envelope',
    async run({ router }) {
      expect((await call('GET', `${router}/api/invalid-endpoint`)).status).to.equal(404);
      const invalid = await call('POST', `${router}/api/game/gacha/roll`, { invalid: 'data', type: 'invalid_type' });
      expect(invalid.status).to.equal(400);
      expect(invalid.body.status).to.equal('error');
    },
  },
  {
    name: 'router concurrency: 10 /api/ at once, 20 session creations at once, 50 health checks at once',
    async run({ router }) {
      const apis = await Promise.all(Array.from({ length: 10 }, () => call('GET', `${router}/api/`)));
      expect(apis.every((res) => res.status === 200 && res.body.status === 'ok')).to.equal(true);
      const sessions = await Promise.all(Array.from({ length: 20 }, () => call('POST', `${router}/api/game/session`)));
      expect(sessions.map((res) => res.status)).to.deep.equal(Array(20).fill(201));
      const health = await Promise.all(Array.from({ length: 50 }, () => call('GET', `${router}/health`)));
      expect(health.map((res) => res.status)).to.deep.equal(Array(50).fill(200));
    },
  },
];

export interface GameFlowResult {
  sessionId: string;
  runId: string;
  playerId: string;
  rollId: string;
  party: Record<string, unknown>;
  map: Record<string, unknown>;
  playerData: Record<string, unknown>;
}

/** The complete game flow through the router (session, player, run, gacha, upgrades, read back); returns what it created, to check storage. */
export async function completeGameFlow(router: string): Promise<GameFlowResult> {
  const session = await call('POST', `${router}/api/game/session`);
  expect(session.status).to.equal(201);
  const sessionId: string = session.body.data.session_id;

  const playerId = uniquePlayer('e2e_player');
  const playerData = { name: 'E2E Test Player', class: 'warrior', level: 1 };
  expect(
    (await call('POST', `${router}/api/game/players/${playerId}/own`, { player_data: playerData })).status,
  ).to.equal(201);

  const party = { [playerId]: playerData };
  const map = { level: 1, area: 'e2e_test', difficulty: 'normal' };
  const run = await call('POST', `${router}/api/game/session/${sessionId}/run`, { party, map });
  expect(run.status).to.equal(201);
  const runId: string = run.body.data.run_id;

  const roll = await call('POST', `${router}/api/game/gacha/roll`, { player_id: playerId, type: 'standard' });
  expect(roll.status).to.equal(201);
  expect(roll.body.data.items).to.have.length.greaterThan(0);

  const upgrade = await call('POST', `${router}/api/game/players/${playerId}/upgrades`, {
    points_delta: 150,
    stat_upgrades: { hp: 15, atk: 10, def: 5 },
  });
  expect(upgrade.status).to.equal(200);
  expect(upgrade.body.data.points).to.equal(150);

  // Everything reads back through the router.
  const readRun = await call('GET', `${router}/api/game/session/${sessionId}/run/${runId}`);
  expect(readRun.status).to.equal(200);
  expect(readRun.body.data.party).to.deep.equal(party);
  expect(readRun.body.data.map).to.deep.equal(map);
  expect((await call('GET', `${router}/api/game/players/owned`)).body.data.players).to.include(playerId);
  expect((await call('GET', `${router}/api/game/gacha/items`)).body.data.items).to.have.length.greaterThan(0);
  const upgrades = await call('GET', `${router}/api/game/players/${playerId}/upgrades`);
  expect(upgrades.body.data).to.include({ points: 150, hp: 15, atk: 10, def: 5 });

  return { sessionId, runId, playerId, rollId: roll.body.data.roll_id, party, map, playerData };
}

export const endToEndChecks: Check[] = [
  {
    name: 'the complete game flow through the router: session, own, run, gacha, upgrades, read back',
    async run({ router }) {
      await completeGameFlow(router);
    },
  },
];

export const smokeChecks: Check[] = [...backendChecks, ...routerChecks, ...endToEndChecks];
