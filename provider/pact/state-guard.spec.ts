import { expect } from 'chai';
import { StateGuard } from './state-guard.ts';
import { stateReport } from './state-report.ts';

/** What pact-js does with the `stateHandlers` object: look the state up by name, call its setup. */
async function setUpLikePactJs(handlers: object, state: string, params?: unknown): Promise<unknown> {
  const handler = (handlers as Record<string, unknown>)[state];
  if (!handler) return undefined; // pact-js: a warning, and the interaction runs anyway
  if (typeof handler === 'function') return handler(params);
  return (handler as { setup: (params: unknown) => Promise<unknown> }).setup(params);
}

describe('the state guard', () => {
  const seeded: unknown[] = [];
  const guard = () =>
    new StateGuard({
      'a game session exists': async () => ({ sessionId: 's-1' }),
      'a run exists': async (params) => {
        seeded.push(params);
      },
      'a broken state': async () => {
        throw new Error('database said no');
      },
    });

  beforeEach(() => (seeded.length = 0));

  it('passes handled states through, with their parameters and returned values', async () => {
    const states = guard();
    expect(await setUpLikePactJs(states.stateHandlers, 'a game session exists')).to.deep.equal({ sessionId: 's-1' });
    await setUpLikePactJs(states.stateHandlers, 'a run exists', { party: {} });
    expect(seeded).to.deep.equal([{ party: {} }]);
    expect(states.ok).to.equal(true);
    expect(states.problem()).to.equal(undefined);
    expect([...states.used]).to.deep.equal([
      ['a game session exists', 1],
      ['a run exists', 1],
    ]);
  });

  it('records a state that has no handler, and its problem names it', async () => {
    const states = guard();
    await setUpLikePactJs(states.stateHandlers, 'a game sesion exists');
    await setUpLikePactJs(states.stateHandlers, 'a game sesion exists');
    expect(states.ok).to.equal(false);
    expect([...states.missing]).to.deep.equal(['a game sesion exists']);
    expect(states.problem()).to.equal(
      'Provider states with no handler (the interactions ran without their state):\n  - "a game sesion exists" (2 interactions)',
    );
  });

  it('records a handler that throws, and still throws (pact-js logs it)', async () => {
    const states = guard();
    let thrown: unknown;
    await setUpLikePactJs(states.stateHandlers, 'a broken state').catch((error: unknown) => (thrown = error));
    expect((thrown as Error).message).to.equal('database said no');
    expect(states.problem()).to.include('"a broken state": database said no');
  });

  it('an interaction without a state (the empty name) is not a missing state', async () => {
    const states = guard();
    await setUpLikePactJs(states.stateHandlers, '');
    expect(states.ok).to.equal(true);
    expect(states.used.size).to.equal(0);
  });

  it('code that probes the handlers object (JSON.stringify asks for toJSON) records nothing', () => {
    const states = guard();
    JSON.stringify({ stateHandlers: states.stateHandlers });
    void `${Object.keys(states.stateHandlers)}`;
    expect(states.ok).to.equal(true);
    expect(states.handled).to.deep.equal(['a game session exists', 'a run exists', 'a broken state']);
  });
});

describe('the provider state report', () => {
  it('sets the states the pacts use against those handled', () => {
    const report = stateReport(
      new Map([
        ['b state', 2],
        ['a state', 1],
        ['typo state', 1],
      ]),
      ['a state', 'b state', 'old state'],
    );
    expect(report.missing).to.deep.equal(['typo state']);
    expect(report.unused).to.deep.equal(['old state']);
    expect(report.text.split('\n')).to.deep.equal([
      'Provider states: 3 used by the pacts, 3 handled, 1 without a handler',
      '  ok       a state (1 interaction)',
      '  ok       b state (2 interactions)',
      '  MISSING  typo state (1 interaction)',
      '  unused   old state',
    ]);
  });
});
