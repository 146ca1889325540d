import { expect } from 'chai';
import express, { type Express } from 'express';
import request from 'supertest';
import { listen } from '../../common/http/listen.ts';
import { loadOpenApiDocument } from '../../common/openapi/load-document.ts';
import { routeTable } from '../pact/route-coverage.ts';
import { useBackend } from '../testing/backend-test-context.ts';
import { recordingExchanges } from '../testing/response-recorder.ts';
import { buildOpenApiDocument } from './document.ts';
import { ResponseCheck, type Exchange } from './response-check.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const json = (method: string, path: string, status: number, body: unknown): Exchange => ({
  method,
  path,
  status,
  contentType: 'application/json; charset=utf-8',
  body: Buffer.from(JSON.stringify(body)),
});

const run = {
  run_id: '0d4b9e2f-8c61-4a3b-b7e5-1f2a3c4d5e6f',
  session_id: '6f1c7a56-2b1e-4d7e-9c3a-0b8f2d4e5a61',
  party: { hero: { level: 3 } },
  map: { area: 'cave' },
  created_at: '2026-11-21T10:00:00.000Z',
};
const RUN_PATH = `/api/game/session/${run.session_id}/run/${run.run_id}`;

describe('backend: its OpenAPI document', () => {
  const backend = useBackend();
  let check: ResponseCheck;

  before(async () => {
    check = await ResponseCheck.create();
  });

  it('GET /api/openapi.json serves the OpenAPI 3.1 document raw (not in the envelope), as the document checks accept it', async () => {
    const res = await request(backend.server).get('/api/openapi.json').expect('content-type', /json/).expect(200);
    expect(res.body).to.not.have.property('status');
    expect(res.body.openapi).to.equal('3.1.0');
    expect(res.body).to.deep.equal(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    const loaded = await loadOpenApiDocument(res.body);
    expect(loaded.openapi).to.equal('3.1.0');
  });

  it("documents exactly the routes of the app's Express route table", () => {
    const document = buildOpenApiDocument();
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routes = routeTable(backend.app).map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(documented).to.have.members(routes);
  });

  describe('the check of an answer against the document', () => {
    it('passes an answer the document promises', () => {
      expect(check.problems(json('GET', RUN_PATH, 200, { status: 'success', data: run }))).to.deep.equal([]);
    });

    it('when the body has a field the document does not declare, names it', () => {
      const problems = check.problems(json('GET', RUN_PATH, 200, { status: 'success', data: { ...run, score: 9 } }));
      expect(problems).to.deep.equal([
        `GET ${RUN_PATH} answered 200: the body /data must NOT have additional properties ("score")`,
      ]);
    });

    it('when a field has another type or is missing, names it', () => {
      const { map: _map, ...withoutMap } = run;
      const problems = check.problems(
        json('GET', RUN_PATH, 200, { status: 'success', data: { ...withoutMap, party: 'a string' } }),
      );
      expect(problems.join('\n'))
        .to.contain("/data must have required property 'map'")
        .and.contain('/data/party must be object');
    });

    it('when the status is not one the document lists for the operation, says so', () => {
      expect(
        check.problems(json('GET', RUN_PATH, 409, { status: 'error', message: 'x', code: 'conflict' })),
      ).to.deep.equal([
        `GET ${RUN_PATH} answered 409, a status the document does not list for GET /api/game/session/{sessionId}/run/{runId}`,
      ]);
    });

    it('when an undocumented path answers anything but a 404 error envelope, says so', () => {
      expect(check.problems(json('GET', '/api/game/secret', 200, { ok: true }))).to.deep.equal([
        'GET /api/game/secret answered 200, but the document has no GET /api/game/secret',
      ]);
      expect(
        check.problems(json('DELETE', '/api/game/session', 404, { status: 'error', message: 'no', code: 'not_found' })),
      ).to.deep.equal([]);
      expect(check.problems(json('GET', '/nowhere', 404, { error: 'no' }))[0]).to.contain(
        "must have required property 'status'",
      );
    });

    it('when the answer is not of a documented media type, says so', () => {
      const problems = check.problems({ ...json('GET', '/health', 200, {}), contentType: 'text/html' });
      expect(problems).to.deep.equal([
        'GET /health answered 200 as text/html, but the document gives application/json for it',
      ]);
    });
  });

  describe('the test context records what the server answers', () => {
    // The production app with one drift: a field the document does not know in every JSON answer.
    function drifting(app: Express): Express {
      const outer = express();
      outer.disable('x-powered-by');
      outer.use((_req, res, next) => {
        const send = res.json.bind(res);
        res.json = (body: unknown) => send({ ...(body as object), drift: true });
        next();
      });
      outer.use(app);
      return outer;
    }

    it('and a drifting answer yields a problem naming the request', async () => {
      const problems: string[] = [];
      const server = await listen(
        recordingExchanges(drifting(backend.app), (exchange) => problems.push(...check.problems(exchange))),
      );
      try {
        await request(server.server).post('/api/game/session').expect(201);
        await request(server.server).get('/api/').expect(200);
      } finally {
        await server.close();
      }
      expect(problems).to.deep.equal([
        'POST /api/game/session answered 201: the body must NOT have additional properties ("drift")',
        'GET /api/ answered 200: the body must NOT have additional properties ("drift")',
      ]);
    });
  });
});
