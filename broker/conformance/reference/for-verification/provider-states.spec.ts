// Ported from the Pact Broker's provider-state listing specs: spec/features/list_provider_states_spec.rb
// and spec/lib/pact_broker/api/resources/provider_states_spec.rb (its examples with stubbed services are
// ported as the same situations built through the broker's own services).
import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../../../testing/broker-test-context.ts';

const HAL = 'application/hal+json;charset=utf-8';

const pact = (consumer: string, provider: string, interactions: unknown[], specification = '3.0.0') => ({
  consumer: { name: consumer },
  provider: { name: provider },
  interactions: interactions.map((interaction, index) => ({
    description: `request ${index} of ${consumer}`,
    request: { method: 'GET', path: `/${index}` },
    response: { status: 200 },
    ...(interaction as object),
  })),
  metadata: { pactSpecification: { version: specification } },
});

describe('reference: listing provider states (features/list_provider_states_spec.rb)', () => {
  const broker = useBroker();

  // ref: spec/features/list_provider_states_spec.rb: "it { is_expected.to be_a_hal_json_success_response"
  it("lists the states of each consumer's newest main-branch pact, merged and sorted by name", async () => {
    await broker
      .data()
      .consumer('Foo', { mainBranch: 'main' })
      .version('1', { branch: 'main' })
      .pact('Bar', pact('Foo', 'Bar', [{ providerState: 'state 2' }, { providerState: 'state 1' }], '2.0.0'))
      .version('2', { branch: 'not-main' })
      .pact('Bar')
      .consumer('Waffle', { mainBranch: 'main' })
      .version('1', { branch: 'main' })
      .pact(
        'Bar',
        pact('Waffle', 'Bar', [
          { providerStates: [{ name: 'state 3' }, { name: 'state 4' }] },
          { providerStates: [{ name: 'state 5' }] },
        ]),
      );
    const res = await request(broker.server).get('/pacts/provider/Bar/provider-states').expect(200);
    expect(res.headers['content-type']).to.equal(HAL);
    expect(res.body).to.deep.equal({
      providerStates: [
        { consumers: ['Foo'], name: 'state 1' },
        { consumers: ['Foo'], name: 'state 2' },
        { consumers: ['Waffle'], name: 'state 3' },
        { consumers: ['Waffle'], name: 'state 4' },
        { consumers: ['Waffle'], name: 'state 5' },
      ],
    });
  });

  // ref: spec/features/list_provider_states_spec.rb: "it { is_expected.to be_a_hal_json_success_response"
  it('keeps the params of parameterised states, and merges the consumers of the same state', async () => {
    const details = [{ providerStates: [{ name: 'product details', params: { product_id: '058925f7' } }] }];
    const data = broker.data();
    for (const consumer of ['Foo', 'Foo2', 'Foo3']) {
      data
        .consumer(consumer, { mainBranch: 'main' })
        .version('1', { branch: 'main' })
        .pact('Bar', pact(consumer, 'Bar', details));
    }
    for (const consumer of ['Waffle', 'Waffle2']) {
      data
        .consumer(consumer, { mainBranch: 'main' })
        .version('1', { branch: 'main' })
        .pact('Bar', pact(consumer, 'Bar', [{ providerStates: [{ name: 'product list' }] }]));
    }
    await data
      .consumer('Foo6', { mainBranch: 'main' })
      .version('1', { branch: 'main' })
      .pact('Bar', pact('Foo6', 'Bar', [{ providerStates: [{ name: 'some other product list' }] }]));
    const res = await request(broker.server).get('/pacts/provider/Bar/provider-states').expect(200);
    expect(res.body).to.deep.equal({
      providerStates: [
        { consumers: ['Foo', 'Foo2', 'Foo3'], name: 'product details', params: { product_id: '058925f7' } },
        { consumers: ['Waffle', 'Waffle2'], name: 'product list' },
        { consumers: ['Foo6'], name: 'some other product list' },
      ],
    });
  });
});

