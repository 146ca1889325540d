import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../testing/backend-test-context.ts';
import { buildPlayerData, uniqueId } from '../testing/factories.ts';

describe('backend: owned players', () => {
  const backend = useBackend();

  describe('POST /api/game/players/:playerId/own', () => {
    it('owns a new player: 201, and the row holds player_data', async () => {
      const playerId = uniqueId('test_player');
      const playerData = buildPlayerData({ level: 3 });
      const res = await request(backend.server)
        .post(`/api/game/players/${playerId}/own`)
        .send({ player_data: playerData })
        .expect(201);
      expect(res.body.status).to.equal('success');
      expect(res.body.data).to.include({ player_id: playerId });
      const row = await backend.prisma.ownedPlayer.findUniqueOrThrow({ where: { legacyId: playerId } });
      expect(row.playerData).to.deep.equal(playerData);
    });

    it('owning a player already owned replaces its data and answers 200, keeping one row', async () => {
      const player = await backend.factories.ownedPlayer();
      const res = await request(backend.server)
        .post(`/api/game/players/${player.legacyId}/own`)
        .send({ player_data: { name: 'Renamed' } })
        .expect(200);
      expect(res.body.data.player_data).to.deep.equal({ name: 'Renamed' });
      expect(await backend.prisma.ownedPlayer.count()).to.equal(1);
    });

    it('when the same new player is owned 10 times at once, exactly one is created', async () => {
      const playerId = uniqueId('racer');
      const statuses = (
        await Promise.all(
          Array.from({ length: 10 }, () =>
            request(backend.server).post(`/api/game/players/${playerId}/own`).send({ player_data: buildPlayerData() }),
          ),
        )
      ).map((res) => res.status);
      expect(statuses.filter((status) => status === 201)).to.have.length(1);
      expect(statuses.filter((status) => status === 200)).to.have.length(9);
      expect(await backend.prisma.ownedPlayer.count()).to.equal(1);
    });

    it('when player_data is missing, returns 400 and owns nothing', async () => {
      const res = await request(backend.server).post('/api/game/players/p1/own').send({}).expect(400);
      expect(res.body.message).to.contain('player_data');
      expect(await backend.prisma.ownedPlayer.count()).to.equal(0);
    });
  });

  describe('GET /api/game/players/owned', () => {
    it('lists the ids of owned players, oldest first', async () => {
      const first = await backend.factories.ownedPlayer();
      const second = await backend.factories.ownedPlayer();
      const res = await request(backend.server).get('/api/game/players/owned').expect(200);
      expect(res.body.data).to.deep.equal({ players: [first.legacyId, second.legacyId], count: 2 });
    });

    it('with nobody owned, the list is empty (not a 404)', async () => {
      const res = await request(backend.server).get('/api/game/players/owned').expect(200);
      expect(res.body.data.players).to.deep.equal([]);
    });
  });
});
