// Ported from the Pact Broker's spec/features/publish_pact_spec.rb, merge_pact_spec.rb and
// publish_not_a_pact_spec.rb: the pact resource's PUT and PATCH.
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

const PATH = '/pacts/provider/A%20Provider/consumer/A%20Consumer/version/1.2.3';
const interaction = (description: string, method = 'GET') => ({
  description,
  providerState: 'a state',
  request: { method, path: '/thing' },
  response: { status: 200 },
});
const pact = (...interactions: object[]) => ({
  consumer: { name: 'A Consumer' },
  provider: { name: 'A Provider' },
  interactions,
  metadata: { pactSpecification: { version: '2.0.0' } },
});

describe('reference: publishing a pact (PUT and PATCH)', () => {
  const broker = useBroker();
  const http = () => request(broker.server);

  describe('PUT', () => {
    // ref: spec/features/publish_pact_spec.rb: "returns a 201 Created"
    it('a new pact is 201', async () => {
      await http()
        .put(PATH)
        .send(pact(interaction('a')))
        .expect(201);
    });

    // ref: spec/features/publish_pact_spec.rb: "returns a json body"
    it('answers in HAL', async () => {
      const res = await http()
        .put(PATH)
        .send(pact(interaction('a')));
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/publish_pact_spec.rb: "returns the pact in the body"
    it('answers with the pact', async () => {
      const res = await http()
        .put(PATH)
        .send(pact(interaction('a')));
      expect(res.body).to.deep.include({ consumer: { name: 'A Consumer' }, provider: { name: 'A Provider' } });
      expect(res.body.interactions[0]).to.deep.include(interaction('a'));
    });

    describe('over a pact with different content', () => {
      beforeEach(() =>
        http()
          .put(PATH)
          .send(pact(interaction('a')))
          .expect(201),
      );

      // ref: spec/features/publish_pact_spec.rb: "is expected to eq 409"
      it('is 409', async () => {
        await http()
          .put(PATH)
          .send(pact(interaction('b')))
          .expect(409);
      });

      // ref: spec/features/publish_pact_spec.rb: "is expected to include \"Cannot change the content of the pact for A Consumer version 1.2.3\""
      it('says the content of that consumer version cannot change', async () => {
        const res = await http()
          .put(PATH)
          .send(pact(interaction('b')));
        expect(res.text).to.include('Cannot change the content of the pact for A Consumer version 1.2.3');
      });

      // ref: spec/features/publish_pact_spec.rb: "is expected to eq 400"
      it('an empty body is 400', async () => {
        await http().put(PATH).set('content-type', 'application/json').send('').expect(400);
      });
    });

    describe('over a pact with different content, when modification is allowed', () => {
      const allowed = useBroker({ config: { allowDangerousContractModification: true } });

      // ref: spec/features/publish_pact_spec.rb: "returns a 200 Success"
      it('is 200 with the new pact', async () => {
        await request(allowed.server)
          .put(PATH)
          .send(pact(interaction('a')))
          .expect(201);
        const res = await request(allowed.server)
          .put(PATH)
          .send(pact(interaction('b')))
          .expect(200);
        expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
        expect(res.body.interactions[0].description).to.equal('b');
      });
    });

    // ref: spec/features/publish_pact_spec.rb: "returns a json error response"
    it('a pact naming another provider than the path is a JSON error saying they do not match', async () => {
      const res = await http()
        .put('/pacts/provider/Another%20Provider/consumer/A%20Consumer/version/1.2.3')
        .send(pact(interaction('a')))
        .expect(400);
      expect(JSON.stringify(res.body.errors)).to.match(/does not match/);
    });
  });

  describe('a contract that is not a pact', () => {
    // ref: spec/features/publish_not_a_pact_spec.rb: "accepts the un-pact Pact"
    it('an object without the names is accepted (201)', async () => {
      await http().put(PATH).send({ a: 'not pact' }).expect(201);
    });

    // ref: spec/features/publish_not_a_pact_spec.rb: "returns the content"
    it('answers with its content', async () => {
      expect((await http().put(PATH).send({ a: 'not pact' })).body).to.include({ a: 'not pact' });
    });

    // ref: spec/features/publish_not_a_pact_spec.rb: "returns _links"
    it('answers with links', async () => {
      expect((await http().put(PATH).send({ a: 'not pact' })).body).to.have.property('_links');
    });

    // ref: spec/features/publish_not_a_pact_spec.rb: "accepts the un-pact Pact"
    it('a list is accepted (201), and stored as it is', async () => {
      await http().put(PATH).set('content-type', 'application/json').send('[1]').expect(201);
      expect((await broker.prisma.pactVersion.findFirstOrThrow()).content).to.equal('[1]');
    });
  });

  describe('PATCH (merge)', () => {
    // ref: spec/features/merge_pact_spec.rb: "returns a 201 Created"
    it('with no pact yet, creates it (201)', async () => {
      await http()
        .patch(PATH)
        .send(pact(interaction('a')))
        .expect(201);
    });

    // ref: spec/features/merge_pact_spec.rb: "returns a json body"
    it('answers in HAL', async () => {
      const res = await http()
        .patch(PATH)
        .send(pact(interaction('a')));
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/merge_pact_spec.rb: "returns the pact in the body"
    it('answers with the pact', async () => {
      const res = await http()
        .patch(PATH)
        .send(pact(interaction('a')));
      expect(res.body.interactions[0]).to.deep.include(interaction('a'));
    });

    describe('over an existing pact', () => {
      beforeEach(() =>
        http()
          .put(PATH)
          .send(pact(interaction('a'), interaction('b')))
          .expect(201),
      );

      // ref: spec/features/merge_pact_spec.rb: "returns a 200 Success"
      it('is 200', async () => {
        await http()
          .patch(PATH)
          .send(pact(interaction('c')))
          .expect(200);
      });

      // ref: spec/features/merge_pact_spec.rb: "returns an application/json Content-Type"
      it('answers in HAL', async () => {
        const res = await http()
          .patch(PATH)
          .send(pact(interaction('c')));
        expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
      });

      // ref: spec/features/merge_pact_spec.rb: "returns the merged pact in the response body"
      it('answers with the merged pact: existing interactions kept, new ones added', async () => {
        const res = await http()
          .patch(PATH)
          .send(pact(interaction('c')));
        expect(res.body.interactions.map((i: { description: string }) => i.description)).to.deep.equal(['a', 'b', 'c']);
      });

      // ref: spec/features/merge_pact_spec.rb: "returns a 409 Conflict"
      it('an interaction with the same description and state but another request is 409', async () => {
        await http()
          .patch(PATH)
          .send(pact(interaction('a', 'POST')))
          .expect(409);
      });
    });

    // ref: spec/features/merge_pact_spec.rb: "returns a json error response"
    it('a pact naming another provider than the path is a JSON error saying they do not match', async () => {
      const res = await http()
        .patch('/pacts/provider/Another%20Provider/consumer/A%20Consumer/version/1.2.3')
        .send(pact(interaction('a')))
        .expect(400);
      expect(JSON.stringify(res.body.errors)).to.match(/does not match/);
    });
  });
});
