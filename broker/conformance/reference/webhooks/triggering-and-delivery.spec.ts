// Ported from the Pact Broker's specs of which webhooks an event triggers, with which values, and how
// they are delivered and retried (spec/lib/pact_broker/webhooks/trigger_service_spec.rb, job_spec.rb,
// and the status parts of triggered_webhook_decorator_spec.rb), plus our delivery's own guarantees:
// concurrent deliveries with a per-target limit (issue 12.7) and webhook URLs that never come from an
// untrusted Host header (issue 12.4).
import type { Server } from 'node:http';
import { expect } from 'chai';
import request from 'supertest';
import { listen, type RunningServer } from '../../../../common/http/listen.ts';
import { useBroker } from '../../../testing/broker-test-context.ts';
import { buildPact } from '../../../testing/test-data.ts';
import { QUEUE_SCHEMA, WEBHOOK_QUEUE } from '../../../webhooks/delivery-queue.ts';
import { WebhookReceiver } from '../../../webhooks/testing/receiver.ts';
import { eventually, pactOf, pathOf, publish, publishResult, settled } from './webhook-client.ts';

type Body = Record<string, string>;

describe('reference: which webhooks an event triggers (trigger_service_spec.rb)', function () {
  this.timeout(60_000);
  const broker = useBroker({
    webhookWorker: true,
    config: { webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'], webhookRetrySchedule: [] },
  });
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  beforeEach(() => receiver.reset());
  after(() => receiver.stop());

  const createWebhook = (events: string[], body: Record<string, string>) =>
    request(broker.server)
      .post('/webhooks')
      .send({
        events: events.map((name) => ({ name })),
        request: { method: 'POST', url: `${receiver.url}/hook`, body },
      })
      .expect(201);
  const bodies = async (count: number) => {
    await settled(broker, count);
    return receiver.received.map((each) => JSON.parse(each.body) as Body);
  };

  // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "triggers a contract_published webhook"
  it('a publication triggers contract_published', async () => {
    await createWebhook(['contract_published'], { event: '${pactbroker.eventName}' });
    await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
    expect(await bodies(1)).to.deep.equal([{ event: 'contract_published' }]);
  });

  // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "triggers a contract_content_changed webhook"
  it('a publication with new content triggers contract_content_changed', async () => {
    await createWebhook(['contract_content_changed'], { event: '${pactbroker.eventName}' });
    await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
    expect(await bodies(1)).to.deep.equal([{ event: 'contract_content_changed' }]);
  });

  // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "does not trigger a contract_content_changed webhook"
  it('a publication of unchanged content does not trigger contract_content_changed', async () => {
    const content = buildPact('Foo', 'Bar');
    await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar', pact: content });
    await createWebhook(['contract_content_changed'], { event: '${pactbroker.eventName}' });
    await publish(broker, { consumer: 'Foo', version: '2', provider: 'Bar', pact: content });
    expect(await broker.prisma.triggeredWebhook.count()).to.equal(0);
  });

  // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "merges the event name in the webhook context"
  it('names the event in the values', async () => {
    await createWebhook(['contract_published', 'contract_content_changed'], { event: '${pactbroker.eventName}' });
    await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
    expect((await bodies(2)).map((body) => body.event)).to.have.members([
      'contract_published',
      'contract_content_changed',
    ]);
  });

  describe('one webhook per currently deployed provider version (${pactbroker.currentlyDeployedProviderVersionNumber})', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('test')
        .environment('production')
        .provider('Bar')
        .version('1')
        .deployedTo('test')
        .version('2')
        .deployedTo('production');
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "creates a triggered webhook for each currently deployed version"
    it('triggers the webhook once for each version of the provider currently deployed', async () => {
      await createWebhook(['contract_published'], { deployed: '${pactbroker.currentlyDeployedProviderVersionNumber}' });
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect((await bodies(2)).map((body) => body.deployed)).to.have.members(['1', '2']);
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "only creates one triggered webhook"
    it('triggers it once for a version deployed to several environments', async () => {
      await broker.data().provider('Bar').version('2').deployedTo('test', { applicationInstance: 'other' });
      await createWebhook(['contract_published'], { deployed: '${pactbroker.currentlyDeployedProviderVersionNumber}' });
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect((await bodies(2)).map((body) => body.deployed)).to.have.members(['1', '2']);
      expect(await broker.prisma.triggeredWebhook.count()).to.equal(2);
    });

    it('a webhook that does not use the variable is triggered once, with it empty', async () => {
      await createWebhook(['contract_published'], { event: '${pactbroker.eventName}' });
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect(await bodies(1)).to.deep.equal([{ event: 'contract_published' }]);
    });
  });

  describe('contract_requiring_verification_published', () => {
    const asked = {
      version: '${pactbroker.providerVersionNumber}',
      branch: '${pactbroker.providerVersionBranch}',
      why: '${pactbroker.providerVersionDescriptions}',
    };

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "creates a triggered webhook for each required verification"
    it('triggers once per provider version that should verify, with the reasons it should', async () => {
      await request(broker.server)
        .post('/pacticipants')
        .send({ name: 'Bar', mainBranch: 'the-main-branch' })
        .expect(201);
      await broker
        .data()
        .environment('test')
        .environment('production')
        .provider('Bar')
        .version('1', { branch: 'the-main-branch' })
        .deployedTo('test')
        .releasedTo('production')
        .version('2', { branch: 'feat' })
        .deployedTo('production');
      await createWebhook(['contract_requiring_verification_published'], asked);
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect(await bodies(2)).to.have.deep.members([
        {
          version: '1',
          branch: 'the-main-branch',
          why: 'latest from main branch, deployed in test, released in production',
        },
        { version: '2', branch: 'feat', why: 'deployed in production' },
      ]);
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "returns the triggered webhooks"
    it('records one triggered webhook per required verification', async () => {
      await request(broker.server).post('/pacticipants').send({ name: 'Bar', mainBranch: 'main' }).expect(201);
      await broker.data().provider('Bar').version('1', { branch: 'main' });
      await createWebhook(['contract_requiring_verification_published'], asked);
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect(await bodies(1)).to.have.length(1);
      expect(await broker.prisma.triggeredWebhook.count()).to.equal(1);
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "uses the main branch"
    it("names the main branch for the main branch's latest version", async () => {
      await request(broker.server).post('/pacticipants').send({ name: 'Bar', mainBranch: 'main' }).expect(201);
      await broker.data().provider('Bar').version('1', { branch: 'feat-a' });
      await request(broker.server).put('/pacticipants/Bar/branches/main/versions/1').send({}).expect(201);
      await createWebhook(['contract_requiring_verification_published'], asked);
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect((await bodies(1))[0]!.branch).to.equal('main');
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "uses the last branch"
    it("names the version's last branch when it was chosen for another reason", async () => {
      await broker.data().environment('test').provider('Bar').version('1', { branch: 'foo' }).deployedTo('test');
      await request(broker.server).put('/pacticipants/Bar/branches/bar/versions/1').send({}).expect(201);
      await createWebhook(['contract_requiring_verification_published'], asked);
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect((await bodies(1))[0]!.branch).to.equal('bar');
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "uses nil"
    it('leaves the branch empty for a version on no branch', async () => {
      await broker.data().environment('test').provider('Bar').version('1').deployedTo('test');
      await createWebhook(['contract_requiring_verification_published'], asked);
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect((await bodies(1))[0]!.branch).to.equal('');
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "does not create any triggered webhooks"
    it('triggers nothing when no provider version needs to verify the pact', async () => {
      await createWebhook(['contract_requiring_verification_published'], asked);
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      expect(await broker.prisma.triggeredWebhook.count()).to.equal(0);
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "returns an empty array"
    it('triggers nothing for a provider version that has verified the content already', async () => {
      await request(broker.server).post('/pacticipants').send({ name: 'Bar', mainBranch: 'main' }).expect(201);
      const content = buildPact('Foo', 'Bar');
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar', pact: content });
      await broker.data().provider('Bar').version('7', { branch: 'main' });
      const pact = await pactOf(broker, 'Bar', 'Foo', '1');
      await publishResult(broker, pact._links['pb:publish-verification-results']!.href, {
        success: true,
        providerApplicationVersion: '7',
      });
      await createWebhook(['contract_requiring_verification_published'], asked);
      // A new branch's first pact (content changed for that branch) that main's latest version has verified.
      await publish(broker, { consumer: 'Foo', version: '2', provider: 'Bar', branch: 'other', pact: content });
      expect(await broker.prisma.triggeredWebhook.count()).to.equal(0);
    });
  });

  describe('one verification webhook per consumer version the verified pact was selected for', () => {
    async function verifiedThroughSelectors() {
      const content = buildPact('Foo', 'Bar');
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar', tags: ['prod', 'main'], pact: content });
      await publish(broker, { consumer: 'Foo', version: '2', provider: 'Bar', tags: ['feat/2'], pact: content });
      await createWebhook(['provider_verification_published'], {
        version: '${pactbroker.consumerVersionNumber}',
        tags: '${pactbroker.consumerVersionTags}',
      });
      const selected = await request(broker.server)
        .post('/pacts/provider/Bar/for-verification')
        .send({
          consumerVersionSelectors: [
            { tag: 'prod', latest: true },
            { tag: 'main', latest: true },
            { tag: 'feat/2', latest: true },
          ],
        })
        .expect(200);
      expect(selected.body._embedded.pacts).to.have.length(1); // one content, selected three ways
      const pact = (await request(broker.server).get(pathOf(selected.body._embedded.pacts[0]._links.self.href))).body;
      await publishResult(broker, pact._links['pb:publish-verification-results'].href, {
        success: true,
        providerApplicationVersion: '9',
      });
    }

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "finds the pact publication for each consumer version number"
    it('finds the pact of each consumer version the selectors chose', async () => {
      await verifiedThroughSelectors();
      expect((await bodies(2)).map((body) => body.version)).to.have.members(['1', '2']);
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "creates a triggered webhook for each consumer version (ie. commit)"
    it("triggers one webhook per consumer version (commit), with that version's selector tags", async () => {
      await verifiedThroughSelectors();
      // The tags in the Pact Broker's selector order: latest-for-tag selectors sort by tag name.
      expect(await bodies(2)).to.have.deep.members([
        { version: '1', tags: 'main, prod' },
        { version: '2', tags: 'feat/2' },
      ]);
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "passes through the event context and only makes one triggered webhook"
    it('without selectors (the pact URL alone), triggers one webhook', async () => {
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar', tags: ['prod'] });
      await createWebhook(['provider_verification_published'], {
        version: '${pactbroker.consumerVersionNumber}',
        tags: '${pactbroker.consumerVersionTags}',
      });
      const pact = await pactOf(broker, 'Bar', 'Foo', '1');
      await publishResult(broker, pact._links['pb:publish-verification-results']!.href, {
        success: true,
        providerApplicationVersion: '9',
      });
      expect(await bodies(1)).to.deep.equal([{ version: '1', tags: 'prod' }]);
    });
  });

  describe('executing a webhook to test it', () => {
    const values = {
      consumer: '${pactbroker.consumerName}',
      provider: '${pactbroker.providerVersionNumber}',
      event: '${pactbroker.eventName}',
    };
    const execute = (events: string[]) =>
      request(broker.server)
        .post('/webhooks/execute')
        .send({
          events: events.map((name) => ({ name })),
          request: { method: 'POST', url: `${receiver.url}/hook`, body: values },
        })
        .expect(200);
    const sent = () => JSON.parse(receiver.received.at(-1)!.body) as Body;

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "searches for the latest matching pact"
    it('uses the latest matching pact', async () => {
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      await publish(broker, { consumer: 'Other', version: '1', provider: 'Bar' });
      await execute(['contract_published']);
      expect(sent().consumer).to.equal('Other');
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "returns the result"
    it('answers the result of sending it', async () => {
      const res = await execute(['contract_published']);
      expect(res.body).to.include({ success: true });
      expect(res.body.logs).to.include('Test execution');
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "executes the webhook with the pact"
    it('sends it with the pact and the event name "test"', async () => {
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      await execute(['contract_published']);
      expect(sent()).to.include({ consumer: 'Foo', event: 'test' });
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "executes the webhook with a placeholder pact"
    it('sends it with a placeholder pact when none matches', async () => {
      await execute(['contract_published']);
      expect(sent().consumer).to.equal('placeholder-consumer');
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "searches for the latest matching verification"
    it('for a verification webhook, uses the latest matching verification', async () => {
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      const pact = await pactOf(broker, 'Bar', 'Foo', '1');
      await publishResult(broker, pact._links['pb:publish-verification-results']!.href, {
        success: true,
        providerApplicationVersion: '5.0.0',
      });
      await execute(['provider_verification_published']);
      expect(sent().provider).to.equal('5.0.0');
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "executes the webhook with the pact and the verification"
    it('for a verification webhook, sends the pact and the verification', async () => {
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      const pact = await pactOf(broker, 'Bar', 'Foo', '1');
      await publishResult(broker, pact._links['pb:publish-verification-results']!.href, {
        success: false,
        providerApplicationVersion: '5.0.1',
      });
      await execute(['provider_verification_published']);
      expect(sent()).to.include({ consumer: 'Foo', provider: '5.0.1', event: 'test' });
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "executes the webhook with a placeholder verification"
    it('for a verification webhook with no verification yet, sends the placeholder verification', async () => {
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      await execute(['provider_verification_published']);
      expect(sent().provider).to.equal('aaaabbbbccccddddeeeeffff1111222233334444');
    });
  });

  describe('a triggered webhook delivered (trigger_service_spec.rb integration test)', () => {
    async function oneDelivered() {
      await createWebhook(['contract_content_changed'], { event: '${pactbroker.eventName}' });
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      return settled(broker, 1);
    }

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "executes the HTTP request of the webhook"
    it('sends the HTTP request', async () => {
      await oneDelivered();
      expect(receiver.received).to.have.length(1);
      expect(receiver.received[0]).to.include({ method: 'POST', url: '/hook' });
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "executes the webhook with the correct options"
    it("sends it with the broker's user agent and no proxying of the event values", async () => {
      await oneDelivered();
      expect(receiver.received[0]!.headers['user-agent']).to.equal('autofighter-broker-webhooks');
      expect(JSON.parse(receiver.received[0]!.body)).to.deep.equal({ event: 'contract_content_changed' });
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "saves the execution"
    it('records the attempt with its log', async () => {
      const [row] = await oneDelivered();
      expect(row!.executions).to.have.length(1);
      expect(row!.executions[0]).to.include({ success: true, status: 200 });
    });

    // ref: spec/lib/pact_broker/webhooks/trigger_service_spec.rb: "marks the triggered webhook as a success"
    it('marks the triggered webhook a success', async () => {
      const [row] = await oneDelivered();
      expect(row!.status).to.equal('success');
      const read = await request(broker.server).get(`/triggered-webhooks/${row!.uuid}`).expect(200);
      expect(read.body).to.include({ status: 'success', attemptsMade: 1, attemptsRemaining: 0 });
    });
  });
});

describe("reference: retrying a failed delivery on the Pact Broker's schedule (job_spec.rb)", function () {
  this.timeout(120_000);
  // The default schedule (10 s, 1, 2, 5, 10, 20 min); the test moves each queued retry's start to now
  // instead of waiting for it.
  const broker = useBroker({ webhookWorker: true, config: { webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'] } });
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  beforeEach(() => receiver.reset());
  after(() => receiver.stop());

  async function failingOnce(...statuses: number[]) {
    receiver.answer(...statuses);
    await request(broker.server)
      .post('/webhooks')
      .send({ events: [{ name: 'contract_published' }], request: { method: 'POST', url: `${receiver.url}/hook` } })
      .expect(201);
    await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
  }
  const attemptsMade = async (count: number) =>
    eventually(`${count} attempts`, async () => {
      const row = await broker.prisma.triggeredWebhook.findFirst({
        include: { executions: { orderBy: { id: 'asc' } } },
      });
      // Prisma reads the executions in a second query: the row's own attempt count keeps its status in step.
      return row && row.attempts >= count && row.executions.length >= count ? row : undefined;
    });
  /** The queued next attempt: its attempt number and how long after queueing it was scheduled to start. */
  const queuedRetry = async () =>
    (
      await broker.prisma.$queryRawUnsafe<{ attempt: string; waits: number }[]>(
        `SELECT data->>'attempt' AS attempt, round(EXTRACT(EPOCH FROM start_after - created_on))::int AS waits
         FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'created' ORDER BY created_on DESC LIMIT 1`,
        WEBHOOK_QUEUE,
      )
    )[0];
  const runQueuedRetryNow = () =>
    broker.prisma.$executeRawUnsafe(
      `UPDATE ${QUEUE_SCHEMA}.job SET start_after = now() WHERE name = $1 AND state = 'created'`,
      WEBHOOK_QUEUE,
    );

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "does not reschedule the job"
  it('does not retry a successful delivery', async () => {
    await failingOnce(200);
    await attemptsMade(1);
    expect(await queuedRetry()).to.equal(undefined);
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "updates the triggered_webhook status to 'success'"
  it("marks a successful delivery's status success", async () => {
    await failingOnce(200);
    const row = await eventually(
      'success',
      async () => (await broker.prisma.triggeredWebhook.findFirst({ where: { status: 'success' } })) ?? undefined,
    );
    expect(row.attempts).to.equal(1);
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "reschedules the job in 10 seconds"
  it('retries a first failure after 10 seconds', async () => {
    await failingOnce(500);
    await attemptsMade(1);
    expect(await eventually('the retry', queuedRetry)).to.deep.equal({ attempt: '2', waits: 10 });
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "sets the success and failure messages"
  it("says in the first failure's log when it will be retried", async () => {
    await failingOnce(500);
    const row = await attemptsMade(1);
    expect(row.executions[0]!.logs).to.include('Retrying the webhook in 10 seconds');
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "updates the triggered_webhook status to 'retrying'"
  it("marks a first failure's status retrying", async () => {
    await failingOnce(500);
    const row = await attemptsMade(1);
    expect(row.status).to.equal('retrying');
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "reschedules the job in 60 seconds"
  it('retries a second failure after 60 seconds', async () => {
    await failingOnce(500, 500);
    await attemptsMade(1);
    await eventually('the first retry', queuedRetry);
    await runQueuedRetryNow();
    await attemptsMade(2);
    expect(
      await eventually('the second retry', async () =>
        (await queuedRetry())?.attempt === '3' ? queuedRetry() : undefined,
      ),
    ).to.deep.equal({ attempt: '3', waits: 60 });
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "executes the job with an log message indicating that the webhook has failed"
  it('after 7 failed attempts (the first and 6 retries) gives up and says so', async () => {
    await failingOnce(500, 500, 500, 500, 500, 500, 500);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      await attemptsMade(attempt);
      const retry = await eventually(`retry ${attempt + 1}`, async () => {
        const queued = await queuedRetry();
        return queued?.attempt === String(attempt + 1) ? queued : undefined;
      });
      delays.push(retry.waits);
      await runQueuedRetryNow();
    }
    const row = await eventually(
      'the final failure',
      async () =>
        (await broker.prisma.triggeredWebhook.findFirst({
          where: { status: 'failure' },
          include: { executions: { orderBy: { id: 'asc' } } },
        })) ?? undefined,
    );
    expect(delays).to.deep.equal([10, 60, 120, 300, 600, 1200]);
    expect(row.executions).to.have.length(7);
    expect(row.executions.at(-1)!.logs).to.include('Webhook delivery failed after 7 attempts');
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "updates the triggered_webhook status to 'failed'"
  it('marks the webhook failed when no retry is left', async () => {
    await failingOnce(500, 500, 500, 500, 500, 500, 500);
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      await attemptsMade(attempt);
      await eventually(`retry ${attempt + 1}`, async () =>
        (await queuedRetry())?.attempt === String(attempt + 1) ? true : undefined,
      );
      await runQueuedRetryNow();
    }
    await eventually(
      'failure',
      async () => (await broker.prisma.triggeredWebhook.findFirst({ where: { status: 'failure' } })) ?? undefined,
    );
    expect(await queuedRetry()).to.equal(undefined);
    const [row] = await broker.prisma.triggeredWebhook.findMany();
    const read = await request(broker.server).get(`/triggered-webhooks/${row!.uuid}`).expect(200);
    expect(read.body).to.include({ status: 'failure', attemptsMade: 7, attemptsRemaining: 0 });
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "updates the triggered_webhook status to 'failure'"
  it('marks a waiting retry failed, without sending it, when its webhook is deleted meanwhile', async () => {
    await failingOnce(500);
    const row = await attemptsMade(1);
    await eventually('the retry', queuedRetry);
    await request(broker.server).delete(`/webhooks/${row.webhookUuid}`).expect(204);
    await runQueuedRetryNow();
    await eventually(
      'failure',
      async () => (await broker.prisma.triggeredWebhook.findFirst({ where: { status: 'failure' } })) ?? undefined,
    );
    expect(receiver.received).to.have.length(1);
  });

  // ref: spec/lib/pact_broker/webhooks/job_spec.rb: "does not reschedule the job"
  it('drops a waiting retry whose pacticipant (and so triggered webhook) was deleted', async () => {
    await failingOnce(500);
    await attemptsMade(1);
    await eventually('the retry', queuedRetry);
    await request(broker.server).delete('/pacticipants/Foo').expect(204);
    await runQueuedRetryNow();
    await eventually('the job done', async () => ((await queuedRetry()) === undefined ? true : undefined));
    expect(receiver.received).to.have.length(1);
  });
});

describe('broker: one slow target cannot stall deliveries to others (issue 12.7)', function () {
  this.timeout(60_000);
  // A long timeout: the hanging target would hold a serial queue for a minute.
  const broker = useBroker({
    webhookWorker: true,
    config: {
      webhookSchemes: ['http'],
      webhookHosts: ['127.0.0.1'],
      webhookRetrySchedule: [],
      webhookTimeoutSeconds: 120,
    },
  });
  const healthy = new WebhookReceiver();
  let hanging: RunningServer;
  const hangingRequests: string[] = [];
  before(async () => {
    await healthy.start();
    // Takes requests and never answers them.
    hanging = await listen((req) => {
      hangingRequests.push(req.url ?? '');
    });
  });
  after(async () => {
    (hanging.server as Server).closeAllConnections();
    await hanging.close();
    await healthy.stop();
  });

  it('while a delivery to a hanging target is in progress, the delivery to a healthy one completes', async () => {
    const hook = (url: string) =>
      request(broker.server)
        .post('/webhooks')
        .send({ events: [{ name: 'contract_published' }], request: { method: 'POST', url } })
        .expect(201);
    // The hanging target's webhook first: its job is queued (and taken) first.
    await hook(`${hanging.url.replace('localhost', '127.0.0.1')}/hang`);
    await hook(`${healthy.url}/hook`);
    await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
    await eventually('the hanging target to be called', async () => (hangingRequests.length > 0 ? true : undefined));
    const delivered = await eventually(
      'the healthy delivery',
      async () => (await broker.prisma.triggeredWebhook.findFirst({ where: { status: 'success' } })) ?? undefined,
    );
    expect(healthy.received).to.have.length(1);
    const stillHanging = await broker.prisma.triggeredWebhook.findFirstOrThrow({
      where: { NOT: { id: delivered.id } },
    });
    expect(stillHanging).to.include({ status: 'not_run', attempts: 0 });
  });

  it('holds at most the per-target limit of deliveries to one target at once', async () => {
    const running = await listen(createBlockingTarget());
    try {
      for (let i = 0; i < 4; i += 1)
        await request(broker.server)
          .post('/webhooks')
          .send({
            events: [{ name: 'contract_published' }],
            request: { method: 'POST', url: `${running.url.replace('localhost', '127.0.0.1')}/slow` },
          })
          .expect(201);
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      await eventually('two deliveries in progress', async () => (openRequests >= 2 ? true : undefined));
      // The other two were taken and put back in the queue (their jobs completed, copies queued): not sent.
      await eventually('the other two put back', async () => {
        const [row] = await broker.prisma.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'completed'`,
          WEBHOOK_QUEUE,
        );
        return row!.n >= 2 ? true : undefined;
      });
      expect(openRequests).to.equal(2); // the default BROKER_WEBHOOK_TARGET_CONCURRENCY
    } finally {
      (running.server as Server).closeAllConnections();
      await running.close();
    }
  });
});

let openRequests = 0;
/** A target that counts requests in progress and never answers. */
function createBlockingTarget() {
  openRequests = 0;
  return (req: import('node:http').IncomingMessage) => {
    openRequests += 1;
    req.on('close', () => {
      openRequests -= 1;
    });
  };
}

describe('broker: URLs sent to webhooks never come from an untrusted Host header (issue 12.4)', function () {
  this.timeout(60_000);

  describe('with no base URL configured', () => {
    const broker = useBroker({
      webhookWorker: true,
      config: { webhookSchemes: ['http'], webhookHosts: ['127.0.0.1'], webhookRetrySchedule: [] },
    });
    const receiver = new WebhookReceiver();
    before(() => receiver.start());
    after(() => receiver.stop());

    it("a publisher's Host header does not change the pact URL delivered: the listening address is used", async () => {
      await request(broker.server)
        .post('/webhooks')
        .send({
          events: [{ name: 'contract_published' }],
          request: { method: 'POST', url: `${receiver.url}/hook`, body: { pact: '${pactbroker.pactUrl}' } },
        })
        .expect(201);
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar', headers: { Host: 'attacker.example' } });
      await settled(broker, 1);
      const pactUrl = new URL(JSON.parse(receiver.received[0]!.body).pact);
      expect(pactUrl.host).to.equal(new URL(broker.url).host.replace('localhost', '127.0.0.1'));
      expect(pactUrl.host).not.to.include('attacker');
      // The API's own links still follow the request (clients behind a proxy), as the Pact Broker's do.
      const index = await request(broker.server).get('/').set('Host', 'broker.example');
      expect(index.body._links['pb:webhooks'].href).to.equal('http://broker.example/webhooks');
    });

    it('a test execution does not use the Host header either', async () => {
      await publish(broker, { consumer: 'Foo', version: '1', provider: 'Bar' });
      receiver.reset();
      await request(broker.server)
        .post('/webhooks/execute')
        .set('Host', 'attacker.example')
        .send({
          events: [{ name: 'contract_published' }],
          request: { method: 'POST', url: `${receiver.url}/hook`, body: { pact: '${pactbroker.pactUrl}' } },
        })
        .expect(200);
      expect(JSON.parse(receiver.received[0]!.body).pact).not.to.include('attacker');
    });
  });

  describe('with a base URL, or trusted hosts, configured', () => {
    const broker = useBroker({
      webhookWorker: true,
      config: {
        webhookSchemes: ['http'],
        webhookHosts: ['127.0.0.1'],
        webhookRetrySchedule: [],
        trustedHosts: ['broker.internal:8080'],
      },
    });
    const receiver = new WebhookReceiver();
    before(() => receiver.start());
    after(() => receiver.stop());

    it('uses a trusted Host header, and the listening address for any other', async () => {
      await request(broker.server)
        .post('/webhooks')
        .send({
          events: [{ name: 'contract_published' }],
          request: { method: 'POST', url: `${receiver.url}/hook`, body: { pact: '${pactbroker.pactUrl}' } },
        })
        .expect(201);
      await publish(broker, {
        consumer: 'Foo',
        version: '1',
        provider: 'Bar',
        headers: { Host: 'broker.internal:8080' },
      });
      await publish(broker, { consumer: 'Foo', version: '2', provider: 'Bar', headers: { Host: 'attacker.example' } });
      await settled(broker, 2);
      const hosts = receiver.received.map((each) => new URL(JSON.parse(each.body).pact).host);
      expect(hosts).to.have.members([
        'broker.internal:8080',
        new URL(broker.url).host.replace('localhost', '127.0.0.1'),
      ]);
    });
  });
});