describe('reference: the provider states resource (api/resources/provider_states_spec.rb)', () => {
  const broker = useBroker();
  const base = '/pacts/provider/Example%20API/provider-states';

  const alligators = async (environment?: string) => {
    const data = broker.data();
    if (environment) data.environment(environment);
    for (const [consumer, states] of [
      ['bar', ['there is an alligator named Mary', 'there is not an alligator named Mary']],
      ['foo', ['there is an alligator named Mary', 'an error occurs retrieving an alligator']],
    ] as const) {
      data
        .consumer(consumer, { mainBranch: 'main' })
        .version('1', { branch: 'main' })
        .pact(
          'Example API',
          pact(
            consumer,
            'Example API',
            states.map((name) => ({ providerStates: [{ name }] })),
          ),
        );
      if (environment) data.deployedTo(environment);
    }
    await data;
  };

  const expected = {
    providerStates: [
      { name: 'an error occurs retrieving an alligator', consumers: ['foo'] },
      { name: 'there is an alligator named Mary', consumers: ['bar', 'foo'] },
      { name: 'there is not an alligator named Mary', consumers: ['bar'] },
    ],
  };

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "returns a 200 response status"
  it('answers 200', async () => {
    await alligators();
    await request(broker.server).get(base).expect(200);
  });

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "returns the correct JSON body"
  it('answers each state once, with every consumer that needs it', async () => {
    await alligators();
    expect((await request(broker.server).get(base)).body).to.deep.equal(expected);
  });

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "returns the correct content type"
  it('answers in HAL JSON', async () => {
    await alligators();
    expect((await request(broker.server).get(base)).headers['content-type']).to.equal(HAL);
  });

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "returns the correct JSON body"
  it('when no pact names a state, answers an empty list', async () => {
    await broker
      .data()
      .consumer('foo', { mainBranch: 'main' })
      .version('1', { branch: 'main' })
      .pact('Example API', pact('foo', 'Example API', [{}]));
    expect((await request(broker.server).get(base).expect(200)).body).to.deep.equal({ providerStates: [] });
  });

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "returns a 404 response status"
  it('when the provider does not exist, answers 404', async () => {
    await request(broker.server).get(base).expect(404);
  });

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "returns the correct JSON error body"
  it('when the provider does not exist, says so in the error format', async () => {
    const res = await request(broker.server).get(base).expect(404);
    expect(res.body.error).to.equal("No provider with name 'Example API' found");
  });

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "calls list_provider_states with environment"
  it('for an environment, lists the states of the pacts of the versions deployed there (by name or UUID)', async () => {
    await alligators('test-env');
    await broker
      .data()
      .consumer('baz', { mainBranch: 'main' })
      .version('1', { branch: 'main' })
      .pact('Example API', pact('baz', 'Example API', [{ providerState: 'undeployed' }]));
    expect((await request(broker.server).get(`${base}/environment/test-env`).expect(200)).body).to.deep.equal(expected);
    const { uuid } = await broker.prisma.environment.findUniqueOrThrow({ where: { name: 'test-env' } });
    expect((await request(broker.server).get(`${base}/environment/${uuid}`).expect(200)).body).to.deep.equal(expected);
  });

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "returns the correct JSON body"
  it('for an environment where nothing is deployed, answers an empty list', async () => {
    await alligators();
    await broker.data().environment('test-env');
    expect((await request(broker.server).get(`${base}/environment/test-env`).expect(200)).body).to.deep.equal({
      providerStates: [],
    });
  });

  it('for an environment that does not exist, answers 404 naming it', async () => {
    await alligators();
    const res = await request(broker.server).get(`${base}/environment/nowhere`).expect(404);
    expect(res.body.error).to.match(/nowhere/);
  });

  // ref: spec/lib/pact_broker/api/resources/provider_states_spec.rb: "calls list_provider_states with branch"
  it("for a branch, lists the states of each consumer's newest pact on that branch", async () => {
    await alligators();
    await broker
      .data()
      .consumer('bar')
      .version('2', { branch: 'feat' })
      .pact('Example API', pact('bar', 'Example API', [{ providerState: 'a feature state' }]))
      .version('3', { branch: 'feat' })
      .pact('Example API', pact('bar', 'Example API', [{ providerState: 'the newest feature state' }]));
    expect((await request(broker.server).get(`${base}/branch/feat`).expect(200)).body).to.deep.equal({
      providerStates: [{ name: 'the newest feature state', consumers: ['bar'] }],
    });
  });
});
