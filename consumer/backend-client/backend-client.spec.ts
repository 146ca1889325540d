// The BackendClient on its own: against stand-ins for backends that are missing, silent or not
// themselves, and for answers the client must refuse or pass on. What the real backend answers is the
// pact's business (consumer/contract) and the full-stack smoke layer's (stack/backend-client.spec.ts).
import type { ServerResponse } from 'node:http';
import { expect } from 'chai';
import { listen, type RunningServer } from '../../common/http/listen.ts';
import { closedPort, startStandIn, type StandIn } from '../testing/stand-in-backend.ts';
import { BackendClient } from './backend-client.ts';
import {
  BackendConflictError,
  BackendInvalidInputError,
  BackendNotFoundError,
  BackendProtocolError,
  BackendUnavailableError,
} from './errors.ts';

/** The error a promise rejects with (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

const SESSION_ID = '6f1c7a56-2b1e-4d7e-9c3a-0b8f2d4e5a61';
const RUN = {
  run_id: '0d4b9e2f-8c61-4a3b-b7e5-1f2a3c4d5e6f',
  session_id: SESSION_ID,
  party: { player1: { name: 'Test', level: 1 } },
  map: { level: 1 },
  created_at: '2026-01-01T12:00:00.000Z',
};

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

describe('BackendClient: what it reads from an answer', () => {
  /** The stand-in answers whatever the test sets here, and records what it was asked. */
  let next: { status: number; body: unknown } = { status: 200, body: {} };
  let asked: { method: string; url: string; requestId: string | undefined }[] = [];
  let standIn: RunningServer;
  let client: BackendClient;

  before(async () => {
    standIn = await listen((req, res) => {
      asked.push({ method: req.method!, url: req.url!, requestId: req.headers['x-request-id'] as string | undefined });
      answer(res, next.status, next.body);
    });
    client = new BackendClient({ baseUrl: standIn.url });
  });
  beforeEach(() => (asked = []));
  after(() => standIn.close());

  it('unwraps the success envelope to the fields it declares, dropping the ones it does not read', async () => {
    next = { status: 200, body: { status: 'success', data: { ...RUN, difficulty: 'hard' }, served_by: 'backend-2' } };
    expect(await client.getRun(SESSION_ID, RUN.run_id)).to.deep.equal(RUN);
    expect(asked).to.deep.equal([
      { method: 'GET', url: `/api/game/session/${SESSION_ID}/run/${RUN.run_id}`, requestId: undefined },
    ]);
  });

  it('a field it reads that is missing: BackendProtocolError naming the field', async () => {
    const { created_at: _dropped, ...withoutTime } = RUN;
    next = { status: 200, body: { status: 'success', data: withoutTime } };
    const error = await rejectionOf(client.getRun(SESSION_ID, RUN.run_id));
    expect(error).to.be.instanceOf(BackendProtocolError);
    expect((error as Error).message).to.contain('data.created_at');
  });

  it('a field of another type, or an enum value it does not know: BackendProtocolError naming the field', async () => {
    next = {
      status: 200,
      body: {
        status: 'success',
        data: { runs: [RUN] },
        pagination: { current_page: 1, page_size: 2, total_items: 3, total_pages: '2' },
      },
    };
    expect((await rejectionOf(client.listRuns())) as Error)
      .to.be.instanceOf(BackendProtocolError)
      .with.property('message')
      .that.contains('pagination.total_pages');

    next = {
      status: 201,
      body: {
        status: 'success',
        data: { roll_id: 'r', player_id: 'p', type: 'legendary', items: [], created_at: RUN.created_at },
      },
    };
    const roll = await rejectionOf(client.roll({ player_id: 'p', type: 'standard' }));
    expect((roll as Error).message).to.contain('data.type');
  });

  it('a time that is not ISO 8601 in UTC: BackendProtocolError', async () => {
    next = { status: 200, body: { status: 'success', data: { ...RUN, created_at: 'Thu Jan 01 2026 12:00:00 GMT' } } };
    expect(await rejectionOf(client.getRun(SESSION_ID, RUN.run_id))).to.be.instanceOf(BackendProtocolError);
  });

  it('an error envelope: the typed error, with the code, the message and the request id', async () => {
    next = {
      status: 404,
      body: { status: 'error', message: 'Session not found', code: 'not_found', request_id: 'client-trace-7' },
    };
    const error = await rejectionOf(client.getSession(SESSION_ID, { requestId: 'client-trace-7' }));
    expect(error).to.be.instanceOf(BackendNotFoundError);
    expect(error).to.include({
      status: 404,
      code: 'not_found',
      message: 'Session not found',
      requestId: 'client-trace-7',
    });
    expect(asked[0]!.requestId).to.equal('client-trace-7');
  });

  it('409 and 400 become BackendConflictError and BackendInvalidInputError; details are passed on', async () => {
    next = { status: 409, body: { status: 'error', message: 'Not enough upgrade points', code: 'conflict' } };
    expect(await rejectionOf(client.applyUpgrades('p', { points_delta: -2 }))).to.be.instanceOf(BackendConflictError);
    const details = { issues: [{ path: ['player_id'], message: 'is required' }] };
    next = { status: 400, body: { status: 'error', message: 'Invalid request body', code: 'invalid_input', details } };
    const invalid = await rejectionOf(client.roll({ player_id: '', type: 'standard' }));
    expect(invalid).to.be.instanceOf(BackendInvalidInputError);
    expect(invalid).to.have.deep.property('details', details);
  });

  it('an error envelope without its code: BackendProtocolError', async () => {
    next = { status: 404, body: { status: 'error', message: 'Session not found' } };
    const error = await rejectionOf(client.getSession(SESSION_ID));
    expect(error).to.be.instanceOf(BackendProtocolError);
    expect(error).to.include({ status: 404 });
  });

  it('ids with characters that mean something in a URL are sent as one path segment each', async () => {
    next = { status: 404, body: { status: 'error', message: 'Session not found', code: 'not_found' } };
    await rejectionOf(client.getRun('a/b?c', 'x#y'));
    expect(asked[0]!.url).to.equal('/api/game/session/a%2Fb%3Fc/run/x%23y');
  });
});

