// The provider states the router's pact uses: the one list that the consumer tests draw their
// `given(...)` names from and that the provider's verification must implement, one handler per name. A
// state handler resets the backend's data, then seeds what the state says. States create records with
// the ids, contents and times the pact gives them, so the pact can expect those exact values back (see
// docs/contract-integrity.md); `returns` lists values a handler hands to `fromProviderState`, for
// values only the backend can choose (none so far). The consumer pact spec checks that the pact file
// uses exactly these names.
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
  databaseUnavailable: {
    name: "the backend's database is unavailable",
    params: {},
    returns: {},
    setUp:
      'The backend is up, its database refuses connections (GET /health says "degraded"); the next interaction gets it back.',
  },
  emptyGameDatabase: {
    name: 'the game database is empty',
    params: {},
    returns: {},
    setUp: 'No game sessions, runs, owned players, rolls or upgrades (the gacha catalog stays).',
  },
  sessionWithRuns: {
    name: 'game session {sessionId} exists with runs {runs}',
    params: {
      sessionId: 'the id (UUID) of the session',
      createdAt: 'when the session was created (ISO 8601)',
      runs: 'its runs, each {runId, party, map, createdAt} (party and map JSON objects), none when empty',
    },
    returns: {},
    setUp: 'Reset, then create the session and its runs with exactly these ids, contents and creation times.',
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
    setUp: 'Reset; the gacha catalog holds its items (at least ten).',
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
    name: 'players {players} are owned',
    params: { players: 'each {playerId, playerData, ownedAt}, owned in this order' },
    returns: {},
    setUp: 'Reset, then own each player with exactly this data and time, in this order.',
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
