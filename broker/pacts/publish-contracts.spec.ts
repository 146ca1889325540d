import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { buildPact } from '../testing/test-data.ts';
import type { UnknownObject } from './content.ts';

const base64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

function publishBody(pact: UnknownObject, overrides: Record<string, unknown> = {}) {
  const consumer = (pact.consumer as { name: string }).name;
  const provider = (pact.provider as { name: string }).name;
  return {
    pacticipantName: consumer,
    pacticipantVersionNumber: '1.0.0',
    branch: 'main',
    tags: ['dev'],
    buildUrl: 'https://ci.example/build/1',
    contracts: [
      {
        consumerName: consumer,
        providerName: provider,
        specification: 'pact',
        contentType: 'application/json',
        content: base64(pact),
      },
    ],
    ...overrides,
  };
}

describe('broker: publishing contracts', () => {
  const broker = useBroker();

  describe('POST /contracts/publish', () => {
    it('stores the version with its branch, tags and build URL, and the pact; answers with notices, logs and links', async () => {
      const pact = buildPact('Foo', 'Bar');
      const res = await request(broker.server).post('/contracts/publish').send(publishBody(pact)).expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
      expect(res.body._embedded.pacticipant.name).to.equal('Foo');
      expect(res.body._embedded.version.number).to.equal('1.0.0');
      expect(res.body.notices.map((n: { type: string }) => n.type)).to.include('success');
      expect(res.body.logs).to.have.length.greaterThan(0);
      expect(res.body._links['pb:pacticipant-version-tags'][0]).to.include({ name: 'dev' });
      const contract = res.body._links['pb:contracts'][0];
      expect(contract.href).to.equal(`${broker.url}/pacts/provider/Bar/consumer/Foo/version/1.0.0`);

      const version = await request(broker.server).get('/pacticipants/Foo/versions/1.0.0').expect(200);
      expect(version.body.buildUrl).to.equal('https://ci.example/build/1');
      expect(version.body._embedded.branchVersions.map((b: { name: string }) => b.name)).to.deep.equal(['main']);
      expect(version.body._embedded.tags.map((t: { name: string }) => t.name)).to.deep.equal(['dev']);

      const stored = await request(broker.server).get(new URL(contract.href).pathname).expect(200);
      expect(stored.body.interactions).to.have.length(1);
      expect(stored.body.interactions[0]._id).to.match(/^[0-9a-f]{40}$/);
      expect(stored.headers['x-pact-consumer-version']).to.equal('1.0.0');
    });

    it('stores one pact version for the same content published with other formatting, key order and interaction order', async () => {
      const interactions = [
        { description: 'one', request: { method: 'GET', path: '/1' }, response: { status: 200 } },
        { description: 'two', request: { path: '/2', method: 'GET' }, response: { status: 201 } },
      ];
      const first = buildPact('Foo', 'Bar', { interactions });
      const reordered = {
        metadata: first.metadata,
        interactions: [interactions[1], interactions[0]].map((i) => JSON.parse(JSON.stringify(i, null, 4))),
        provider: first.provider,
        consumer: first.consumer,
      };
      await request(broker.server)
        .post('/contracts/publish')
        .send(publishBody(first, { pacticipantVersionNumber: '1' }))
        .expect(200);
      const pretty = publishBody(first, { pacticipantVersionNumber: '2' });
      (pretty.contracts as { content: string }[])[0]!.content = base64(JSON.stringify(reordered, null, 2));
      await request(broker.server).post('/contracts/publish').send(pretty).expect(200);
      expect(await broker.prisma.pactVersion.count()).to.equal(1);
      expect(await broker.prisma.pactPublication.count()).to.equal(2);
    });

    it('when the same version is published again with the same content, answers 200 and stores nothing new', async () => {
      const pact = buildPact('Foo', 'Bar');
      await request(broker.server).post('/contracts/publish').send(publishBody(pact)).expect(200);
      const again = await request(broker.server).post('/contracts/publish').send(publishBody(pact)).expect(200);
      expect(again.body.notices.map((n: { text: string }) => n.text).join('\n')).to.match(/unchanged/);
      expect(await broker.prisma.pactPublication.count()).to.equal(1);
      expect(await broker.prisma.tag.count()).to.equal(1);
    });

    it('when a version is published again with different content, refuses with 409, a diff, and changes nothing', async () => {
      await request(broker.server)
        .post('/contracts/publish')
        .send(publishBody(buildPact('Foo', 'Bar')))
        .expect(200);
      const before = await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/1.0.0').expect(200);
      const res = await request(broker.server)
        .post('/contracts/publish')
        .send(publishBody(buildPact('Foo', 'Bar'), { tags: ['other'] }))
        .expect(409);
      expect(res.body.errors.contracts[0]).to.match(/Cannot change the content of the pact for Foo version 1.0.0/);
      const diff = res.body.notices.find((n: { type: string }) => n.type === 'info').text;
      expect(diff).to.match(/^-.*\/things\//m);
      expect(diff).to.match(/^\+.*\/things\//m);
      const after = await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/1.0.0').expect(200);
      expect(after.body.interactions).to.deep.equal(before.body.interactions);
      expect(await broker.prisma.tag.count({ where: { name: 'other' } })).to.equal(0);
    });

    it('with onConflict "merge", adds the new interactions to the pact already published for that version', async () => {
      await request(broker.server)
        .post('/contracts/publish')
        .send(publishBody(buildPact('Foo', 'Bar')))
        .expect(200);
      const body = publishBody(buildPact('Foo', 'Bar'));
      (body.contracts as Record<string, unknown>[])[0]!.onConflict = 'merge';
      await request(broker.server).post('/contracts/publish').send(body).expect(200);
      const merged = await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/1.0.0').expect(200);
      expect(merged.body.interactions).to.have.length(2);
    });

    it('publishes pacts with several providers in one request, all or nothing', async () => {
      const good = buildPact('Foo', 'Bar');
      const body = publishBody(good);
      (body.contracts as Record<string, unknown>[]).push({
        consumerName: 'Foo',
        providerName: 'Baz',
        specification: 'pact',
        contentType: 'application/json',
        content: base64(buildPact('Foo', 'Baz')),
      });
      const res = await request(broker.server).post('/contracts/publish').send(body).expect(200);
      expect(res.body._links['pb:contracts']).to.have.length(2);

      const broken = publishBody(buildPact('Foo', 'Qux'), { pacticipantVersionNumber: '2.0.0' });
      (broken.contracts as Record<string, unknown>[]).push({
        consumerName: 'Foo',
        providerName: 'Quux',
        specification: 'pact',
        contentType: 'application/json',
        content: 'not base64!',
      });
      await request(broker.server).post('/contracts/publish').send(broken).expect(400);
      expect(await broker.prisma.version.count({ where: { number: '2.0.0' } })).to.equal(0);
      expect(await broker.prisma.pacticipant.count({ where: { name: { in: ['Qux', 'Quux'] } } })).to.equal(0);
    });

    it('stores V3 message pacts and V4 pacts as published, with an _id on every interaction and message', async () => {
      const v3 = {
        consumer: { name: 'Foo' },
        provider: { name: 'Queue' },
        messages: [{ description: 'an event', contents: { id: 1 }, metaData: { contentType: 'application/json' } }],
        metadata: { pactSpecification: { version: '3.0.0' } },
      };
      const v4 = {
        consumer: { name: 'Foo' },
        provider: { name: 'Api' },
        interactions: [
          {
            type: 'Synchronous/HTTP',
            key: 'k1',
            description: 'a call',
            pending: false,
            request: { method: 'GET', path: '/' },
            response: { status: 200, body: { content: { a: 1 }, contentType: 'application/json', encoded: false } },
          },
          {
            type: 'Asynchronous/Messages',
            key: 'k2',
            description: 'a message',
            contents: { content: 'x', contentType: 'text/plain', encoded: false },
          },
        ],
        metadata: { pactSpecification: { version: '4.0' } },
      };
      await request(broker.server).put('/pacts/provider/Queue/consumer/Foo/version/1').send(v3).expect(201);
      await request(broker.server).put('/pacts/provider/Api/consumer/Foo/version/1').send(v4).expect(201);
      const messages = (await request(broker.server).get('/pacts/provider/Queue/consumer/Foo/version/1').expect(200))
        .body;
      expect(messages.messages[0]).to.include({ description: 'an event' });
      expect(messages.messages[0]._id).to.match(/^[0-9a-f]{40}$/);
      expect(messages.metadata.pactSpecification.version).to.equal('3.0.0');
      const api = (await request(broker.server).get('/pacts/provider/Api/consumer/Foo/version/1').expect(200)).body;
      expect(api.interactions.map((i: { type: string }) => i.type)).to.deep.equal([
        'Synchronous/HTTP',
        'Asynchronous/Messages',
      ]);
      expect(api.interactions[0].response.body).to.deep.equal({
        content: { a: 1 },
        contentType: 'application/json',
        encoded: false,
      });
      expect(await broker.prisma.pactVersion.findFirstOrThrow({ where: { provider: { name: 'Api' } } })).to.include({
        interactionsCount: 2,
      });
    });
  });

  describe('the pact resource (PUT, PATCH, GET, DELETE .../version/{v})', () => {
    const path = '/pacts/provider/Bar/consumer/Foo/version/1.2.3';

    it('PUT creates (201), the same content again is 200, different content is 409', async () => {
      const pact = buildPact('Foo', 'Bar');
      await request(broker.server).put(path).send(pact).expect(201);
      await request(broker.server).put(path).send(pact).expect(200);
      const conflict = await request(broker.server).put(path).send(buildPact('Foo', 'Bar')).expect(409);
      expect(conflict.body.errors.contracts).to.have.length(1);
    });

    it('PATCH merges interactions, matched on description and provider state', async () => {
      const one = {
        description: 'one',
        providerState: 'x',
        request: { method: 'GET', path: '/1' },
        response: { status: 200 },
      };
      const two = { description: 'two', request: { method: 'GET', path: '/2' }, response: { status: 200 } };
      const oneChanged = { ...one, response: { status: 404 } };
      await request(broker.server)
        .put(path)
        .send(buildPact('Foo', 'Bar', { interactions: [one] }))
        .expect(201);
      await request(broker.server)
        .patch(path)
        .send(buildPact('Foo', 'Bar', { interactions: [oneChanged, two] }))
        .expect(200);
      const merged = (await request(broker.server).get(path).expect(200)).body;
      expect(merged.interactions.map((i: { description: string }) => i.description)).to.deep.equal(['one', 'two']);
      expect(merged.interactions[0].response.status).to.equal(404);
      const clash = { ...one, request: { method: 'POST', path: '/1' } };
      const res = await request(broker.server)
        .patch(path)
        .send(buildPact('Foo', 'Bar', { interactions: [clash] }))
        .expect(409);
      expect(res.body.errors.contracts[0]).to.match(/different request/);
    });

    it('GET adds createdAt and the links verifiers follow; DELETE removes the pact (404 after)', async () => {
      await request(broker.server).put(path).send(buildPact('Foo', 'Bar')).expect(201);
      const pact = (await request(broker.server).get(path).expect(200)).body;
      expect(pact.createdAt).to.match(/^\d{4}-\d\d-\d\dT/);
      for (const rel of [
        'self',
        'pb:consumer',
        'pb:consumer-version',
        'pb:provider',
        'pb:pact-version',
        'pb:latest-pact-version',
        'pb:publish-verification-results',
        'pb:diff-previous-distinct',
      ]) {
        expect(pact._links[rel], rel)
          .to.have.property('href')
          .that.matches(/^http:\/\/127\.0\.0\.1:\d+\//);
      }
      const sha = pact._links['pb:pact-version'].name;
      await request(broker.server).get(`/pacts/provider/Bar/consumer/Foo/pact-version/${sha}`).expect(200);
      await request(broker.server).delete(path).expect(204);
      await request(broker.server).get(path).expect(404);
      expect(await broker.prisma.pactVersion.count()).to.equal(0);
    });

    it('when the pact names a different consumer than the path, answers 400 and stores nothing', async () => {
      const res = await request(broker.server).put(path).send(buildPact('Other', 'Bar')).expect(400);
      expect(res.body.errors['consumer.name'][0]).to.match(/does not match/);
      expect(await broker.prisma.pacticipant.count()).to.equal(0);
    });
  });

  describe('reading pacts', () => {
    it('finds the latest pact, the latest with a tag, from a branch, and every latest pact of a provider', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1', { tags: ['prod'] })
        .pact('Bar')
        .version('2', { branch: 'main' })
        .pact('Bar')
        .consumer('Baz')
        .version('7')
        .pact('Bar');
      const latest = await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/latest').expect(200);
      expect(latest.headers['x-pact-consumer-version']).to.equal('2');
      const prod = await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/latest/prod').expect(200);
      expect(prod.headers['x-pact-consumer-version']).to.equal('1');
      const main = await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/branch/main/latest').expect(200);
      expect(main.headers['x-pact-consumer-version']).to.equal('2');
      await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/latest/nope').expect(404);
      const provider = (await request(broker.server).get('/pacts/provider/Bar/latest').expect(200)).body;
      expect(provider._links['pb:pacts'].map((l: { name: string }) => l.name)).to.deep.equal(['Baz', 'Foo']);
      const all = (await request(broker.server).get('/pacts/latest').expect(200)).body;
      expect(
        all.pacts.map(
          (p: { _embedded: { consumer: { _embedded: { version: { number: string } } } } }) =>
            p._embedded.consumer._embedded.version.number,
        ),
      ).to.deep.equal(['7', '2']);
    });
  });

  describe('concurrency', () => {
    it('when 10 requests publish the same version at once, one pact version and one set of rows are stored', async () => {
      const body = publishBody(buildPact('Foo', 'Bar'));
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => request(broker.server).post('/contracts/publish').send(body)),
      );
      expect(responses.map((res) => res.status)).to.deep.equal(Array(10).fill(200));
      expect(await broker.prisma.pacticipant.count()).to.equal(2);
      expect(await broker.prisma.version.count()).to.equal(1);
      expect(await broker.prisma.pactVersion.count()).to.equal(1);
      expect(await broker.prisma.pactPublication.count()).to.equal(1);
      expect(await broker.prisma.branchVersion.count()).to.equal(1);
      expect(await broker.prisma.tag.count()).to.equal(1);
      expect(await broker.prisma.integration.count()).to.equal(1);
    });

    it('when 10 requests publish different content for the same version at once, one wins and the others get 409', async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(broker.server)
            .post('/contracts/publish')
            .send(publishBody(buildPact('Foo', 'Bar'))),
        ),
      );
      const statuses = responses.map((res) => res.status).sort();
      expect(statuses).to.deep.equal([200, ...Array(9).fill(409)]);
      expect(await broker.prisma.pactVersion.count()).to.equal(1);
      expect(await broker.prisma.pactPublication.count()).to.equal(1);
    });
  });
});
