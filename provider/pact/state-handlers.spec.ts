import { expect } from 'chai';
import pg from 'pg';
import { DatabaseOutage } from '../../db/testing/database-outage.ts';
import { freshTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { useBackend } from '../testing/backend-test-context.ts';
import { pactFilesFor, statesUsedBy } from './pact-files.ts';
import { createStateHandlers, type StateHandler } from './state-handlers.ts';
import { stateReport } from './state-report.ts';
import { LOCAL_PACTS_DIRECTORY, PROVIDER_NAME } from './verification-config.ts';

describe('provider state handlers', () => {
  const backend = useBackend();
  let handlers: Record<string, StateHandler>;

  before(() => {
    const database = {
      cutOff: () => Promise.reject(new Error('this test database is shared: see the outage test below')),
    };
    handlers = createStateHandlers({ prisma: backend.prisma, factories: backend.factories, database });
  });

  const setUp = (state: string, params?: unknown) => {
    const handler = handlers[state];
    if (!handler) throw new Error(`no handler for "${state}"`);
    return handler(params);
  };

  it('every state the committed pacts use has a handler (a typo in a state name would fail here first)', () => {
    const used = statesUsedBy(pactFilesFor(PROVIDER_NAME, LOCAL_PACTS_DIRECTORY));
    expect(used.size, 'the committed pacts use provider states').to.be.greaterThan(0);
    const report = stateReport(used, Object.keys(handlers));
    expect(report.missing, report.text).to.deep.equal([]);
  });

  const SESSION = '6f1c7a56-2b1e-4d7e-9c3a-0b8f2d4e5a61';
  const RUN_A = '0d4b9e2f-8c61-4a3b-b7e5-1f2a3c4d5e6f';
  const RUN_B = '5b8e1c3a-7d2f-4a6e-9b1c-2e4f6a8c0d13';

  it('"game session {sessionId} exists with runs {runs}" stores exactly the ids, contents and times given', async () => {
    const party = { player1: { name: 'Router Test', level: 1 }, tags: ['a', null, 2.5] };
    const map = { area: 'router_test', level: 1, '': { nested: true } };
    await setUp('game session {sessionId} exists with runs {runs}', {
      sessionId: SESSION,
      createdAt: '2026-01-01T12:00:00.000Z',
      runs: [
        { runId: RUN_A, party, map, createdAt: '2026-01-01T12:01:00.000Z' },
        { runId: RUN_B, party: {}, map: {}, createdAt: '2026-01-01T12:02:00Z' },
      ],
    });
    const session = await backend.prisma.gameSession.findUniqueOrThrow({
      where: { id: SESSION },
      include: { runs: { orderBy: { createdAt: 'asc' } } },
    });
    expect(session.createdAt.toISOString()).to.equal('2026-01-01T12:00:00.000Z');
    expect(
      session.runs.map((run) => ({ id: run.id, party: run.party, map: run.map, at: run.createdAt.toISOString() })),
    ).to.deep.equal([
      { id: RUN_A, party, map, at: '2026-01-01T12:01:00.000Z' },
      { id: RUN_B, party: {}, map: {}, at: '2026-01-01T12:02:00.000Z' },
    ]);
  });

  it('"game session {sessionId} exists with runs {runs}" with no runs creates the session alone', async () => {
    await setUp('game session {sessionId} exists with runs {runs}', {
      sessionId: SESSION,
      createdAt: '2026-01-01T12:00:00.000Z',
      runs: [],
    });
    expect(await backend.prisma.gameSession.count()).to.equal(1);
    expect(await backend.prisma.run.count()).to.equal(0);
  });

  it('"player {playerId} has upgrade points and stats" stores exactly those totals', async () => {
    await setUp('player {playerId} has upgrade points and stats', {
      playerId: 'pact_upgrader',
      points: 20,
      hp: 1,
      atk: 0,
      def: 2,
      spd: 0,
    });
    const row = await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId: 'pact_upgrader' } });
    expect({ points: row.points, hp: row.hp, atk: row.atk, def: row.def, spd: row.spd }).to.deep.equal({
      points: 20,
      hp: 1,
      atk: 0,
      def: 2,
      spd: 0,
    });
  });

  it('"players {players} are owned" owns them in the order given (the API lists oldest first), with their data and time', async () => {
    await setUp('players {players} are owned', {
      players: [
        { playerId: 'pact_player_2', playerData: { level: 2 }, ownedAt: '2026-01-01T09:00:00.000Z' },
        { playerId: 'pact_player_1', playerData: { level: 1 }, ownedAt: '2026-01-01T10:00:00.000Z' },
        { playerId: 'pact_player_3', playerData: {}, ownedAt: '2026-01-01T08:00:00.000Z' },
      ],
    });
    const res = await fetch(`${backend.url}/api/game/players/owned`);
    expect(((await res.json()) as { data: { players: string[] } }).data.players).to.deep.equal([
      'pact_player_2',
      'pact_player_1',
      'pact_player_3',
    ]);
    const player = await backend.prisma.ownedPlayer.findUniqueOrThrow({ where: { legacyId: 'pact_player_2' } });
    expect(player.playerData).to.deep.equal({ level: 2 });
    expect([player.createdAt.toISOString(), player.updatedAt.toISOString()]).to.deep.equal([
      '2026-01-01T09:00:00.000Z',
      '2026-01-01T09:00:00.000Z',
    ]);
  });

  it('"the gacha catalog is seeded" leaves the catalog in place and complete', async () => {
    const before = await backend.prisma.gachaItem.count();
    await setUp('the gacha catalog is seeded');
    expect(await backend.prisma.gachaItem.count())
      .to.equal(before)
      .and.to.be.at.least(5);
  });

  it('states that only need the reset write nothing', async () => {
    await setUp('the backend is healthy');
    await setUp('the game database is empty');
    await setUp('no game session with id {sessionId} exists', { sessionId: '00000000-0000-4000-8000-000000000000' });
    await setUp('player {playerId} has no upgrades', { playerId: 'pact_new_player' });
    await setUp('player {playerId} is not owned', { playerId: 'pact_player_1' });
    const counts = await Promise.all([
      backend.prisma.gameSession.count(),
      backend.prisma.ownedPlayer.count(),
      backend.prisma.upgradePoints.count(),
    ]);
    expect(counts).to.deep.equal([0, 0, 0]);
  });

  describe('parameters from a pact are checked, and a bad one fails the handler, saying which', () => {
    const session = 'game session {sessionId} exists with runs {runs}';
    const run = { runId: RUN_A, party: {}, map: {}, createdAt: '2026-01-01T12:01:00.000Z' };
    const cases: [string, unknown, RegExp][] = [
      [
        session,
        { sessionId: SESSION, createdAt: '2026-01-01T12:00:00Z', runs: [{ ...run, party: 'x' }] },
        /runs\.0\.party must be a JSON object/,
      ],
      [session, { sessionId: 'not-a-uuid', createdAt: '2026-01-01T12:00:00Z', runs: [] }, /sessionId must be a UUID/],
      [session, { sessionId: SESSION, createdAt: 'yesterday', runs: [] }, /createdAt/],
      [session, { sessionId: SESSION, createdAt: '2026-01-01T12:00:00Z' }, /runs/],
      [
        'player {playerId} has upgrade points and stats',
        { playerId: 'p', points: -1, hp: 0, atk: 0, def: 0, spd: 0 },
        /points/,
      ],
      [
        'player {playerId} has upgrade points and stats',
        { playerId: 'has space', points: 1, hp: 0, atk: 0, def: 0, spd: 0 },
        /playerId/,
      ],
      ['players {players} are owned', { players: [] }, /players/],
      ['players {players} are owned', { players: [{ playerId: 'p', playerData: {}, ownedAt: 'soon' }] }, /ownedAt/],
      ['players {players} are owned', undefined, /players/],
    ];
    for (const [state, params, problem] of cases) {
      it(`"${state}" with ${JSON.stringify(params)}`, async () => {
        let failure: unknown;
        await setUp(state, params).catch((error: unknown) => (failure = error));
        expect(failure).to.be.instanceOf(Error);
        expect((failure as Error).message)
          .to.match(/^bad parameters: /)
          .and.match(problem);
        expect(
          (await backend.prisma.gameSession.count()) +
            (await backend.prisma.run.count()) +
            (await backend.prisma.upgradePoints.count()) +
            (await backend.prisma.ownedPlayer.count()),
        ).to.equal(0);
      });
    }
  });

  describe('"the backend\'s database is unavailable" (on a database of its own)', () => {
    let databaseUrl: string;
    let outage: DatabaseOutage;

    before(async () => {
      databaseUrl = await freshTestDatabaseUrl('backend', 'state_outage');
      outage = new DatabaseOutage(databaseUrl);
    });
    after(() => outage?.end());

    const connects = async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      try {
        await client.connect();
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    };

    it('cuts the database off: nobody can connect until it is restored', async () => {
      const cutOff = createStateHandlers({
        prisma: backend.prisma,
        factories: backend.factories,
        database: { cutOff: () => outage.cutOff() },
      })["the backend's database is unavailable"]!;
      expect(await connects()).to.equal(true);
      await cutOff();
      expect(await connects()).to.equal(false);
      await outage.restore();
      expect(await connects()).to.equal(true);
    });
  });
});
