import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../testing/backend-test-context.ts';
import { buildMap, buildParty } from '../testing/factories.ts';

describe('backend: game sessions and runs', () => {
  const backend = useBackend();

  describe('POST /api/game/session', () => {
    it('creates a session and answers 201 with its id', async () => {
      const res = await request(backend.server).post('/api/game/session').expect(201);
      expect(res.body.status).to.equal('success');
      expect(res.body.data.session_id).to.match(/^[0-9a-f-]{36}$/);
      const stored = await backend.prisma.gameSession.findUnique({ where: { id: res.body.data.session_id } });
      expect(stored).to.not.equal(null);
    });

    it('when 20 sessions are created at once, all are 201 with distinct ids', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => request(backend.server).post('/api/game/session')),
      );
      expect(responses.map((res) => res.status)).to.deep.equal(Array(20).fill(201));
      const ids = new Set(responses.map((res) => res.body.data.session_id));
      expect(ids.size).to.equal(20);
      expect(await backend.prisma.gameSession.count()).to.equal(20);
    });
  });

  describe('GET /api/game/session/:sessionId', () => {
    it('returns the session with the ids of its runs', async () => {
      const run = await backend.factories.run();
      const res = await request(backend.server).get(`/api/game/session/${run.sessionId}`).expect(200);
      expect(res.body.data).to.include({ session_id: run.sessionId });
      expect(res.body.data.run_ids).to.deep.equal([run.id]);
    });

    it('when the session is unknown, returns 404', async () => {
      const res = await request(backend.server)
        .get('/api/game/session/00000000-0000-4000-8000-000000000000')
        .expect(404);
      expect(res.body).to.include({ status: 'error', message: 'Session not found' });
    });
  });

  describe('POST /api/game/session/:sessionId/run', () => {
    it('starts a run in the session, stores party and map, and answers 201 with the run id', async () => {
      const session = await backend.factories.session();
      const party = buildParty({ player2: { name: 'Sécond ☃', level: 7, tags: ['a', 'b'] } });
      const map = buildMap({ floors: [1, 2, 3], boss: null });
      const res = await request(backend.server)
        .post(`/api/game/session/${session.id}/run`)
        .send({ party, map })
        .expect(201);
      expect(res.body.status).to.equal('success');
      const stored = await backend.prisma.run.findUniqueOrThrow({ where: { id: res.body.data.run_id } });
      expect(stored.sessionId).to.equal(session.id);
      expect(stored.party).to.deep.equal(party);
      expect(stored.map).to.deep.equal(map);
    });

    it('when the session is unknown, returns 404 and stores nothing', async () => {
      const res = await request(backend.server)
        .post('/api/game/session/00000000-0000-4000-8000-000000000000/run')
        .send({ party: buildParty(), map: buildMap() })
        .expect(404);
      expect(res.body).to.include({ status: 'error', message: 'Session not found' });
      expect(await backend.prisma.run.count()).to.equal(0);
    });

    it('when the session id is not a UUID, returns 404', async () => {
      await request(backend.server)
        .post('/api/game/session/not-a-session/run')
        .send({ party: buildParty(), map: buildMap() })
        .expect(404);
    });

    it('when party or map is missing, returns 400 naming the field and stores nothing', async () => {
      const session = await backend.factories.session();
      const res = await request(backend.server)
        .post(`/api/game/session/${session.id}/run`)
        .send({ party: buildParty() })
        .expect(400);
      expect(res.body.status).to.equal('error');
      expect(res.body.message).to.contain('map');
      expect(await backend.prisma.run.count()).to.equal(0);
    });
  });

  describe('GET /api/game/session/:sessionId/run/:runId', () => {
    it('returns party and map exactly as they were sent, including unusual keys', async () => {
      const session = await backend.factories.session();
      const party = JSON.parse(
        '{"__proto__": {"hp": 1}, "constructor": "x", "emoji": "🐉", "nested": {"deep": [1, 2.5, true, null]}}',
      );
      const map = { level: 1, area: 'router_test' };
      const created = await request(backend.server)
        .post(`/api/game/session/${session.id}/run`)
        .send(JSON.stringify({ party, map }))
        .set('content-type', 'application/json')
        .expect(201);
      const res = await request(backend.server)
        .get(`/api/game/session/${session.id}/run/${created.body.data.run_id}`)
        .expect(200);
      // JSONB keeps values, not key order; a "__proto__" key is data like any other.
      expect(Object.keys(res.body.data.party)).to.have.members(['__proto__', 'constructor', 'emoji', 'nested']);
      expect(res.body.data.party).to.deep.equal(party);
      expect(res.body.data.map).to.deep.equal(map);
      expect(res.body.data).to.include({ run_id: created.body.data.run_id, session_id: session.id });
    });

    it('when the run belongs to another session, returns 404 "Run not found"', async () => {
      const run = await backend.factories.run();
      const other = await backend.factories.session();
      const res = await request(backend.server).get(`/api/game/session/${other.id}/run/${run.id}`).expect(404);
      expect(res.body.message).to.equal('Run not found');
    });

    it('when session and run are unknown, returns a 404 envelope whose message says "not found"', async () => {
      const res = await request(backend.server).get('/api/game/session/invalid-session/run/invalid-run').expect(404);
      expect(res.body.status).to.equal('error');
      expect(res.body.message.toLowerCase()).to.contain('not found');
    });
  });
});
