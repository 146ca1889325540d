import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../../provider/testing/backend-test-context.ts';
import { buildMap, buildParty } from '../../provider/testing/factories.ts';
import { useRouter } from '../testing/router-test-context.ts';

describe('router: forwarding /api to the real backend', () => {
  const backend = useBackend();
  const router = useRouter(() => backend.url);

  describe('sessions and runs', () => {
    it('creating a session through the router answers 201 and stores the session', async () => {
      const res = await request(router.server).post('/api/game/session').expect(201);
      expect(res.body.status).to.equal('success');
      const stored = await backend.prisma.gameSession.findUnique({ where: { id: res.body.data.session_id } });
      expect(stored).to.not.equal(null);
    });

    it('a run started through the router stores party and map byte for byte, and reads back the same', async () => {
      const session = await backend.factories.session();
      const party = buildParty({ player2: { name: 'Sécond ☃ 🐉', level: 7, tags: ['a', 'b'], nothing: null } });
      const map = buildMap({ floors: [1, 2.5, 3], area: 'router_test' });
      const created = await request(router.server)
        .post(`/api/game/session/${session.id}/run`)
        .send({ party, map })
        .expect(201);
      const stored = await backend.prisma.run.findUniqueOrThrow({ where: { id: created.body.data.run_id } });
      expect(stored.party).to.deep.equal(party);
      expect(stored.map).to.deep.equal(map);

      const read = await request(router.server)
        .get(`/api/game/session/${session.id}/run/${created.body.data.run_id}`)
        .expect(200);
      expect(read.body.data.party).to.deep.equal(party);
      expect(read.body.data.map).to.deep.equal(map);
    });

    it("an unknown session is the backend's own 404 envelope", async () => {
      const res = await request(router.server)
        .get('/api/game/session/00000000-0000-4000-8000-000000000000/run/00000000-0000-4000-8000-000000000001')
        .expect(404);
      expect(res.body).to.include({ status: 'error', message: 'Session not found', code: 'not_found' });
    });
  });

  describe('methods, paths and query strings', () => {
    it('forwards the query string: the backend pages as asked', async () => {
      for (let i = 0; i < 3; i += 1) await backend.factories.run();
      const res = await request(router.server).get('/api/game/runs?page=2&page_size=2').expect(200);
      expect(res.body.pagination).to.deep.equal({ current_page: 2, page_size: 2, total_items: 3, total_pages: 2 });
      expect(res.body.data.runs).to.have.length(1);
    });

    for (const method of ['put', 'patch', 'delete'] as const) {
      it(`forwards ${method.toUpperCase()} with its path: the backend names both in its 404`, async () => {
        const res = await request(router.server)[method]('/api/game/session?x=1').send({ a: 1 }).expect(404);
        expect(res.body.message).to.equal(`Route ${method.toUpperCase()} /api/game/session not found`);
      });
    }

    it('forwards HEAD: the same headers as GET, without a body', async () => {
      const get = await request(router.server).get('/api/game/gacha/items?limit=3').expect(200);
      const head = await request(router.server).head('/api/game/gacha/items?limit=3').expect(200);
      expect(head.headers['content-length']).to.equal(get.headers['content-length']);
      expect(head.headers.etag).to.equal(get.headers.etag);
      expect(head.text).to.equal(undefined);
    });

    it('answers exactly what the backend answers: status, body, content headers', async () => {
      const direct = await request(backend.server).get('/api/game/gacha/items?limit=3').expect(200);
      const routed = await request(router.server).get('/api/game/gacha/items?limit=3').expect(200);
      expect(routed.text).to.equal(direct.text);
      for (const header of ['content-type', 'content-length', 'etag'])
        expect(routed.headers[header], header).to.equal(direct.headers[header]);
    });

    it("forwards request headers: a conditional GET gets the backend's 304", async () => {
      const first = await request(router.server).get('/api/game/gacha/items?limit=3').expect(200);
      await request(router.server)
        .get('/api/game/gacha/items?limit=3')
        .set('If-None-Match', first.headers.etag!)
        .expect(304);
    });

    it('/api without a trailing slash and /api/ both reach the backend', async () => {
      const res = await request(router.server).get('/api/').expect(200);
      expect(res.body).to.deep.equal({ flavor: 'default', status: 'ok', database_connected: true });
      const bare = await request(router.server).get('/api').expect(200);
      expect(bare.body.flavor).to.equal('default');
    });

    it("paths outside /api are the router's own: GET / is not the backend's", async () => {
      const res = await request(router.server).get('/').expect(404);
      expect(res.body).to.include({ status: 'error', code: 'not_found' });
      await request(router.server).get('/apis').expect(404);
    });
  });

  describe('bodies and statuses', () => {
    it('owning a player is 201, owning it again 200 with the data replaced', async () => {
      await request(router.server)
        .post('/api/game/players/router_p1/own')
        .send({ player_data: { level: 1 } })
        .expect(201);
      await request(router.server)
        .post('/api/game/players/router_p1/own')
        .send({ player_data: { level: 2 } })
        .expect(200);
      const stored = await backend.prisma.ownedPlayer.findUniqueOrThrow({ where: { legacyId: 'router_p1' } });
      expect(stored.playerData).to.deep.equal({ level: 2 });
      const owned = await request(router.server).get('/api/game/players/owned').expect(200);
      expect(owned.body.data.players).to.deep.equal(['router_p1']);
    });

    it("an invalid roll is the backend's 400 envelope and nothing is written", async () => {
      const res = await request(router.server).post('/api/game/gacha/roll').send({ invalid: 'data' }).expect(400);
      expect(res.body).to.include({ status: 'error', code: 'invalid_input' });
      expect(res.body.message).to.contain('player_id');
      expect(await backend.prisma.gachaRoll.count()).to.equal(0);
    });

    it("a conflict is the backend's 409 envelope and the totals stay as they were", async () => {
      await backend.factories.upgrades({ playerId: 'router_poor', points: 3 });
      const res = await request(router.server)
        .post('/api/game/players/router_poor/upgrades')
        .send({ points_delta: -5 })
        .expect(409);
      expect(res.body).to.include({ status: 'error', code: 'conflict' });
      expect(
        (await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId: 'router_poor' } })).points,
      ).to.equal(3);
    });

    it("the body reaches the backend as sent: malformed JSON is the backend's 400, not the router's", async () => {
      const res = await request(router.server)
        .post('/api/game/gacha/roll')
        .set('Content-Type', 'application/json')
        .send('{"player_id": "p",')
        .expect(400);
      expect(res.body).to.include({ status: 'error', code: 'malformed_json' });
    });

    it('an oversize body is streamed on and refused by the backend (413), nothing written', async () => {
      const session = await backend.factories.session();
      const party = { blob: 'x'.repeat(200 * 1024) };
      const res = await request(router.server)
        .post(`/api/game/session/${session.id}/run`)
        .send({ party, map: buildMap() })
        .expect(413);
      expect(res.body).to.include({ status: 'error', code: 'body_too_large' });
      expect(await backend.prisma.run.count()).to.equal(0);
    });

    it('applied upgrades come back as the new totals', async () => {
      const res = await request(router.server)
        .post('/api/game/players/router_up/upgrades')
        .send({ points_delta: 100, stat_upgrades: { hp: 10, atk: 5 } })
        .expect(200);
      expect(res.body.data).to.deep.equal({ player_id: 'router_up', points: 100, hp: 10, atk: 5, def: 0, spd: 0 });
    });
  });

  describe('request ids', () => {
    it("the caller's X-Request-Id reaches the backend and comes back", async () => {
      const res = await request(router.server).get('/api/nowhere').set('X-Request-Id', 'trace-router-1').expect(404);
      expect(res.headers['x-request-id']).to.equal('trace-router-1');
      expect(res.body.request_id).to.equal('trace-router-1'); // written by the backend
    });

    it('without one, the router makes an id and the backend uses the same', async () => {
      const res = await request(router.server).get('/api/nowhere').expect(404);
      expect(res.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
      expect(res.body.request_id).to.equal(res.headers['x-request-id']);
    });

    it('an unusable id (odd characters) is replaced before it reaches the backend', async () => {
      const res = await request(router.server)
        .get('/api/nowhere')
        .set('X-Request-Id', 'bad id; drop table')
        .expect(404);
      expect(res.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
      expect(res.body.request_id).to.equal(res.headers['x-request-id']);
    });
  });

  describe('connections to the backend', () => {
    it('are pooled: ten requests one after another, each asking to close its own connection, reuse one', async () => {
      await request(router.server).get('/api/'); // a pooled connection exists
      let opened = 0;
      const count = () => (opened += 1);
      backend.server.on('connection', count);
      try {
        for (let i = 0; i < 10; i += 1)
          await request(router.server).get('/api/game/players/owned').set('Connection', 'close').expect(200);
      } finally {
        backend.server.off('connection', count);
      }
      expect(opened).to.equal(0);
    });
  });

  describe('concurrency', () => {
    it('25 sessions created at once through the router are all 201 with distinct ids, all stored', async () => {
      const responses = await Promise.all(
        Array.from({ length: 25 }, () => request(router.server).post('/api/game/session')),
      );
      expect(responses.map((res) => res.status)).to.deep.equal(Array(25).fill(201));
      expect(new Set(responses.map((res) => res.body.data.session_id)).size).to.equal(25);
      expect(await backend.prisma.gameSession.count()).to.equal(25);
    });

    it('25 concurrent upgrades of +1 with request ids of their own: each answer carries its own id, the total is +25', async () => {
      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          request(router.server)
            .post('/api/game/players/router_many/upgrades')
            .set('X-Request-Id', `up-${i}`)
            .send({ points_delta: 1 }),
        ),
      );
      expect(responses.map((res) => res.status)).to.deep.equal(Array(25).fill(200));
      expect(responses.map((res) => res.headers['x-request-id'])).to.deep.equal(
        Array.from({ length: 25 }, (_, i) => `up-${i}`),
      );
      expect(
        (await backend.prisma.upgradePoints.findUniqueOrThrow({ where: { playerId: 'router_many' } })).points,
      ).to.equal(25);
    });
  });
});