describe('BackendClient when the backend is not there or not itself', () => {
  let silent: StandIn;
  let odd: RunningServer;
  before(async () => {
    silent = await startStandIn('silent');
    // Answers that are not the backend's envelope, as a stray proxy or a wrong URL would give.
    odd = await listen((req, res) => {
      if (req.url === '/health') res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}');
    });
  });
  after(async () => {
    await silent.close();
    await odd.close();
  });

  it('nothing listening: BackendUnavailableError("unreachable") saying the backend is unavailable', async () => {
    const client = new BackendClient({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const error = await rejectionOf(client.createSession());
    expect(error).to.be.instanceOf(BackendUnavailableError);
    expect(error).to.include({
      reason: 'unreachable',
      message: 'The backend is unavailable: it refused the connection (ECONNREFUSED)',
    });
  });

  it('no answer in time: BackendUnavailableError("timeout")', async () => {
    const client = new BackendClient({ baseUrl: silent.url, timeoutMs: 200 });
    const error = await rejectionOf(client.health());
    expect(error).to.be.instanceOf(BackendUnavailableError);
    expect(error).to.include({ reason: 'timeout' });
  });

  it('an error that is not the envelope, or a success that is not: BackendProtocolError', async () => {
    const client = new BackendClient({ baseUrl: odd.url });
    const page = await rejectionOf(client.health());
    expect(page).to.be.instanceOf(BackendProtocolError);
    expect(page).to.include({ status: 502 });
    const notEnveloped = await rejectionOf(client.listOwnedPlayers());
    expect(notEnveloped).to.be.instanceOf(BackendProtocolError);
    expect(notEnveloped).to.include({ status: 200 });
  });

  it("a caller's own cancellation is passed through, not blamed on the backend", async () => {
    const client = new BackendClient({ baseUrl: silent.url });
    const controller = new AbortController();
    const pending = rejectionOf(client.createSession({ signal: controller.signal }));
    controller.abort();
    const error = await pending;
    expect(error).to.not.be.instanceOf(BackendUnavailableError);
    expect((error as Error).name).to.equal('CanceledError');
  });
});
