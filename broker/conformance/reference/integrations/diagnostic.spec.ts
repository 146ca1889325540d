// Ported from the Pact Broker's dependency check specs: spec/lib/pact_broker/diagnostic/resources/dependencies_spec.rb.
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { freePort } from '../../../../common/net/free-port.ts';
import { createBrokerApp } from '../../../app.ts';
import { brokerConfig } from '../../../config.ts';
import { createBrokerPrismaClient, type PrismaClient } from '../../../prisma-client.ts';
import { useBroker } from '../../../testing/broker-test-context.ts';

const PATH = '/diagnostic/status/dependencies';

describe('reference: /diagnostic/status/dependencies (diagnostic/resources/dependencies_spec.rb)', () => {
  const broker = useBroker();

  // ref: spec/lib/pact_broker/diagnostic/resources/dependencies_spec.rb: "returns application/hal+json"
  it('answers in HAL JSON', async () => {
    const res = await request(broker.server).get(PATH);
    expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
  });

  // ref: spec/lib/pact_broker/diagnostic/resources/dependencies_spec.rb: "returns a link to itself"
  it('links to itself', async () => {
    expect((await request(broker.server).get(PATH)).body._links.self.href).to.equal(`${broker.url}${PATH}`);
  });

  // ref: spec/lib/pact_broker/diagnostic/resources/dependencies_spec.rb: "returns a 200 response"
  it('when the database answers, answers 200', async () => {
    await request(broker.server).get(PATH).expect(200);
  });

  // ref: spec/lib/pact_broker/diagnostic/resources/dependencies_spec.rb: "indicates that the database connectivity is OK"
  it('when the database answers, reports it ok', async () => {
    expect((await request(broker.server).get(PATH)).body.database).to.deep.equal({ ok: true });
  });

  describe('when the database does not answer', () => {
    let prisma: PrismaClient;
    let app: ReturnType<typeof createBrokerApp>;

    before(async () => {
      // A real client to a port nothing listens on: the connection is refused.
      prisma = createBrokerPrismaClient(`postgres://broker:broker@127.0.0.1:${await freePort()}/broker`);
      app = createBrokerApp({ prisma, logger: pino({ level: 'silent' }), config: brokerConfig({}) });
    });

    after(() => prisma.$disconnect());

    // ref: spec/lib/pact_broker/diagnostic/resources/dependencies_spec.rb: "returns a 500 response"
    it('answers 503 (the reference answers 500: see docs/broker-conformance/routes.md)', async () => {
      await request(app).get(PATH).expect(503);
    });

    // ref: spec/lib/pact_broker/diagnostic/resources/dependencies_spec.rb: "indicates that the database connectivity is not OK"
    it('reports the database not ok', async () => {
      expect((await request(app).get(PATH)).body.database.ok).to.equal(false);
    });

    // ref: spec/lib/pact_broker/diagnostic/resources/dependencies_spec.rb: "includes an error message"
    it('says what kind of failure it was, in one line without a stack', async () => {
      const { message } = (await request(app).get(PATH)).body.database.error;
      expect(message).to.match(/^unavailable database error \(/);
      expect(message).not.to.include('\n');
    });

    it('the heartbeat still answers 200 (the process is up)', async () => {
      await request(app).get('/diagnostic/status/heartbeat').expect(200);
    });
  });
});
