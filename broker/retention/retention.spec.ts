import { expect } from 'chai';
import { pino } from 'pino';
import PgBoss from 'pg-boss';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';
import { brokerConfig, loadBrokerConfig } from '../config.ts';
import { bossOptions } from '../webhooks/delivery-queue.ts';
import { CLEAN_QUEUE, startCleanSchedule } from './clean-schedule.ts';
import { parseKeepSelectors, type KeepSelector } from './keep-selectors.ts';
import { RetentionService } from './retention.service.ts';

const DAY = 86_400_000;

describe('broker: clean-up of old versions (retention)', () => {
  const broker = useBroker();
  const service = () => new RetentionService(broker.prisma);
  const clean = (keep: KeepSelector[], limit = 1000, batchSize = 100) => service().clean({ keep, limit, batchSize });
  const numbers = async (pacticipant: string) =>
    (
      await broker.prisma.version.findMany({ where: { pacticipant: { name: pacticipant } }, orderBy: { id: 'asc' } })
    ).map((version) => version.number);
  const age = (pacticipant: string, number: string, days: number) =>
    broker.prisma.version.updateMany({
      where: { pacticipant: { name: pacticipant }, number },
      data: { createdAt: new Date(Date.now() - days * DAY) },
    });
  /** Rows in every table a clean-up touches. */
  const counts = async () => {
    const db = broker.prisma;
    return {
      versions: await db.version.count(),
      publications: await db.pactPublication.count(),
      pactVersions: await db.pactVersion.count(),
      verifications: await db.verification.count(),
      tags: await db.tag.count(),
      branches: await db.branch.count(),
      branchVersions: await db.branchVersion.count(),
      deployed: await db.deployedVersion.count(),
      released: await db.releasedVersion.count(),
    };
  };

  it('keeps the latest N main-branch versions and the deployed and released ones; deletes the rest, oldest first', async () => {
    await broker.data().environment('test').environment('production', { production: true });
    await broker
      .data()
      .pacticipant('Foo', { mainBranch: 'main' })
      .version('1', { branch: 'main' })
      .version('2', { branch: 'main' })
      .deployedTo('test')
      .version('3', { branch: 'main' })
      .releasedTo('production')
      .version('4', { branch: 'main' })
      .version('5', { branch: 'feat/x' })
      .version('6', { branch: 'main' })
      .version('7', { branch: 'main' });

    const result = await clean(parseKeepSelectors('[{"mainBranch": true, "latest": 2}]'));

    expect(await numbers('Foo')).to.deep.equal(['2', '3', '6', '7']);
    expect(result.deleted.versions).to.equal(3);
    expect(result.remainingVersions).to.equal(4);
    // The feature branch lost its only version and went; the main branch stays.
    const branches = await broker.prisma.branch.findMany({ select: { name: true } });
    expect(branches.map((branch) => branch.name)).to.deep.equal(['main']);
    expect(result.deleted.branches).to.equal(1);
  });

  it('a version undeployed or whose support ended is no longer kept for it', async () => {
    await broker.data().environment('test');
    await broker.data().pacticipant('Foo').version('1').deployedTo('test').version('2').deployedTo('test');
    // Deploying 2 to the same environment undeployed 1.
    await clean([{ latest: true }, { deployed: true }]);
    expect(await numbers('Foo')).to.deep.equal(['2']);
  });

  it('keeps versions newer than maxAge days, per-branch and per-tag latest versions, and what is given by pacticipant', async () => {
    await broker
      .data()
      .pacticipant('Foo')
      .version('1', { branch: 'a', tags: ['t1'] })
      .version('2', { branch: 'a', tags: ['t1'] })
      .version('3', { branch: 'b' })
      .version('4', { branch: 'b' })
      .version('5', { tags: ['t2'] })
      .version('6')
      .pacticipant('Bar')
      .version('1')
      .version('2');
    for (const number of ['1', '2', '3', '4', '5']) await age('Foo', number, 40);
    await age('Bar', '1', 40);
    await age('Bar', '2', 40);

    await clean([{ branch: true, latest: true }, { tag: 't1', latest: true }, { maxAge: 30 }, { pacticipant: 'Bar' }]);

    // 2: latest of branch a and of tag t1; 4: latest of branch b; 6: recent; Bar: all kept by name.
    expect(await numbers('Foo')).to.deep.equal(['2', '4', '6']);
    expect(await numbers('Bar')).to.deep.equal(['1', '2']);
  });

  it('deleting a version removes its pacts, verifications, tags and deployments; shared pact content stays while used', async () => {
    const shared = {
      consumer: { name: 'Foo' },
      provider: { name: 'Bar' },
      interactions: [{ description: 'same', request: { method: 'GET', path: '/' }, response: { status: 200 } }],
    };
    await broker.data().environment('test');
    await broker
      .data()
      .consumer('Foo')
      .provider('Bar')
      .consumer('Foo')
      .version('1', { tags: ['old'] })
      .pact('Bar') // unique content: goes with version 1
      .verifiedBy('p1')
      .consumer('Foo')
      .version('2')
      .pact('Bar', shared)
      .consumer('Foo')
      .version('3')
      .pact('Bar', shared) // the same content as version 2's
      .verifiedBy('p2');
    await broker.data().pacticipant('Bar').version('p2').deployedTo('test');
    await age('Foo', '1', 100);
    await age('Foo', '2', 100);
    await age('Bar', 'p1', 100);

    const result = await clean([{ maxAge: 30 }]);

    expect(await numbers('Foo')).to.deep.equal(['3']);
    expect(await numbers('Bar')).to.deep.equal(['p2']);
    expect(result.deleted).to.include({
      versions: 3,
      pactPublications: 2,
      pactVersions: 1,
      verifications: 1,
      tags: 1,
    });
    expect(await counts()).to.include({ publications: 1, pactVersions: 1, verifications: 1, tags: 0, deployed: 1 });
    // The API answers consistently: the matrix has the one row left, the deleted version is gone.
    const matrix = await request(broker.server).get('/matrix?q[][pacticipant]=Foo&latestby=cvpv').expect(200);
    expect(
      matrix.body.matrix.map((row: { consumer: { version: { number: string } } }) => row.consumer.version.number),
    ).to.deep.equal(['3']);
    await request(broker.server).get('/pacticipants/Foo/versions/1').expect(404);
    await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/2').expect(404);
    await request(broker.server).get('/pacts/provider/Bar/consumer/Foo/version/3').expect(200);
  });

  it('deletes at most the limit per run, in batches of the batch size, oldest first', async () => {
    const data = broker.data().pacticipant('Foo');
    for (let i = 1; i <= 10; i += 1) data.version(String(i));
    await data;

    const result = await clean([{ latest: true }], 7, 3);

    expect(result.deleted.versions).to.equal(7);
    expect(result.batches).to.equal(3); // 3 + 3 + 1
    expect(await numbers('Foo')).to.deep.equal(['8', '9', '10']);
    const again = await clean([{ latest: true }], 7, 3);
    expect(again.deleted.versions).to.equal(2);
    expect(await numbers('Foo')).to.deep.equal(['10']);
  });

  it('a dry run changes nothing and lists exactly what a run with the same settings then deletes', async () => {
    await broker.data().environment('test');
    await broker
      .data()
      .consumer('Foo')
      .provider('Bar')
      .consumer('Foo')
      .version('1', { branch: 'main', tags: ['x'] })
      .pact('Bar')
      .verifiedBy('p1', { branch: 'main' })
      .consumer('Foo')
      .version('2', { branch: 'main' })
      .deployedTo('test')
      .version('3', { branch: 'main' })
      .version('4', { branch: 'main' });
    const keep: KeepSelector[] = [{ latest: true }, { deployed: true }];
    const before = await counts();

    const dry = await service().dryRun({ keep, limit: 2 });

    expect(await counts()).to.deep.equal(before);
    expect(dry).to.include({ dryRun: true, totalVersions: 5, versionsToKeep: 3, versionsNotKept: 2 });
    expect(dry.versions.map((v) => `${v.pacticipant} ${v.number}`)).to.deep.equal(['Foo 1', 'Foo 3']);
    expect(dry.toDelete).to.have.length(1);
    expect(dry.toDelete[0]).to.deep.include({ pacticipant: 'Foo', count: 2 });
    expect(dry.keptBySelector.map((entry) => entry.count)).to.deep.equal([2, 1]); // Foo 4 and Bar p1; Foo 2

    await clean(keep, 2);
    expect(await numbers('Foo')).to.deep.equal(['2', '4']);
  });

  it('when a batch fails, nothing of it is deleted (one transaction) and the error reaches the caller', async () => {
    await broker
      .data()
      .consumer('Foo')
      .provider('Bar')
      .consumer('Foo')
      .version('1')
      .pact('Bar')
      .consumer('Foo')
      .version('2');
    // A real failure inside the batch, after its first deletions: PostgreSQL refuses to delete the pact content.
    await broker.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_delete() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'pact contents may not be deleted now'; END; $$ LANGUAGE plpgsql`);
    await broker.prisma.$executeRawUnsafe(
      'CREATE TRIGGER refuse_delete BEFORE DELETE ON pact_versions FOR EACH ROW EXECUTE FUNCTION refuse_delete()',
    );
    const before = await counts();
    try {
      const failure = await clean([{ latest: true }]).then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure?.message).to.contain('pact contents may not be deleted now');
      expect(await counts()).to.deep.equal(before);
    } finally {
      await broker.prisma.$executeRawUnsafe('DROP TRIGGER refuse_delete ON pact_versions');
      await broker.prisma.$executeRawUnsafe('DROP FUNCTION refuse_delete()');
    }
    await clean([{ latest: true }]);
    expect(await numbers('Foo')).to.deep.equal(['2']);
  });

  describe('keep selectors', () => {
    it('accepts the Pact Broker snake_case keys and adds the deployed and released selectors when missing', () => {
      expect(parseKeepSelectors('[{"max_age": 30}, {"main_branch": true, "latest": 5}]')).to.deep.equal([
        { maxAge: 30 },
        { mainBranch: true, latest: 5 },
        { deployed: true },
        { released: true },
      ]);
    });

    it('refuses bad selectors with a message naming the problem', () => {
      expect(() => parseKeepSelectors('not json')).to.throw(/not valid JSON/);
      expect(() => parseKeepSelectors('[]')).to.throw(/at least one selector/);
      expect(() => parseKeepSelectors('[{"maxAge": -1}]')).to.throw(/0\.maxAge/);
      expect(() => parseKeepSelectors('[{"colour": "red"}]')).to.throw(/colour/);
      expect(() => parseKeepSelectors('[{}]')).to.throw(/at least one condition/);
    });

    it('the configuration reads the Pact Broker clean-up variables and names the variable in its errors', () => {
      const config = loadBrokerConfig({
        PACT_BROKER_DATABASE_CLEAN_ENABLED: 'true',
        PACT_BROKER_DATABASE_CLEAN_CRON_SCHEDULE: '0 3 * * *',
        PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS: '[{"latest": true}]',
        PACT_BROKER_DATABASE_CLEAN_DELETION_LIMIT: '250',
      });
      expect(config.clean).to.deep.include({ enabled: true, cronSchedule: '0 3 * * *', limit: 250, dryRun: false });
      expect(config.clean.keep).to.deep.equal([{ latest: true }, { deployed: true }, { released: true }]);
      expect(() => loadBrokerConfig({ PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS: '[{"lates": 1}]' })).to.throw(
        /PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS \(read as BROKER_CLEAN_KEEP_VERSION_SELECTORS\).*lates/,
      );
    });
  });

  describe('the scheduled job', () => {
    it('registers its cron schedule and runs the configured clean-up when its job comes', async () => {
      const data = broker.data().pacticipant('Foo');
      for (let i = 1; i <= 3; i += 1) data.version(String(i));
      await data;
      const settings = {
        ...brokerConfig().clean,
        enabled: true,
        cronSchedule: '5 4 * * *',
        keep: [{ latest: true as const }],
      };
      const schedule = await startCleanSchedule({
        databaseUrl: broker.databaseUrl,
        prisma: broker.prisma,
        settings,
        logger: pino({ level: 'silent' }),
        pollingIntervalSeconds: 0.5,
      });
      const boss = new PgBoss({ ...bossOptions(broker.databaseUrl), max: 1, schedule: false, supervise: false });
      await boss.start();
      try {
        const schedules = await boss.getSchedules();
        expect(schedules.find((entry) => entry.name === CLEAN_QUEUE)).to.include({
          cron: '5 4 * * *',
          timezone: 'UTC',
        });
        // The job the cron tick would send.
        await boss.send(CLEAN_QUEUE, {});
        const deadline = Date.now() + 15_000;
        while ((await numbers('Foo')).length > 1 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await numbers('Foo')).to.deep.equal(['3']);
      } finally {
        await boss.unschedule(CLEAN_QUEUE);
        await boss.stop({ graceful: false, wait: true });
        await schedule.stop();
      }
    });
  });
});
