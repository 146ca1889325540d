// Proof with the official Rust Pact Broker CLI: `pact-broker provider-states list`, which reads
// /pacts/provider/{provider}/provider-states (and its /branch/ and /environment/ forms).
import { expect } from 'chai';
import { useBroker } from '../testing/broker-test-context.ts';
import { pactBrokerCli } from '../testing/pact-broker-cli.ts';

const pactWithStates = (consumer: string, states: string[]) => ({
  consumer: { name: consumer },
  provider: { name: 'Bar' },
  interactions: states.map((name, index) => ({
    description: `request ${index}`,
    providerStates: [{ name, params: { id: index } }],
    request: { method: 'GET', path: `/${index}` },
    response: { status: 200 },
  })),
  metadata: { pactSpecification: { version: '3.0.0' } },
});

describe('broker: pact-broker provider-states list (official CLI)', function () {
  this.timeout(60_000);
  const broker = useBroker();
  const cli = (...args: string[]) =>
    pactBrokerCli(['provider-states', 'list', '--provider', 'Bar', ...args, '--retries', '0'], {
      brokerUrl: broker.url,
    });

  beforeEach(() =>
    broker
      .data()
      .environment('production')
      .consumer('Foo', { mainBranch: 'main' })
      .version('1', { branch: 'main' })
      .pact('Bar', pactWithStates('Foo', ['a user exists']))
      .deployedTo('production')
      .version('2', { branch: 'main' })
      .pact('Bar', pactWithStates('Foo', ['a user exists', 'an order exists']))
      .version('3', { branch: 'feat-x' })
      .pact('Bar', pactWithStates('Foo', ['a refund exists'])),
  );

  it("lists the states of the consumers' main-branch pacts", async () => {
    const run = await cli();
    expect(run.code, run.output).to.equal(0);
    expect(run.stdout).to.contain('a user exists').and.to.contain('an order exists');
    expect(run.stdout).not.to.contain('a refund exists');
  });

  it('--json prints the broker answer', async () => {
    const run = await cli('--json');
    expect(run.code, run.output).to.equal(0);
    const states = (JSON.parse(run.stdout) as { providerStates: { name: string; consumers: string[] }[] })
      .providerStates;
    expect(states.map((state) => state.name)).to.deep.equal(['a user exists', 'an order exists']);
    expect(states[0]!.consumers).to.deep.equal(['Foo']);
  });

  it('--branch lists the states of that branch', async () => {
    const run = await cli('--branch', 'feat-x', '--json');
    expect(run.code, run.output).to.equal(0);
    expect(run.stdout).to.contain('a refund exists').and.not.to.contain('an order exists');
  });

  it('--environment lists the states of what is deployed there', async () => {
    const run = await cli('--environment', 'production', '--json');
    expect(run.code, run.output).to.equal(0);
    expect(run.stdout).to.contain('a user exists').and.not.to.contain('an order exists');
  });

  it('for an unknown provider, fails with a non-zero exit', async () => {
    const run = await pactBrokerCli(['provider-states', 'list', '--provider', 'Nobody', '--retries', '0'], {
      brokerUrl: broker.url,
    });
    expect(run.code, run.output).to.not.equal(0);
  });
});
