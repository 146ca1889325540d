// Bad input of every kind the seed lists: each gets a 4xx envelope with a clear message, and nothing
// is written to any table.
import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../testing/backend-test-context.ts';

type Case = {
  name: string;
  method: 'get' | 'post';
  path: string | ((sessionId: string) => string);
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  message: RegExp;
};

const json = (value: unknown) => JSON.stringify(value);
const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

const cases: Case[] = [
  {
    name: 'malformed JSON',
    method: 'post',
    path: '/api/game/players/p1/own',
    body: '{"player_data": {',
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'a JSON array where an object is expected',
    method: 'post',
    path: '/api/game/gacha/roll',
    body: '[1,2]',
    status: 400,
    message: /must be a JSON object/,
  },
  {
    name: 'a bare JSON string body',
    method: 'post',
    path: '/api/game/gacha/roll',
    body: '"roll"',
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'party of the wrong type',
    method: 'post',
    path: (s) => `/api/game/session/${s}/run`,
    body: json({ party: 'all', map: {} }),
    status: 400,
    message: /party: must be a JSON object/,
  },
  {
    name: 'map as an array',
    method: 'post',
    path: (s) => `/api/game/session/${s}/run`,
    body: json({ party: {}, map: [1] }),
    status: 400,
    message: /map: must be a JSON object/,
  },
  {
    name: 'an oversize body (200 kB)',
    method: 'post',
    path: (s) => `/api/game/session/${s}/run`,
    body: json({ party: { blob: 'x'.repeat(200_000) }, map: {} }),
    status: 413,
    message: /too large/,
  },
  {
    name: 'nesting 70 levels deep (over the 64 of common/storable-json.ts)',
    method: 'post',
    path: '/api/game/players/p1/own',
    body: `{"player_data":${nested(70)}}`,
    status: 400,
    message: /nests deeper/,
  },
  {
    name: 'a NUL character in stored JSON',
    method: 'post',
    path: '/api/game/players/p1/own',
    body: '{"player_data":{"name":"a\\u0000b"}}',
    status: 400,
    message: /NUL/,
  },
  {
    name: 'an unpaired surrogate in stored JSON',
    method: 'post',
    path: '/api/game/players/p1/own',
    body: '{"player_data":{"name":"\\ud800"}}',
    status: 400,
    message: /surrogate/,
  },
  {
    name: 'a NUL character in a key',
    method: 'post',
    path: (s) => `/api/game/session/${s}/run`,
    body: '{"party":{"a\\u0000":1},"map":{}}',
    status: 400,
    message: /NUL/,
  },
  {
    name: 'an absurd number (1e400 = Infinity)',
    method: 'post',
    path: '/api/game/players/p1/upgrades',
    body: '{"points_delta":1e400}',
    status: 400,
    message: /points_delta/,
  },
  {
    name: 'a huge integer delta',
    method: 'post',
    path: '/api/game/players/p1/upgrades',
    body: json({ points_delta: 99_999_999_999 }),
    status: 400,
    message: /at most 1000000/,
  },
  {
    name: 'a fractional delta',
    method: 'post',
    path: '/api/game/players/p1/upgrades',
    body: json({ points_delta: 1.5 }),
    status: 400,
    message: /whole number/,
  },
  {
    name: 'a delta given as a string',
    method: 'post',
    path: '/api/game/players/p1/upgrades',
    body: json({ points_delta: '5' }),
    status: 400,
    message: /must be a number/,
  },
  {
    name: 'a negative stat beyond the bound',
    method: 'post',
    path: '/api/game/players/p1/upgrades',
    body: json({ stat_upgrades: { hp: -2_000_000 } }),
    status: 400,
    message: /at least -1000000/,
  },
  {
    name: 'a very long player id (10 000 characters)',
    method: 'post',
    path: `/api/game/players/${'p'.repeat(10_000)}/upgrades`,
    body: json({ points_delta: 1 }),
    status: 400,
    message: /1 to 128 characters/,
  },
  {
    name: 'SQL metacharacters in a player id',
    method: 'post',
    path: `/api/game/players/${encodeURIComponent("x'; DROP TABLE runs; --")}/own`,
    body: json({ player_data: {} }),
    status: 400,
    message: /playerId/,
  },
  {
    name: 'SQL metacharacters in a gacha player_id',
    method: 'post',
    path: '/api/game/gacha/roll',
    body: json({ player_id: "1' OR '1'='1", type: 'standard' }),
    status: 400,
    message: /player_id/,
  },
  {
    name: 'unicode in a player id',
    method: 'post',
    path: `/api/game/players/${encodeURIComponent('玩家🐉')}/own`,
    body: json({ player_data: {} }),
    status: 400,
    message: /playerId/,
  },
  {
    name: 'an unknown gacha type',
    method: 'post',
    path: '/api/game/gacha/roll',
    body: json({ player_id: 'p', type: 'legendary' }),
    status: 400,
    message: /standard, premium/,
  },
  {
    name: 'an unsupported roll count',
    method: 'post',
    path: '/api/game/gacha/roll',
    body: json({ player_id: 'p', type: 'standard', count: 1000 }),
    status: 400,
    message: /count: must be 1 or 10/,
  },
  { name: 'page 0', method: 'get', path: '/api/game/runs?page=0', status: 400, message: /page must be at least 1/ },
  {
    name: 'page in exponent notation',
    method: 'get',
    path: '/api/game/runs?page=1e3',
    status: 400,
    message: /page must be a whole number/,
  },
  {
    name: 'a negative page_size',
    method: 'get',
    path: '/api/game/runs?page_size=-5',
    status: 400,
    message: /page_size must be a whole number/,
  },
  {
    name: 'an absurd page',
    method: 'get',
    path: '/api/game/runs?page=99999999999999',
    status: 400,
    message: /page must be a whole number/,
  },
  {
    name: 'a repeated query parameter',
    method: 'get',
    path: '/api/game/gacha/items?limit=1&limit=2',
    status: 400,
    message: /limit/,
  },
  {
    name: 'a malformed percent-encoding in the path',
    method: 'get',
    path: '/api/game/players/%E0%A4%A/upgrades',
    status: 400,
    message: /not correctly encoded/,
  },
  {
    name: 'a body sent as text/plain',
    method: 'post',
    path: '/api/game/players/p1/own',
    body: json({ player_data: {} }),
    contentType: 'text/plain',
    status: 400,
    message: /must be a JSON object/,
  },
  {
    name: 'a non-UTF-8 charset',
    method: 'post',
    path: '/api/game/players/p1/own',
    body: json({ player_data: {} }),
    contentType: 'application/json; charset=latin1',
    status: 415,
    message: /charset/,
  },
  {
    name: 'an unknown Content-Encoding',
    method: 'post',
    path: '/api/game/players/p1/own',
    body: json({ player_data: {} }),
    headers: { 'content-encoding': 'zstd-ish' },
    status: 415,
    message: /Content-Encoding/,
  },
];

