import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

interface Row {
  consumer: { name: string; version: { number: string } };
  provider: { name: string; version: { number: string } | null };
  verificationResult: { success: boolean } | null;
  ignored?: true;
}

const rowsOf = (body: { matrix: Row[] }) =>
  body.matrix.map(
    (row) =>
      `${row.consumer.name} ${row.consumer.version.number} -> ${row.provider.name} ${row.provider.version?.number ?? '?'}: ` +
      `${row.verificationResult?.success ?? 'unverified'}${row.ignored ? ' (ignored)' : ''}`,
  );

describe('broker: matrix and can-i-deploy', () => {
  const broker = useBroker();

  const matrix = (query: string) => request(broker.server).get(`/matrix?${query}`);

  describe('the matrix query', () => {
    beforeEach(async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('4')
        .verifiedBy('5', { success: false })
        .version('2')
        .pact('Bar')
        .verifiedBy('5');
    });

    it('reads q[] entries in order: a repeated key starts the next selector', async () => {
      const res = await matrix(
        'q[][pacticipant]=Foo&q[][version]=1&q[][pacticipant]=Bar&q[][version]=4&latestby=cvpv',
      ).expect(200);
      expect(rowsOf(res.body)).to.deep.equal(['Foo 1 -> Bar 4: true']);
      expect(res.body.summary).to.include({ deployable: true, success: 1, failed: 0, unknown: 0 });
    });

    it('the same parameters sorted by name mean something else (a selector without a pacticipant: 400)', async () => {
      const res = await matrix(
        'q[][pacticipant]=Foo&q[][pacticipant]=Bar&q[][version]=1&q[][version]=4&latestby=cvpv',
      ).expect(400);
      expect(res.body.errors).to.include('Please specify the pacticipant name');
    });

    it('with only pacticipant names, shows every row; latestby=cvp keeps the newest provider version per consumer version', async () => {
      const all = await matrix('q[][pacticipant]=Foo&q[][pacticipant]=Bar').expect(200);
      expect(rowsOf(all.body)).to.have.members([
        'Foo 1 -> Bar 4: true',
        'Foo 1 -> Bar 5: false',
        'Foo 2 -> Bar 5: true',
      ]);
      const cvp = await matrix('q[][pacticipant]=Foo&q[][pacticipant]=Bar&latestby=cvp').expect(200);
      expect(rowsOf(cvp.body)).to.have.members(['Foo 1 -> Bar 5: false', 'Foo 2 -> Bar 5: true']);
      const successful = await matrix('q[][pacticipant]=Foo&q[][pacticipant]=Bar&latestby=cvpv&success[]=true').expect(
        200,
      );
      expect(rowsOf(successful.body)).to.have.members(['Foo 1 -> Bar 4: true', 'Foo 2 -> Bar 5: true']);
    });

    it('one selector with latest=true infers the latest version of each integrated pacticipant', async () => {
      const res = await matrix('q[][pacticipant]=Foo&q[][version]=1&latestby=cvp&latest=true').expect(200);
      expect(rowsOf(res.body)).to.deep.equal(['Foo 1 -> Bar 5: false']);
      expect(res.body.summary.deployable).to.equal(false);
      expect(res.body.summary.reason).to.match(
        /The pact between version 1 of Foo and the latest version of Bar \(5\) failed verification/,
      );
    });

    it('a version that does not exist makes the answer false with a reason; unknown pacticipants are 400', async () => {
      const missing = await matrix(
        'q[][pacticipant]=Foo&q[][version]=1&q[][pacticipant]=Bar&q[][version]=9&latestby=cvpv',
      ).expect(200);
      expect(missing.body.summary.deployable).to.equal(false);
      expect(missing.body.summary.reason).to.match(/Nothing has been published for version 9 of Bar/);
      const unknown = await matrix(
        'q[][pacticipant]=Wiffle&q[][version]=1&q[][pacticipant]=Meep&q[][version]=2&latestby=cvpv',
      ).expect(400);
      expect(unknown.body.errors).to.deep.equal(['Pacticipant Wiffle not found', 'Pacticipant Meep not found']);
    });

    it('refuses contradictory options with 400', async () => {
      await matrix('q[][pacticipant]=Foo&q[][version]=1&latest=true&environment=prod').expect(400);
      await matrix('q[][pacticipant]=Foo&q[][version]=1&tag=prod&environment=prod').expect(400);
      await matrix('q[][pacticipant]=Foo&q[][version]=1&latestby=sideways').expect(400);
      await matrix('q[][pacticipant]=Foo&q[][version]=1&limit=0').expect(400);
      await matrix('').expect(400);
    });
  });

  describe('can-i-deploy to an environment', () => {
    const canIDeploy = async (pacticipant: string, version: string, environment = 'prod') =>
      (
        await matrix(
          `q[][pacticipant]=${pacticipant}&q[][version]=${version}&latestby=cvpv&environment=${environment}`,
        ).expect(200)
      ).body;

    it('yes, when the pact was verified successfully by the provider version in the environment', async () => {
      await broker
        .data()
        .environment('prod')
        .provider('Bar')
        .version('4')
        .deployedTo('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('4');
      const answer = await canIDeploy('Foo', '1');
      expect(answer.summary).to.include({ deployable: true, success: 1 });
      expect(answer.notices.map((n: { type: string }) => n.type)).to.deep.equal(['success']);
    });

    it('no, when that verification failed', async () => {
      await broker
        .data()
        .environment('prod')
        .provider('Bar')
        .version('4')
        .deployedTo('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('4', { success: false });
      const answer = await canIDeploy('Foo', '1');
      expect(answer.summary).to.include({ deployable: false, failed: 1 });
    });

    it('unknown (null), when only another provider version verified it, or the provider is not in the environment', async () => {
      await broker
        .data()
        .environment('prod')
        .provider('Bar')
        .version('4')
        .deployedTo('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('5');
      const answer = await canIDeploy('Foo', '1');
      expect(answer.summary).to.include({ deployable: null, unknown: 1 });
      expect(answer.summary.reason).to.match(
        /No verified pact exists between version 1 of Foo and the version of Bar in prod \(4\)/,
      );

      await broker.data().environment('test').consumer('Foo').version('2').pact('Baz');
      const notDeployed = await canIDeploy('Foo', '2', 'test');
      expect(notDeployed.summary.deployable).to.equal(null);
      expect(notDeployed.summary.reason).to.match(
        /a version of Baz in test \(none is recorded as deployed or released there\)/,
      );
    });

    it('a provider may deploy when a consumer is not in the environment, but not over a deployed consumer it breaks', async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('4', { success: false });
      expect((await canIDeploy('Bar', '4')).summary.deployable, 'Foo is not deployed').to.equal(true);
      await broker.data().consumer('Foo').version('1').deployedTo('prod');
      expect((await canIDeploy('Bar', '4')).summary.deployable, 'Foo 1 is deployed').to.equal(false);
    });

    it('checks against every version deployed in the environment (several application instances)', async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('9')
        .deployedTo('prod', { applicationInstance: 'blue' })
        .version('2')
        .pact('Bar')
        .deployedTo('prod', { applicationInstance: 'green' });
      const both = await canIDeploy('Bar', '9');
      expect(rowsOf(both)).to.have.members(['Foo 1 -> Bar 9: true', 'Foo 2 -> Bar ?: unverified']);
      expect(both.summary.deployable, 'Foo 2 (green) is not verified by Bar 9').to.equal(null);

      await broker.data().consumer('Foo').version('2').pact('Bar').verifiedBy('9', { success: false });
      expect((await canIDeploy('Bar', '9')).summary.deployable).to.equal(false);
      await broker.data().consumer('Foo').version('2').pact('Bar').verifiedBy('9');
      expect((await canIDeploy('Bar', '9')).summary.deployable).to.equal(true);
    });

    it('once a version is undeployed it no longer counts', async () => {
      await broker
        .data()
        .environment('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .deployedTo('prod', { applicationInstance: 'blue' })
        .version('2')
        .pact('Bar')
        .verifiedBy('9')
        .deployedTo('prod', { applicationInstance: 'green' });
      expect((await canIDeploy('Bar', '9')).summary.deployable).to.equal(null);
      const blue = await broker.prisma.deployedVersion.findFirstOrThrow({ where: { applicationInstance: 'blue' } });
      await request(broker.server)
        .patch(`/deployed-versions/${blue.uuid}`)
        .set('content-type', 'application/merge-patch+json')
        .send({ currentlyDeployed: false })
        .expect(200);
      expect((await canIDeploy('Bar', '9')).summary.deployable).to.equal(true);
    });

    it('ignoring a pacticipant turns its failure into an ignored row', async () => {
      await broker
        .data()
        .environment('prod')
        .provider('Bar')
        .version('4')
        .deployedTo('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('4', { success: false });
      const res = await matrix(
        'q[][pacticipant]=Foo&q[][version]=1&latestby=cvpv&environment=prod&ignore[][pacticipant]=Bar',
      ).expect(200);
      expect(res.body.summary).to.include({ deployable: true, ignored: 1 });
      expect(rowsOf(res.body)).to.deep.equal(['Foo 1 -> Bar 4: false (ignored)']);
    });

    it('GET /can-i-deploy answers the same question', async () => {
      await broker
        .data()
        .environment('prod')
        .provider('Bar')
        .version('4')
        .deployedTo('prod')
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('4');
      const res = await request(broker.server)
        .get('/can-i-deploy?pacticipant=Foo&version=1&environment=prod')
        .expect(200);
      expect(res.body.summary.deployable).to.equal(true);
      await request(broker.server).get('/can-i-deploy?pacticipant=Foo&version=1').expect(400);
      await request(broker.server).get('/can-i-deploy?pacticipant=Foo&version=1&environment=nowhere').expect(400);
    });
  });

  describe('can-i-deploy to a tag and can-i-merge', () => {
    it('with latest=true&tag=prod, checks against the latest provider version carrying the tag', async () => {
      await broker
        .data()
        .consumer('Foo')
        .version('1')
        .pact('Bar')
        .verifiedBy('4', { tags: ['prod'] })
        .verifiedBy('5', { success: false });
      const res = await matrix('q[][pacticipant]=Foo&q[][version]=1&latestby=cvp&latest=true&tag=prod').expect(200);
      expect(rowsOf(res.body)).to.deep.equal(['Foo 1 -> Bar 4: true']);
      expect(res.body.summary.deployable).to.equal(true);
    });

    it("with mainBranch=true, checks against the latest version of each integrated pacticipant's main branch", async () => {
      await broker
        .data()
        .provider('Bar', { mainBranch: 'main' })
        .consumer('Foo')
        .version('1', { branch: 'feat' })
        .pact('Bar')
        .verifiedBy('4', { branch: 'main' })
        .verifiedBy('5', { branch: 'other', success: false });
      const res = await matrix('q[][pacticipant]=Foo&q[][version]=1&latestby=cvp&latest=true&mainBranch=true').expect(
        200,
      );
      expect(rowsOf(res.body)).to.deep.equal(['Foo 1 -> Bar 4: true']);
      expect(res.body.summary.deployable).to.equal(true);
    });
  });
});
