// Ported from the Pact Broker's pact webhook status specs: spec/lib/pact_broker/api/decorators/
// pact_webhooks_status_decorator_spec.rb (the situations built in the database, read over HTTP).
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

const PATH = '/pacts/provider/Bar/consumer/Foo/webhooks/status';

describe('reference: the webhook status of a pact (pact_webhooks_status_decorator_spec.rb)', () => {
  const broker = useBroker();

  /** A pact Foo -> Bar, a webhook for the pair, and triggered webhooks of it with these statuses (oldest first). */
  async function build(...statuses: string[]) {
    await broker
      .data()
      .consumer('Foo')
      .version('1')
      .pact('Bar')
      .webhook('status-webhook-0123', { consumer: 'Foo', provider: 'Bar' });
    const webhook = await broker.prisma.webhook.findFirstOrThrow({ include: { consumer: true, provider: true } });
    const uuids: string[] = [];
    for (const status of statuses) {
      const uuid = randomUUID();
      uuids.push(uuid);
      await broker.prisma.triggeredWebhook.create({
        data: {
          uuid,
          webhookId: webhook.id,
          webhookUuid: webhook.uuid,
          eventName: 'contract_content_changed',
          consumerId: webhook.consumerId!,
          providerId: webhook.providerId!,
          parameters: {},
          status,
          attempts: 1,
        },
      });
    }
    return { uuids, body: (await request(broker.server).get(PATH).expect(200)).body };
  }

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a list of triggered webhooks"
  it('embeds the triggered webhooks', async () => {
    expect((await build('success')).body._embedded.triggeredWebhooks)
      .to.be.an('array')
      .with.length(1);
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a link to the logs"
  it('links each to its logs', async () => {
    const { uuids, body } = await build('success');
    expect(body._embedded.triggeredWebhooks[0]._links.logs.href).to.equal(
      `${broker.url}/triggered-webhooks/${uuids[0]}/logs`,
    );
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a link to the webhook"
  it('links each to its webhook', async () => {
    const { body } = await build('success');
    expect(body._embedded.triggeredWebhooks[0]._links['pb:webhook'].href).to.equal(
      `${broker.url}/webhooks/status-webhook-0123`,
    );
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes the triggered webhooks properties"
  it("shows each one's status, trigger type and attempts", async () => {
    const { body } = await build('success');
    expect(body._embedded.triggeredWebhooks[0]).to.include({
      status: 'success',
      triggerType: 'resource_creation',
      attemptsMade: 1,
      attemptsRemaining: 0,
    });
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a link to the consumer"
  it('links to the consumer', async () => {
    expect((await build('success')).body._links['pb:consumer'].href).to.equal(`${broker.url}/pacticipants/Foo`);
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a link to the provider"
  it('links to the provider', async () => {
    expect((await build('success')).body._links['pb:provider'].href).to.equal(`${broker.url}/pacticipants/Bar`);
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a link to the pact"
  it('links to the pact', async () => {
    expect((await build('success')).body._links['pb:pact-version'].href).to.equal(
      `${broker.url}/pacts/provider/Bar/consumer/Foo/version/1`,
    );
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a summary of the triggered webhook statuses"
  it('sums up the statuses', async () => {
    expect((await build('success')).body.summary).to.deep.equal({ successful: 1, failed: 0 });
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a link to the error logs"
  it('when one failed, links its logs as error logs', async () => {
    const { uuids, body } = await build('failure');
    expect(body._links['pb:error-logs'][0].href).to.equal(`${broker.url}/triggered-webhooks/${uuids[0]}/logs`);
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "has a failed count of 1"
  it('when one failed, counts one failure', async () => {
    expect((await build('failure')).body.summary).to.deep.equal({ successful: 0, failed: 1 });
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "includes a link to the error logs"
  it('when one is retrying, links its logs as error logs', async () => {
    expect((await build('retrying')).body._links['pb:error-logs']).to.have.length(1);
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "has a retrying count of 1"
  it('when one is retrying, counts it', async () => {
    expect((await build('retrying')).body.summary).to.deep.equal({ successful: 0, failed: 0, retrying: 1 });
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "does not include a link to the error logs"
  it('when one has not run, has no error logs', async () => {
    expect((await build('not_run')).body._links['pb:error-logs']).to.deep.equal([]);
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "has a notRun count of 1"
  it('when one has not run, counts it', async () => {
    expect((await build('not_run')).body.summary).to.deep.equal({ successful: 0, failed: 0, notRun: 1 });
  });

  // ref: spec/lib/pact_broker/api/decorators/pact_webhooks_status_decorator_spec.rb: "doesn't blow up"
  it('when nothing was triggered, answers an empty status', async () => {
    const { body } = await build();
    expect(body.summary).to.deep.equal({ successful: 0, failed: 0 });
    expect(body._embedded.triggeredWebhooks).to.deep.equal([]);
  });

  it('shows only the newest triggered webhook of each webhook and event', async () => {
    const { uuids, body } = await build('failure', 'success');
    expect(body._embedded.triggeredWebhooks.map((each: { uuid: string }) => each.uuid)).to.deep.equal([uuids[1]]);
    expect(body.summary).to.deep.equal({ successful: 1, failed: 0 });
  });

  it('when the consumer does not exist, answers 404', async () => {
    await request(broker.server).get('/pacts/provider/Bar/consumer/Nobody/webhooks/status').expect(404);
  });
});