describe('backend: bad input', () => {
  const backend = useBackend();

  async function writtenRows(): Promise<number> {
    const [row] = await backend.prisma.$queryRaw<{ total: bigint }[]>`
      SELECT (SELECT count(*) FROM game_sessions) - 1 + (SELECT count(*) FROM runs) + (SELECT count(*) FROM owned_players)
           + (SELECT count(*) FROM gacha_rolls) + (SELECT count(*) FROM gacha_roll_items) + (SELECT count(*) FROM upgrade_points) AS total`;
    return Number(row!.total);
  }

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.status} with a clear message, nothing written`, async () => {
      const session = await backend.factories.session(); // counted as the one expected row
      const path = typeof testCase.path === 'function' ? testCase.path(session.id) : testCase.path;
      let call = request(backend.server)[testCase.method](path);
      for (const [name, value] of Object.entries(testCase.headers ?? {})) call = call.set(name, value);
      if (testCase.body !== undefined)
        call = call.set('content-type', testCase.contentType ?? 'application/json').send(testCase.body);
      const res = await call;
      expect(res.status, res.text).to.equal(testCase.status);
      expect(res.body.status).to.equal('error');
      expect(res.body.message).to.match(testCase.message);
      expect(res.text).to.not.match(/\bat .+\(.+:\d+:\d+\)/); // no stack frames
      expect(await writtenRows()).to.equal(0);
    });
  }

  it('after SQL metacharacters, every table is still there', async () => {
    await request(backend.server)
      .get(`/api/game/players/${encodeURIComponent("p'; DROP TABLE upgrade_points; --")}/upgrades`)
      .expect(400);
    await request(backend.server).get('/api/game/session/1%27%3B%20DROP%20TABLE%20runs%3B--/run/x').expect(404);
    expect(await backend.prisma.run.count()).to.equal(0);
    expect(await backend.prisma.upgradePoints.count()).to.equal(0);
  });
});
