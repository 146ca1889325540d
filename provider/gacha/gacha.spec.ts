import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../testing/backend-test-context.ts';
import { sequenceRandom } from '../testing/random.ts';
import { GACHA_CATALOG, seedGachaCatalog } from './catalog.ts';
import { MAX_ITEMS_LIMIT } from './gacha.router.ts';

describe('backend: gacha', () => {
  // 0.01 -> a 5-star in a standard roll (3 % odds); 0.0 -> the first 5-star in catalog order.
  const backend = useBackend({ random: sequenceRandom([0.01, 0.0]) });

  describe('POST /api/game/gacha/roll', () => {
    it('rolls, answers 201 with the roll id and the drawn items, and records the roll', async () => {
      const res = await request(backend.server)
        .post('/api/game/gacha/roll')
        .send({ player_id: 'test_gacha_player', type: 'standard' })
        .expect(201);
      expect(res.body.status).to.equal('success');
      expect(res.body.data.items).to.deep.equal([{ item_id: 'char_luna', name: 'Luna', type: 'character', rarity: 5 }]);
      const roll = await backend.prisma.gachaRoll.findUniqueOrThrow({
        where: { id: res.body.data.roll_id },
        include: { items: { include: { item: true } } },
      });
      expect(roll).to.include({ playerId: 'test_gacha_player', rollType: 'standard' });
      expect(roll.items.map((entry) => entry.item.legacyId)).to.deep.equal(['char_luna']);
    });

    it('a ten-roll draws ten items, recorded in order', async () => {
      const res = await request(backend.server)
        .post('/api/game/gacha/roll')
        .send({ player_id: 'p', type: 'premium', count: 10 })
        .expect(201);
      expect(res.body.data.items).to.have.length(10);
      expect(await backend.prisma.gachaRollItem.count({ where: { rollId: res.body.data.roll_id } })).to.equal(10);
    });

    it('when player_id is missing, returns 400 and records no roll', async () => {
      const res = await request(backend.server).post('/api/game/gacha/roll').send({ type: 'standard' }).expect(400);
      expect(res.body).to.include({ status: 'error' });
      expect(res.body.message).to.contain('player_id: is required');
      expect(await backend.prisma.gachaRoll.count()).to.equal(0);
    });

    it('when the type is unknown, returns 400 naming the known types', async () => {
      const res = await request(backend.server)
        .post('/api/game/gacha/roll')
        .send({ player_id: 'p', type: 'invalid_type' })
        .expect(400);
      expect(res.body.message).to.contain('standard, premium');
      expect(await backend.prisma.gachaRoll.count()).to.equal(0);
    });
  });

  describe('GET /api/game/gacha/items', () => {
    it('lists catalog items up to the limit, rarest first', async () => {
      const res = await request(backend.server).get('/api/game/gacha/items?limit=3').expect(200);
      expect(res.body.data.items).to.have.length(3);
      expect(res.body.data.items.every((item: { rarity: number }) => item.rarity === 5)).to.equal(true);
    });

    it('without a limit lists the whole catalog', async () => {
      const res = await request(backend.server).get('/api/game/gacha/items').expect(200);
      expect(res.body.data.items).to.have.length(GACHA_CATALOG.length);
    });

    it(`when the limit is above ${MAX_ITEMS_LIMIT} or not a number, returns 400`, async () => {
      await request(backend.server)
        .get(`/api/game/gacha/items?limit=${MAX_ITEMS_LIMIT + 1}`)
        .expect(400);
      await request(backend.server).get('/api/game/gacha/items?limit=ten').expect(400);
    });
  });

  describe('catalog seeding', () => {
    it('is idempotent: seeding again changes no row', async () => {
      const before = await backend.prisma.gachaItem.findMany({ orderBy: { id: 'asc' } });
      await seedGachaCatalog(backend.prisma);
      await seedGachaCatalog(backend.prisma);
      const after = await backend.prisma.gachaItem.findMany({ orderBy: { id: 'asc' } });
      expect(after).to.deep.equal(before);
      expect(after.map((item) => item.legacyId).sort()).to.deep.equal(GACHA_CATALOG.map((item) => item.id).sort());
    });
  });
});
