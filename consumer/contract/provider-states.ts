// The provider states the router's pact uses: the one list that the consumer tests draw their
// `given(...)` names from and that the provider's verification (issue 4) must implement, one handler
// per name. A state handler resets the backend's data, then seeds what the state says, and returns the
// values listed in `returns`: the pact fills them in through `fromProviderState` (ids the database
// generates). The consumer pact spec checks that the pact file uses exactly these names.
import type { JsonObject } from '../backend-client/types.ts';

export interface ProviderState {
  /** The exact name in the pact file (`{param}` placeholders are documentation only). */
  name: string;
  /** Parameters the pact passes, with what each means. */
  params: Readonly<Record<string, string>>;
  /** What the state handler must return, for `fromProviderState` expressions (`${key}`). */
  returns: Readonly<Record<string, string>>;
  /** What the handler must make true. */
  setUp: string;
}

export const providerStates = {
  backendHealthy: {
    name: 'the backend is healthy',
    params: {},
    returns: {},
    setUp: 'The backend is up and its database is connected (GET /health says "healthy").',
  },
  emptyGameDatabase: {
    name: 'the game database is empty',
    params: {},
    returns: {},
    setUp: 'No game sessions, runs, owned players, rolls or upgrades (the gacha catalog stays).',
  },
  sessionExists: {
    name: 'a game session exists',
    params: {},
    returns: { sessionId: 'the id (UUID) of a new game session that has no runs' },
    setUp: 'Reset, then create one game session.',
  },
  runExists: {
    name: 'a run exists in a game session',
    params: { party: "the run's party (a JSON object)", map: "the run's map (a JSON object)" },
    returns: { sessionId: 'the id of the session', runId: 'the id of the run, stored with exactly this party and map' },
    setUp: 'Reset, then create a session and a run in it with the given party and map.',
  },
  sessionMissing: {
    name: 'no game session with id {sessionId} exists',
    params: { sessionId: 'a UUID no session has' },
    returns: {},
    setUp: 'Reset (no sessions, hence no session with this id).',
  },
  gachaCatalogSeeded: {
    name: 'the gacha catalog is seeded',
    params: {},
    returns: {},
    setUp: 'Reset; the gacha catalog holds its items (at least five).',
  },
  playerWithoutUpgrades: {
    name: 'player {playerId} has no upgrades',
    params: { playerId: 'a player id' },
    returns: {},
    setUp: 'Reset: no upgrade_points row for this player.',
  },
  playerWithUpgrades: {
    name: 'player {playerId} has upgrade points and stats',
    params: {
      playerId: 'a player id',
      points: 'integer',
      hp: 'integer',
      atk: 'integer',
      def: 'integer',
      spd: 'integer',
    },
    returns: {},
    setUp: 'Reset, then store exactly these totals for the player.',
  },
  playerNotOwned: {
    name: 'player {playerId} is not owned',
    params: { playerId: 'a player id' },
    returns: {},
    setUp: 'Reset: no owned player with this id.',
  },
  playersOwned: {
    name: 'players {playerIds} are owned',
    params: { playerIds: 'an array of player ids' },
    returns: {},
    setUp: 'Reset, then own each of these players (any player_data), in this order.',
  },
  runsExist: {
    name: '{count} runs exist',
    params: { count: 'how many runs (integer)' },
    returns: {},
    setUp: 'Reset, then create this many runs (in any sessions, with any party and map).',
  },
} as const satisfies Record<string, ProviderState>;

export type ProviderStateKey = keyof typeof providerStates;

/** Every state name, for tools (the provider's "a handler for each state" check). */
export const PROVIDER_STATE_NAMES: readonly string[] = Object.values(providerStates).map((state) => state.name);

/** A `given(...)` pair for the pact builder, parameters checked against the state's declaration. */
export function state(key: ProviderStateKey, params: JsonObject = {}): [string, JsonObject] {
  const declared = Object.keys(providerStates[key].params).sort();
  const given = Object.keys(params).sort();
  if (declared.join() !== given.join()) {
    throw new Error(
      `provider state "${providerStates[key].name}" takes (${declared.join(', ')}), given (${given.join(', ')})`,
    );
  }
  return [providerStates[key].name, params];
}
