// The limits on what a pact may be (docs/broker-limits.md): a pact nested deeper than the Pact
// Broker's 50 levels is a 400 with the reason on every route that takes a pact, and nothing of the
// request is stored; a big diff is cut short with a note; and a big diff or merge runs in a worker
// thread, so other clients are answered meanwhile.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { MAX_PACT_DEPTH } from './content.ts';

/** A pact whose one response body nests `levels` objects deep (the pact itself adds 4 levels above it). */
function nestedPactText(levels: number): string {
  const body = '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
  return (
    '{"consumer":{"name":"Foo"},"provider":{"name":"Bar"},"interactions":[{"description":"deep",' +
    `"request":{"method":"GET","path":"/"},"response":{"status":200,"body":${body}}}],` +
    '"metadata":{"pactSpecification":{"version":"2.0.0"}}}'
  );
}

/** A pact of `count` interactions; `revision` changes every one of them. */
function bigPact(count: number, revision: number) {
  return {
    consumer: { name: 'Foo' },
    provider: { name: 'Bar' },
    interactions: Array.from({ length: count }, (_, i) => ({
      description: `get thing ${i}`,
      providerState: `thing ${i} exists`,
      request: { method: 'GET', path: `/things/${i}` },
      response: { status: 200, body: { id: i, revision } },
    })),
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
}

describe('broker: pact limits', function () {
  this.timeout(60_000);
  const broker = useBroker();
  const PACT = '/pacts/provider/Bar/consumer/Foo/version/1';

  async function rowsWritten(): Promise<number> {
    return (
      (await broker.prisma.pacticipant.count()) +
      (await broker.prisma.version.count()) +
      (await broker.prisma.pactVersion.count()) +
      (await broker.prisma.pactPublication.count())
    );
  }

  describe('a 200 kB pact nested 40,000 levels deep', () => {
    const deep = nestedPactText(40_000);

    for (const method of ['put', 'patch'] as const) {
      it(`${method.toUpperCase()} to the pact resource is 400 saying why, and stores nothing`, async () => {
        const res = await request(broker.server)[method](PACT).set('content-type', 'application/json').send(deep);
        expect(res.status, res.text).to.equal(400);
        expect(res.body.errors.body[0]).to.match(/nests deeper than 50 levels/);
        expect(await rowsWritten()).to.equal(0);
      });
    }

    it('publishing it as a contract is 400 naming the contract, and stores nothing (not even the version)', async () => {
      const res = await request(broker.server)
        .post('/contracts/publish')
        .send({
          pacticipantName: 'Foo',
          pacticipantVersionNumber: '1',
          branch: 'main',
          contracts: [
            {
              consumerName: 'Foo',
              providerName: 'Bar',
              specification: 'pact',
              contentType: 'application/json',
              content: Buffer.from(deep).toString('base64'),
            },
          ],
        });
      expect(res.status, res.text).to.equal(400);
      expect(res.body.errors.contracts[0]).to.match(/nests deeper than 50 levels.*\(at index 0\)$/);
      expect(await rowsWritten()).to.equal(0);
    });
  });

  it(`a pact exactly ${MAX_PACT_DEPTH} levels deep is accepted; one level more is not`, async () => {
    const put = (text: string) => request(broker.server).put(PACT).set('content-type', 'application/json').send(text);
    expect((await put(nestedPactText(MAX_PACT_DEPTH - 3))).status).to.equal(400);
    expect((await put(nestedPactText(MAX_PACT_DEPTH - 4))).status).to.equal(201);
  });

  it('a diff larger than the cap ends with a note saying it was cut short', async () => {
    await request(broker.server).put(PACT).send(bigPact(2000, 1)).expect(201);
    await request(broker.server).put('/pacts/provider/Bar/consumer/Foo/version/2').send(bigPact(2000, 2)).expect(201);
    const res = await request(broker.server)
      .get('/pacts/provider/Bar/consumer/Foo/version/2/diff/previous-distinct')
      .expect(200);
    expect(res.text).to.match(/diff truncated at 100000 characters; \d+ more changed interactions not shown/);
    expect(res.text).to.include('@@@ interaction "get thing 0" given "thing 0 exists": changed @@@');
    expect(res.text.length).to.be.below(110_000);
  });

  it('while a big diff is computed, another client is answered (the diff runs off the event loop)', async () => {
    await request(broker.server).put(PACT).send(bigPact(4000, 1)).expect(201);
    await request(broker.server).put('/pacts/provider/Bar/consumer/Foo/version/2').send(bigPact(4000, 2)).expect(201);
    const finished: string[] = [];
    const diff = request(broker.server)
      .get('/pacts/provider/Bar/consumer/Foo/version/2/diff/version/1')
      .then((res) => {
        finished.push('diff');
        return res;
      });
    // The other client: ten requests one after another, each sent when the one before was answered.
    const other = (async () => {
      for (let i = 0; i < 10; i += 1) await request(broker.server).get('/diagnostic/status/heartbeat').expect(200);
      finished.push('other client');
    })();
    const [res] = await Promise.all([diff, other]);
    expect(res.status).to.equal(200);
    expect(res.text).to.include('+++ version 2');
    expect(finished).to.deep.equal(['other client', 'diff']);
  });
});
