// The BackendClient against the real backend on the test PostgreSQL: every call's answer read back, and
// the database holding what the answer said. The client's own tests (consumer/backend-client) use
// stand-ins and the pact; this is the full-stack layer, where the real backend belongs.
import { expect } from 'chai';
import { BackendClient } from '../consumer/backend-client/backend-client.ts';
import {
  BackendConflictError,
  BackendInvalidInputError,
  BackendNotFoundError,
  BackendResponseError,
} from '../consumer/backend-client/errors.ts';
import { useBackend } from '../provider/testing/backend-test-context.ts';
import { buildMap, buildParty } from '../provider/testing/factories.ts';

/** The error a promise rejects with (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('smoke: BackendClient -> backend -> PostgreSQL', () => {
  const backend = useBackend();
  let client: BackendClient;
  before(() => {
    client = new BackendClient({ baseUrl: backend.url });
  });

  it('health and the API root', async () => {
    expect((await client.health()).status).to.equal('healthy');
    expect(await client.apiStatus()).to.deep.equal({ flavor: 'default', status: 'ok', database_connected: true });
  });

  it('a session, a run in it, the run and the session read back', async () => {
    const session = await client.createSession();
    const party = buildParty({ player2: { name: 'Ünïcode', level: 2 } });
    const map = buildMap();
    const run = await client.startRun(session.session_id, { party, map });
    expect(run).to.include({ session_id: session.session_id });

    const read = await client.getRun(session.session_id, run.run_id);
    expect(read.party).to.deep.equal(party);
    expect(read.map).to.deep.equal(map);
    expect((await client.getSession(session.session_id)).run_ids).to.deep.equal([run.run_id]);
    expect(await backend.prisma.run.count({ where: { sessionId: session.session_id } })).to.equal(1);
  });

  it('runs, a page at a time', async () => {
    for (let i = 0; i < 3; i += 1) await backend.factories.run();
    const page = await client.listRuns({ page: 2, page_size: 2 });
    expect(page.pagination).to.deep.equal({ current_page: 2, page_size: 2, total_items: 3, total_pages: 2 });
    expect(page.runs).to.have.length(1);
  });

  it('owning players and listing them', async () => {
    const owned = await client.ownPlayer('client_p1', { name: 'One' });
    expect(owned).to.include({ player_id: 'client_p1' });
    await client.ownPlayer('client_p2', { name: 'Two' });
    expect(await client.listOwnedPlayers()).to.deep.equal({ players: ['client_p1', 'client_p2'], count: 2 });
    expect(await backend.prisma.ownedPlayer.count()).to.equal(2);
  });

  it('upgrades: zeros for a new player, then the applied totals', async () => {
    expect(await client.getUpgrades('client_up')).to.deep.equal({
      player_id: 'client_up',
      points: 0,
      hp: 0,
      atk: 0,
      def: 0,
      spd: 0,
    });
    const applied = await client.applyUpgrades('client_up', { points_delta: 100, stat_upgrades: { hp: 10, atk: 5 } });
    expect(applied).to.deep.equal({ player_id: 'client_up', points: 100, hp: 10, atk: 5, def: 0, spd: 0 });
    expect(
      (await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId: 'client_up' } })).points,
    ).to.equal(100);
  });

  it('a gacha roll is recorded; the catalog comes with a limit', async () => {
    const roll = await client.roll({ player_id: 'client_roller', type: 'premium', count: 10 });
    expect(roll.items).to.have.length(10);
    expect(await backend.prisma.gachaRoll.count({ where: { playerId: 'client_roller' } })).to.equal(1);
    const catalog = await client.listGachaItems({ limit: 4 });
    expect(catalog.items).to.have.length(4);
    expect(catalog.count).to.equal(4);
  });

  it('ids with characters that mean something in a URL are sent as one path segment', async () => {
    const error = await rejectionOf(client.getRun('a/b?c', 'x#y'));
    expect(error).to.be.instanceOf(BackendNotFoundError);
    expect((error as BackendNotFoundError).message).to.equal('Session not found');
  });

  describe('error envelopes become typed errors', () => {
    it("404: BackendNotFoundError with the backend's message and code", async () => {
      const error = await rejectionOf(client.getRun(UNKNOWN_ID, UNKNOWN_ID));
      expect(error).to.be.instanceOf(BackendNotFoundError).and.instanceOf(BackendResponseError);
      expect(error).to.include({ status: 404, code: 'not_found', message: 'Session not found' });
    });

    it('400: BackendInvalidInputError, nothing written', async () => {
      const error = await rejectionOf(client.roll({ player_id: '', type: 'standard' }));
      expect(error).to.be.instanceOf(BackendInvalidInputError);
      expect(error).to.include({ status: 400, code: 'invalid_input' });
      expect(await backend.prisma.gachaRoll.count()).to.equal(0);
    });

    it('409: BackendConflictError, totals unchanged', async () => {
      await backend.factories.upgrades({ playerId: 'client_poor', points: 1 });
      const error = await rejectionOf(client.applyUpgrades('client_poor', { points_delta: -2 }));
      expect(error).to.be.instanceOf(BackendConflictError);
      expect(
        (await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId: 'client_poor' } })).points,
      ).to.equal(1);
    });

    it('the request id given to a call reaches the backend and comes back on the error', async () => {
      const error = await rejectionOf(client.getSession(UNKNOWN_ID, { requestId: 'client-trace-7' }));
      expect(error).to.include({ requestId: 'client-trace-7' });
    });
  });
});
