// Ported from the Pact Broker's environment examples: spec/features/create_environment_spec.rb,
// delete_environment_spec.rb, get_environment_spec.rb, get_environments_spec.rb, update_environment_spec.rb
// and spec/lib/pact_broker/deployments/environment_service_spec.rb, over HTTP.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

describe('reference conformance: environments', () => {
  const broker = useBroker();
  const json = { 'Content-Type': 'application/json', Accept: 'application/hal+json' };

  describe('POST /environments (create_environment_spec.rb)', () => {
    const environment = {
      name: 'test',
      displayName: 'Test',
      production: false,
      contacts: [{ name: 'Team Awesome', details: { email: 'foo@bar.com', arbitraryThing: 'thing' } }],
    };
    const create = () => request(broker.server).post('/environments').set(json).send(environment);

    // ref: spec/features/create_environment_spec.rb: "returns a 201 response"
    it('answers 201', async () => {
      await create().expect(201);
    });

    // ref: spec/features/create_environment_spec.rb: "returns the Location header"
    it("puts the new environment's URL in the Location header", async () => {
      const res = await create().expect(201);
      expect(res.headers.location).to.equal(`${broker.url}/environments/${res.body.uuid}`);
    });

    // ref: spec/features/create_environment_spec.rb: "returns a JSON Content Type"
    it('answers HAL JSON', async () => {
      const res = await create().expect(201);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/create_environment_spec.rb: "returns the newly created environment"
    it('returns the environment as given, with a uuid and the contacts kept as they were', async () => {
      const res = await create().expect(201);
      expect(res.body).to.deep.include(environment);
      expect(res.body.uuid).to.be.a('string');
      expect(res.body.contacts).to.deep.equal(environment.contacts);
    });

    // ref: spec/features/create_environment_spec.rb: "returns a 400 response"
    it('a name already taken: 400 with errors', async () => {
      await broker.data().environment('test');
      const res = await create().expect(400);
      expect(res.body.errors).to.not.equal(undefined);
    });
  });

  describe('one environment', () => {
    const uuid = randomUUID();
    beforeEach(async () => {
      await broker.data().environment('test', { uuid, displayName: 'Test', contacts: [{ name: 'Foo' }] });
    });

    // ref: spec/features/delete_environment_spec.rb: "returns a 204 response"
    it('DELETE answers 204', async () => {
      await request(broker.server).delete(`/environments/${uuid}`).expect(204);
    });

    // ref: spec/features/get_environment_spec.rb: "is expected to be a hal json success response"
    it('GET answers 200 with HAL JSON', async () => {
      const res = await request(broker.server).get(`/environments/${uuid}`).set(json).expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/get_environment_spec.rb: "returns the environment"
    it('GET returns the environment with its contacts', async () => {
      const res = await request(broker.server).get(`/environments/${uuid}`).set(json).expect(200);
      expect(res.body).to.deep.include({ uuid, name: 'test', contacts: [{ name: 'Foo' }] });
    });

    describe('PUT (update_environment_spec.rb)', () => {
      const put = (body: object, id = uuid) => request(broker.server).put(`/environments/${id}`).set(json).send(body);

      // ref: spec/features/update_environment_spec.rb: "is expected to be a hal json success response"
      it('answers 200 with HAL JSON', async () => {
        const res = await put({ name: 'test', production: false, displayName: 'Testing' }).expect(200);
        expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
      });

      // ref: spec/features/update_environment_spec.rb: "returns the updated environment"
      it('replaces the environment: contacts not given are gone', async () => {
        const res = await put({ name: 'test', production: false, displayName: 'Testing' }).expect(200);
        expect(res.body.displayName).to.equal('Testing');
        expect(res.body.contacts).to.equal(undefined);
      });

      // ref: spec/features/update_environment_spec.rb: "returns the updated contacts"
      it('stores the contacts given', async () => {
        const contacts = [{ name: 'Team Awesome', details: { emailAddress: 'team@example.com' } }];
        const res = await put({ name: 'test', production: false, displayName: 'Testing', contacts }).expect(200);
        expect(res.body.contacts).to.deep.equal(contacts);
      });

      // ref: spec/features/update_environment_spec.rb: "returns a 404"
      it('an environment that does not exist: 404', async () => {
        await put({ name: 'other', production: false }, randomUUID()).expect(404);
      });

      // ref: spec/features/update_environment_spec.rb: "returns a 400 response"
      it('an invalid body: 400 with errors', async () => {
        const res = await put({}).expect(400);
        expect(res.body.errors).to.not.equal(undefined);
      });

      // ref: spec/lib/pact_broker/deployments/environment_service_spec.rb: "replaces the attributes"
      it('replaces name, display name and production', async () => {
        await put({ name: 'bar', displayName: 'bar-2', production: true }).expect(200);
        const stored = (await request(broker.server).get(`/environments/${uuid}`).expect(200)).body;
        expect(stored).to.include({ name: 'bar', displayName: 'bar-2', production: true });
      });

      // ref: spec/lib/pact_broker/deployments/environment_service_spec.rb: "raises an error"
      it('without the required attributes: refused, nothing changed', async () => {
        await put({}).expect(400);
        expect((await request(broker.server).get(`/environments/${uuid}`).expect(200)).body.name).to.equal('test');
      });
    });
  });

  describe('GET /environments (get_environments_spec.rb)', () => {
    beforeEach(async () => {
      await broker
        .data()
        .environment('test', { displayName: 'Test', contacts: [{ name: 'Foo' }] })
        .environment('prod', { displayName: 'Production', contacts: [{ name: 'Foo' }] });
    });

    // ref: spec/features/get_environments_spec.rb: "is expected to be a hal json success response"
    it('answers 200 with HAL JSON', async () => {
      const res = await request(broker.server).get('/environments').set(json).expect(200);
      expect(res.headers['content-type']).to.equal('application/hal+json;charset=utf-8');
    });

    // ref: spec/features/get_environments_spec.rb: "returns the environments"
    it('lists every environment', async () => {
      const res = await request(broker.server).get('/environments').expect(200);
      expect(res.body._embedded.environments).to.have.length(2);
    });

    // ref: spec/features/get_environments_spec.rb: "returns the contacts for each environment"
    it('with their contacts', async () => {
      const res = await request(broker.server).get('/environments').expect(200);
      expect(res.body._embedded.environments[0].contacts).to.deep.equal([{ name: 'Foo' }]);
    });

    // ref: spec/features/get_environments_spec.rb: "returns the environment with the matching name"
    it('?name= finds the one with that name', async () => {
      const res = await request(broker.server).get('/environments?name=test').expect(200);
      expect(res.body._embedded.environments.map((e: { name: string }) => e.name)).to.deep.equal(['test']);
    });

    // ref: spec/features/get_environments_spec.rb: "returns an empty list"
    it('?name= with no such environment: an empty list', async () => {
      const res = await request(broker.server).get('/environments?name=foo').expect(200);
      expect(res.body._embedded.environments).to.deep.equal([]);
    });
  });

  describe('creating (environment_service_spec.rb)', () => {
    // ref: spec/lib/pact_broker/deployments/environment_service_spec.rb: "creates the environment"
    it('stores the name, display name and production flag', async () => {
      const res = await request(broker.server)
        .post('/environments')
        .set(json)
        .send({ name: 'foo', displayName: 'Foo', production: false })
        .expect(201);
      expect(res.body).to.include({ name: 'foo', displayName: 'Foo', production: false });
    });

    // ref: spec/lib/pact_broker/deployments/environment_service_spec.rb: "generates a display name"
    it('without a display name, makes one from the name', async () => {
      const res = await request(broker.server)
        .post('/environments')
        .set(json)
        .send({ name: 'foo', displayName: ' ', production: false })
        .expect(201);
      expect(res.body.displayName).to.equal('Foo');
    });
  });
});
