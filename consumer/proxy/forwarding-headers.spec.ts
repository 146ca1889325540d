import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { useBackend } from '../../provider/testing/backend-test-context.ts';
import { useRouter } from '../testing/router-test-context.ts';
import { startStandIn, type StandIn } from '../testing/stand-in-backend.ts';
import { connectionOptions, stripHopByHop } from './hop-by-hop.ts';

/** The headers the real backend receives for each request while `record` runs. */
function recordBackendHeaders(backend: ReturnType<typeof useBackend>) {
  const seen: IncomingHttpHeaders[] = [];
  const listener = (req: { headers: IncomingHttpHeaders }) => seen.push({ ...req.headers });
  return {
    seen,
    start: () => backend.server.on('request', listener),
    stop: () => backend.server.off('request', listener),
  };
}

describe('router: hop-by-hop header fields (RFC 9110 §7.6.1)', () => {
  const backend = useBackend();
  const router = useRouter(() => backend.url);
  let standIn: StandIn;
  before(async () => {
    standIn = await startStandIn('hop-by-hop');
  });
  const behindProxy = useRouter(() => standIn.url);
  after(() => standIn.close());

  it("fields the caller's Connection header names, and the standard hop-by-hop ones, do not reach the backend", async () => {
    const recorder = recordBackendHeaders(backend);
    recorder.start();
    try {
      await request(router.server)
        .get('/api/game/players/owned')
        .set('Connection', 'keep-alive, X-Caller-Hop, X-Other-Hop')
        .set('X-Caller-Hop', 'for the router only')
        .set('X-Other-Hop', 'also')
        .set('Keep-Alive', 'timeout=5')
        .set('Proxy-Connection', 'keep-alive')
        .set('TE', 'trailers')
        .set('X-End-To-End', 'kept')
        .expect(200);
    } finally {
      recorder.stop();
    }
    expect(recorder.seen).to.have.length(1);
    const received = recorder.seen[0]!;
    for (const field of ['x-caller-hop', 'x-other-hop', 'keep-alive', 'proxy-connection', 'te'])
      expect(received, field).to.not.have.property(field);
    expect(received['x-end-to-end']).to.equal('kept');
    expect(received.connection).to.equal('keep-alive'); // the router's own pooled connection
  });

  it('a caller naming X-Request-Id as hop-by-hop still gets that id used end to end by the router', async () => {
    const res = await request(router.server)
      .get('/api/nowhere')
      .set('Connection', 'X-Request-Id')
      .set('X-Request-Id', 'hop-trace-1')
      .expect(404);
    expect(res.headers['x-request-id']).to.equal('hop-trace-1');
    expect(res.body.request_id).to.equal('hop-trace-1');
  });

  it("fields the backend's Connection header names, and its Keep-Alive, do not reach the caller", async () => {
    const res = await request(behindProxy.server).get('/api/anything').set('Connection', 'keep-alive').expect(200);
    expect(res.body).to.deep.equal({ ok: true });
    expect(res.headers['x-end-to-end']).to.equal('kept');
    expect(res.headers).to.not.have.property('x-backend-hop');
    expect(res.headers).to.not.have.property('keep-alive');
    expect(res.headers.connection).to.equal('keep-alive'); // about the caller's connection to the router
  });

  it("the backend's hop-by-hop fields do not decide the caller's connection: Connection: close is honoured", async () => {
    const res = await request(behindProxy.server).get('/api/anything').set('Connection', 'close').expect(200);
    expect(res.headers.connection).to.equal('close');
    expect(res.headers).to.not.have.property('x-backend-hop');
  });

  describe('the parsing', () => {
    it('reads the names a Connection header lists, in any case, across repeated headers', () => {
      expect(connectionOptions('Keep-Alive, X-A ,,x-b')).to.deep.equal(['keep-alive', 'x-a', 'x-b']);
      expect(connectionOptions(['close', 'X-C'])).to.deep.equal(['close', 'x-c']);
      expect(connectionOptions(undefined)).to.deep.equal([]);
    });

    it('keeps Host and Transfer-Encoding even when named (the proxy rewrites them for the next hop)', () => {
      const headers: IncomingHttpHeaders = {
        host: 'router',
        connection: 'host, transfer-encoding, x-a',
        'transfer-encoding': 'chunked',
        'x-a': '1',
        'x-b': '2',
      };
      stripHopByHop(headers);
      expect(headers).to.deep.equal({ host: 'router', 'transfer-encoding': 'chunked', 'x-b': '2' });
    });
  });
});

describe('router: X-Forwarded-* headers', () => {
  const backend = useBackend();
  const router = useRouter(() => backend.url);
  const trusting = useRouter(() => backend.url, { trustedProxies: ['loopback'] });

  async function receivedBy(server: typeof router.server, headers: Record<string, string>) {
    const recorder = recordBackendHeaders(backend);
    recorder.start();
    let res;
    try {
      const call = request(server).get('/api/game/players/owned');
      for (const [name, value] of Object.entries(headers)) call.set(name, value);
      res = await call.expect(200);
    } finally {
      recorder.stop();
    }
    return { received: recorder.seen[0]!, routerHost: res.request.url.replace(/^http:\/\/([^/]+).*$/, '$1') };
  }

  const spoofed = {
    'X-Forwarded-For': '203.0.113.9',
    'X-Forwarded-Host': 'evil.example',
    'X-Forwarded-Proto': 'https',
    'X-Forwarded-Port': '443',
    Forwarded: 'for=203.0.113.9;proto=https',
  };

  it('set from what the router saw when the caller sent none', async () => {
    const { received, routerHost } = await receivedBy(router.server, {});
    expect(received['x-forwarded-for']).to.match(/^(::ffff:)?127\.0\.0\.1$/);
    expect(received['x-forwarded-host']).to.equal(routerHost);
    expect(received['x-forwarded-proto']).to.equal('http');
    expect(received['x-forwarded-port']).to.equal(routerHost.split(':')[1]);
    expect(received.host).to.equal(new URL(backend.url).host); // Host names the backend
  });

  it('a caller that is not a trusted proxy cannot claim another address, host or scheme: its headers are replaced', async () => {
    const { received, routerHost } = await receivedBy(router.server, spoofed);
    expect(received['x-forwarded-for']).to.match(/^(::ffff:)?127\.0\.0\.1$/);
    expect(received['x-forwarded-host']).to.equal(routerHost);
    expect(received['x-forwarded-proto']).to.equal('http');
    expect(received['x-forwarded-port']).to.equal(routerHost.split(':')[1]);
    expect(received).to.not.have.property('forwarded');
  });

  it("a trusted proxy's headers are kept, its own address appended to the chain", async () => {
    const { received } = await receivedBy(trusting.server, spoofed);
    expect(received['x-forwarded-for']).to.match(/^203\.0\.113\.9, (::ffff:)?127\.0\.0\.1$/);
    expect(received['x-forwarded-host']).to.equal('evil.example');
    expect(received['x-forwarded-proto']).to.equal('https');
    expect(received['x-forwarded-port']).to.equal('443');
    expect(received.forwarded).to.equal('for=203.0.113.9;proto=https');
  });

  it("a trusted proxy that sent none gets the router's view filled in", async () => {
    const { received, routerHost } = await receivedBy(trusting.server, {});
    expect(received['x-forwarded-for']).to.match(/^(::ffff:)?127\.0\.0\.1$/);
    expect(received['x-forwarded-host']).to.equal(routerHost);
    expect(received['x-forwarded-proto']).to.equal('http');
  });
});
