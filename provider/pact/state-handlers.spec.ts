import { expect } from 'chai';
import { useBackend } from '../testing/backend-test-context.ts';
import { pactFilesFor, statesUsedBy } from './pact-files.ts';
import { createStateHandlers, type StateHandler } from './state-handlers.ts';
import { stateReport } from './state-report.ts';
import { LOCAL_PACTS_DIRECTORY, PROVIDER_NAME } from './verification-config.ts';

describe('provider state handlers', () => {
  const backend = useBackend();
  let handlers: Record<string, StateHandler>;

  before(() => {
    handlers = createStateHandlers({ prisma: backend.prisma, factories: backend.factories });
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

  it('"a game session exists" creates one session with no runs and returns its id', async () => {
    const returned = await setUp('a game session exists');
    const sessions = await backend.prisma.gameSession.findMany({ include: { runs: true } });
    expect(sessions.map((session) => ({ id: session.id, runs: session.runs.length }))).to.deep.equal([
      { id: returned!.sessionId, runs: 0 },
    ]);
  });

  it('"a run exists in a game session" stores exactly the party and map given and returns both ids', async () => {
    const party = { player1: { name: 'Router Test', level: 1 }, tags: ['a', null, 2.5] };
    const map = { area: 'router_test', level: 1, '': { nested: true } };
    const returned = await setUp('a run exists in a game session', { party, map });
    const run = await backend.prisma.run.findUniqueOrThrow({ where: { id: returned!.runId! } });
    expect(run.sessionId).to.equal(returned!.sessionId);
    expect(run.party).to.deep.equal(party);
    expect(run.map).to.deep.equal(map);
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

  it('"players {playerIds} are owned" owns them in the order given (the API lists oldest first)', async () => {
    await setUp('players {playerIds} are owned', { playerIds: ['pact_player_2', 'pact_player_1', 'pact_player_3'] });
    const res = await fetch(`${backend.url}/api/game/players/owned`);
    expect(((await res.json()) as { data: { players: string[] } }).data.players).to.deep.equal([
      'pact_player_2',
      'pact_player_1',
      'pact_player_3',
    ]);
  });

  it('"{count} runs exist" creates that many runs', async () => {
    await setUp('{count} runs exist', { count: 3 });
    expect(await backend.prisma.run.count()).to.equal(3);
    await backend.reset();
    await setUp('{count} runs exist', { count: 0 });
    expect(await backend.prisma.run.count()).to.equal(0);
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
    const cases: [string, unknown, RegExp][] = [
      ['a run exists in a game session', { party: 'warriors', map: {} }, /party must be a JSON object/],
      ['a run exists in a game session', { map: {} }, /party/],
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
      ['players {playerIds} are owned', { playerIds: [] }, /playerIds/],
      ['{count} runs exist', { count: 2.5 }, /count/],
      ['{count} runs exist', undefined, /count/],
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
          (await backend.prisma.run.count()) +
            (await backend.prisma.upgradePoints.count()) +
            (await backend.prisma.ownedPlayer.count()),
        ).to.equal(0);
      });
    }
  });
});
