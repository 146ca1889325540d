import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { pactBrokerCli } from '../testing/pact-broker-cli.ts';
import { buildPact } from '../testing/test-data.ts';

const READ_WRITE_TOKEN = 'rw-token-0123456789abcdef';
const READ_ONLY_TOKEN = 'ro-token-0123456789abcdef';
const auth = {
  readWrite: { username: 'ci', password: 'ci-secret' },
  readOnly: { username: 'viewer', password: 'viewer-secret' },
  readWriteTokens: [READ_WRITE_TOKEN],
  readOnlyTokens: [READ_ONLY_TOKEN],
  allowPublicRead: false,
};

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const bearer = (token: string) => `Bearer ${token}`;

describe('broker: authentication and authorization', function () {
  this.timeout(30_000);

  describe('when credentials are configured', () => {
    const broker = useBroker({ config: { auth } });

    it('without credentials, reads and writes are 401 with a WWW-Authenticate challenge', async () => {
      const read = await request(broker.server).get('/pacticipants').expect(401);
      expect(read.headers['www-authenticate']).to.match(/Basic/);
      expect(read.body.error).to.match(/Authentication is required/);
      await request(broker.server).put('/pacticipants/Foo/versions/1/tags/prod').send({}).expect(401);
      expect(await broker.prisma.tag.count()).to.equal(0);
    });

    it('wrong credentials are 401, even on reads', async () => {
      await request(broker.server).get('/').set('authorization', basic('ci', 'wrong')).expect(401);
      await request(broker.server).get('/').set('authorization', bearer('not-a-token-at-all')).expect(401);
      await request(broker.server).get('/').set('authorization', 'Digest whatever').expect(401);
    });

    it('read-only basic auth and tokens may read, and get 403 on writes', async () => {
      for (const authorization of [basic('viewer', 'viewer-secret'), bearer(READ_ONLY_TOKEN)]) {
        await request(broker.server).get('/pacticipants').set('authorization', authorization).expect(200);
        const write = await request(broker.server)
          .put('/pacticipants/Foo/versions/1/tags/prod')
          .set('authorization', authorization)
          .send({})
          .expect(403);
        expect(write.body.error).to.match(/only read/);
      }
      expect(await broker.prisma.tag.count()).to.equal(0);
    });

    it('read-write basic auth and tokens may write', async () => {
      await request(broker.server)
        .put('/pacticipants/Foo/versions/1/tags/prod')
        .set('authorization', basic('ci', 'ci-secret'))
        .send({})
        .expect(201);
      await request(broker.server)
        .put('/pacticipants/Foo/versions/2/tags/prod')
        .set('authorization', bearer(READ_WRITE_TOKEN))
        .send({})
        .expect(201);
    });

    it('POST for-verification is a read: read-only credentials may use it', async () => {
      await broker.data().consumer('Foo').version('1').pact('Bar');
      const res = await request(broker.server)
        .post('/pacts/provider/Bar/for-verification')
        .set('authorization', bearer(READ_ONLY_TOKEN))
        .send({ consumerVersionSelectors: [{ latest: true }] })
        .expect(200);
      expect(res.body._embedded.pacts).to.have.length(1);
    });

    it('the heartbeat is public', async () => {
      await request(broker.server).get('/diagnostic/status/heartbeat').expect(200);
    });

    it('the Rust CLI publishes with read-write credentials and is refused with a read-only token', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'broker-auth-'));
      try {
        writeFileSync(join(dir, 'Foo-Bar.json'), JSON.stringify(buildPact('Foo', 'Bar')));
        const publish = (env: Record<string, string>) =>
          pactBrokerCli(['publish', dir, '--consumer-app-version', '1', '--retries', '0'], {
            brokerUrl: broker.url,
            env,
          });
        const refused = await publish({ PACT_BROKER_TOKEN: READ_ONLY_TOKEN });
        expect(refused.code, refused.output).to.not.equal(0);
        expect(refused.output).to.contain('403');
        expect(await broker.prisma.pactPublication.count()).to.equal(0);
        const allowed = await publish({ PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: 'ci-secret' });
        expect(allowed.code, allowed.output).to.equal(0);
        expect(await broker.prisma.pactPublication.count()).to.equal(1);
        const described = await pactBrokerCli(['describe-pacticipant', '--name', 'Foo', '--retries', '0'], {
          brokerUrl: broker.url,
          env: { PACT_BROKER_TOKEN: READ_ONLY_TOKEN },
        });
        expect(described.code, described.output).to.equal(0);
        expect(described.stdout).to.contain('Name: Foo');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('with public read on', () => {
    const broker = useBroker({ config: { auth: { ...auth, allowPublicRead: true } } });

    it('anyone may read, writes still need read-write credentials', async () => {
      await request(broker.server).get('/pacticipants').expect(200);
      await request(broker.server).put('/pacticipants/Foo/versions/1/tags/prod').send({}).expect(401);
      await request(broker.server)
        .put('/pacticipants/Foo/versions/1/tags/prod')
        .set('authorization', basic('viewer', 'viewer-secret'))
        .send({})
        .expect(403);
    });
  });

  describe('when no credentials are configured (local use)', () => {
    const broker = useBroker();

    it('everything is open', async () => {
      await request(broker.server).put('/pacticipants/Foo/versions/1/tags/prod').send({}).expect(201);
      await request(broker.server).get('/pacticipants/Foo').expect(200);
    });
  });
});
