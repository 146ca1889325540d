import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../testing/backend-test-context.ts';
import { uniqueId } from '../testing/factories.ts';

describe('backend: upgrade points', () => {
  const backend = useBackend();

  describe('GET /api/game/players/:playerId/upgrades', () => {
    it('for a player never upgraded, returns zeros and writes nothing', async () => {
      const res = await request(backend.server).get('/api/game/players/newcomer/upgrades').expect(200);
      expect(res.body.data).to.deep.equal({ player_id: 'newcomer', points: 0, hp: 0, atk: 0, def: 0, spd: 0 });
      expect(await backend.prisma.upgradePoints.count()).to.equal(0);
    });

    it('returns what the player holds', async () => {
      const row = await backend.factories.upgrades({ points: 7, hp: 2 });
      const res = await request(backend.server).get(`/api/game/players/${row.playerId}/upgrades`).expect(200);
      expect(res.body.data).to.include({ points: 7, hp: 2, atk: 0 });
    });
  });

  describe('POST /api/game/players/:playerId/upgrades', () => {
    it('adds points and stats and returns the totals (200)', async () => {
      const playerId = uniqueId('upgrade_test');
      const res = await request(backend.server)
        .post(`/api/game/players/${playerId}/upgrades`)
        .send({ points_delta: 100, stat_upgrades: { hp: 10, atk: 5 } })
        .expect(200);
      expect(res.body.data).to.deep.equal({ player_id: playerId, points: 100, hp: 10, atk: 5, def: 0, spd: 0 });
      const row = await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId } });
      expect(row).to.include({ points: 100, hp: 10, atk: 5 });
    });

    it('spends points with a negative delta', async () => {
      const row = await backend.factories.upgrades({ points: 50 });
      const res = await request(backend.server)
        .post(`/api/game/players/${row.playerId}/upgrades`)
        .send({ points_delta: -20, stat_upgrades: { def: 2 } })
        .expect(200);
      expect(res.body.data).to.include({ points: 30, def: 2 });
    });

    it('when the change would take points below zero, returns 409 and changes nothing', async () => {
      const row = await backend.factories.upgrades({ points: 5, hp: 1 });
      const res = await request(backend.server)
        .post(`/api/game/players/${row.playerId}/upgrades`)
        .send({ points_delta: -6, stat_upgrades: { hp: 3 } })
        .expect(409);
      expect(res.body).to.include({ status: 'error', code: 'conflict' });
      expect(res.body.message).to.contain('Not enough upgrade points');
      const after = await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId: row.playerId } });
      expect(after).to.include({ points: 5, hp: 1 });
    });

    it('when a new player would start below zero, returns 409 and creates no row', async () => {
      await request(backend.server).post('/api/game/players/broke/upgrades').send({ points_delta: -1 }).expect(409);
      expect(await backend.prisma.upgradePoints.count()).to.equal(0);
    });

    it('when totals would overflow, returns 409 instead of failing', async () => {
      const row = await backend.factories.upgrades({ points: 2_147_000_000 });
      const res = await request(backend.server)
        .post(`/api/game/players/${row.playerId}/upgrades`)
        .send({ points_delta: 1_000_000 })
        .expect(409);
      expect(res.body.message).to.contain('largest value');
    });

    // 30 at once: more than the test pool's 20 connections, so changes queue for connections and for the
    // row's lock at once. (A hundred proved nothing more and cost a quarter second of every run.)
    it('30 concurrent +1 changes for one player end at exactly +30 (no lost update)', async () => {
      const playerId = uniqueId('concurrent');
      const responses = await Promise.all(
        Array.from({ length: 30 }, () =>
          request(backend.server)
            .post(`/api/game/players/${playerId}/upgrades`)
            .send({ points_delta: 1, stat_upgrades: { atk: 1 } }),
        ),
      );
      expect(responses.every((res) => res.status === 200)).to.equal(true);
      const row = await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId } });
      expect(row).to.include({ points: 30, atk: 30 });
    });

    it('when neither points_delta nor stat_upgrades is given, returns 400', async () => {
      const res = await request(backend.server).post('/api/game/players/p1/upgrades').send({}).expect(400);
      expect(res.body.message).to.contain('points_delta');
    });

    it('when a stat is unknown, returns 400 listing the known stats', async () => {
      const res = await request(backend.server)
        .post('/api/game/players/p1/upgrades')
        .send({ stat_upgrades: { luck: 1 } })
        .expect(400);
      expect(res.body.message).to.contain('hp, atk, def, spd');
      expect(await backend.prisma.upgradePoints.count()).to.equal(0);
    });
  });
});
