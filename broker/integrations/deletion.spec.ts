// The deletion routes (an integration, all of its pacts, a tag's or a branch's pacts, a verification):
// write access only, everything dependent goes in one transaction, and the matrix and badges agree
// with what is left afterwards.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker, type BrokerTestContext } from '../testing/broker-test-context.ts';

const auth = {
  readWrite: { username: 'ci', password: 'ci-secret' },
  readOnly: { username: 'viewer', password: 'viewer-secret' },
  readWriteTokens: [],
  readOnlyTokens: [],
  allowPublicRead: false,
};
const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

const DELETIONS = [
  '/integrations/provider/Bar/consumer/Foo',
  '/pacts/provider/Bar/consumer/Foo/versions',
  '/pacts/provider/Bar/consumer/Foo/tag/prod',
  '/pacts/provider/Bar/consumer/Foo/branch/main',
  '/pacts/provider/Bar/consumer/Foo/pact-version/{sha}/verification-results/1',
];

/** Foo 1 (branch main, tag prod) has a pact with Bar, verified by Bar 7. */
async function build(broker: BrokerTestContext): Promise<string> {
  await broker
    .data()
    .consumer('Foo')
    .version('1', { branch: 'main', tags: ['prod'] })
    .pact('Bar')
    .verifiedBy('7');
  return (await broker.prisma.pactVersion.findFirstOrThrow()).sha;
}

async function counts(broker: BrokerTestContext) {
  const db = broker.prisma;
  const [publications, pactVersions, verifications, integrations] = await Promise.all([
    db.pactPublication.count(),
    db.pactVersion.count(),
    db.verification.count(),
    db.integration.count(),
  ]);
  return { publications, pactVersions, verifications, integrations };
}

describe('broker: deletion routes', function () {
  this.timeout(30_000);

  describe('with credentials configured', () => {
    const broker = useBroker({ config: { auth } });

    for (const path of DELETIONS) {
      it(`DELETE ${path.replace('{sha}', ':sha')}: read-only credentials get 403, none 401, and nothing is deleted`, async () => {
        const target = path.replace('{sha}', await build(broker));
        const before = await counts(broker);
        await request(broker.server).delete(target).set('authorization', basic('viewer', 'viewer-secret')).expect(403);
        await request(broker.server).delete(target).expect(401);
        expect(await counts(broker)).to.deep.equal(before);
        const res = await request(broker.server).delete(target).set('authorization', basic('ci', 'ci-secret'));
        expect(res.status).to.be.within(200, 204);
        expect(await counts(broker)).to.not.deep.equal(before);
      });
    }
  });

  describe('consistency', () => {
    const broker = useBroker();
    const matrixRows = async () =>
      (await request(broker.server).get('/matrix?q[][pacticipant]=Foo&q[][pacticipant]=Bar').expect(200)).body.matrix;
    const badge = async (path = '/pacts/provider/Bar/consumer/Foo/latest/badge') =>
      String((await request(broker.server).get(path).expect(200)).body);

    it("deleting the verification turns the badge from verified to unknown and empties the row's result", async () => {
      const sha = await build(broker);
      expect(await badge()).to.include('verified');
      await request(broker.server)
        .delete(`/pacts/provider/Bar/consumer/Foo/pact-version/${sha}/verification-results/1`)
        .expect(204);
      expect(await badge())
        .to.include('unknown')
        .and.not.to.include('verified');
      const rows = await matrixRows();
      expect(rows).to.have.length(1);
      expect(rows[0].verificationResult).to.equal(null);
    });

    it("deleting a tag's pacts removes their matrix rows, and the latest-tagged badge shows unknown", async () => {
      await build(broker);
      await broker.data().consumer('Foo').version('2', { branch: 'main' }).pact('Bar');
      const tagBadge = '/pacts/provider/Bar/consumer/Foo/latest/prod/badge';
      expect(await badge(tagBadge)).to.include('verified');
      await request(broker.server).delete('/pacts/provider/Bar/consumer/Foo/tag/prod').expect(200);
      expect(
        (await matrixRows()).map((row: { consumer: { version: { number: string } } }) => row.consumer.version.number),
      ).to.deep.equal(['2']);
      expect(await badge(tagBadge))
        .to.include('unknown')
        .and.not.to.include('verified');
      expect(await counts(broker)).to.deep.include({ verifications: 0, publications: 1 });
    });

    it('deleting the integration leaves an empty matrix and /can-i-deploy with nothing to check', async () => {
      await build(broker);
      await request(broker.server).delete('/integrations/provider/Bar/consumer/Foo').expect(204);
      expect(await matrixRows()).to.deep.equal([]);
      expect(await counts(broker)).to.deep.equal({
        publications: 0,
        pactVersions: 0,
        verifications: 0,
        integrations: 0,
      });
    });

    it('content still published by another consumer version is kept, with its verifications', async () => {
      const sha = await build(broker);
      const content = JSON.parse((await broker.prisma.pactVersion.findFirstOrThrow()).content) as Record<
        string,
        unknown
      >;
      await broker.data().consumer('Foo').version('2', { branch: 'feat' }).pact('Bar', content);
      await request(broker.server).delete('/pacts/provider/Bar/consumer/Foo/branch/main').expect(200);
      expect(await counts(broker)).to.deep.include({ publications: 1, pactVersions: 1, verifications: 1 });
      await request(broker.server)
        .get(`/pacts/provider/Bar/consumer/Foo/pact-version/${sha}/verification-results/1`)
        .expect(200);
    });

    describe('when the database fails part-way through a deletion', () => {
      // A fault injected into the real database: deleting a webhook raises, after the pacts were deleted.
      beforeEach(() =>
        broker.prisma.$executeRawUnsafe(`
          CREATE OR REPLACE FUNCTION refuse_webhook_delete() RETURNS trigger AS $$
          BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql;
          CREATE OR REPLACE TRIGGER refuse_webhook_delete BEFORE DELETE ON webhooks FOR EACH ROW EXECUTE FUNCTION refuse_webhook_delete();`),
      );
      afterEach(() => broker.prisma.$executeRawUnsafe('DROP TRIGGER IF EXISTS refuse_webhook_delete ON webhooks'));

      it('deleting an integration deletes nothing at all', async () => {
        await build(broker);
        await broker.data().webhook('pair-webhook-0123456789', { consumer: 'Foo', provider: 'Bar' });
        const before = await counts(broker);
        const res = await request(broker.server).delete('/integrations/provider/Bar/consumer/Foo');
        expect(res.status).to.be.at.least(500);
        expect(res.text).not.to.include('injected failure');
        expect(await counts(broker)).to.deep.equal(before);
      });
    });
  });
});
