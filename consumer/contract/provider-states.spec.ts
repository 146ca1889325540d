import { expect } from 'chai';
import { PROVIDER_STATE_NAMES, providerStates, state } from './provider-states.ts';

describe("provider states of the router's pact", () => {
  it('names are unique, and every parameter a name mentions is declared', () => {
    expect(new Set(PROVIDER_STATE_NAMES).size).to.equal(PROVIDER_STATE_NAMES.length);
    for (const { name, params } of Object.values(providerStates)) {
      const mentioned = [...name.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const param of mentioned) expect(Object.keys(params), name).to.include(param);
    }
  });

  it('state() gives the pact builder the name and the parameters', () => {
    expect(state('playerNotOwned', { playerId: 'p1' })).to.deep.equal([
      'player {playerId} is not owned',
      { playerId: 'p1' },
    ]);
    expect(state('emptyGameDatabase')).to.deep.equal(['the game database is empty', {}]);
  });

  it('state() refuses parameters the state does not declare, or missing ones', () => {
    expect(() => state('playerNotOwned', { player: 'p1' })).to.throw(
      'provider state "player {playerId} is not owned" takes (playerId), given (player)',
    );
    expect(() => state('sessionWithRuns', { sessionId: 's', runs: [] })).to.throw(
      /takes \(createdAt, runs, sessionId\), given \(runs, sessionId\)/,
    );
    expect(() => state('emptyGameDatabase', { sessionId: 'x' })).to.throw(/takes \(\), given \(sessionId\)/);
  });
});
