// The provider states the backend can be put in, one handler per state name, exactly as the pacts
// write them. The database is already reset when a handler runs (the Verifier's beforeEach, see
// pact.setup.ts), so a handler only seeds what its state says, through Prisma and the test factories,
// and returns the ids the database generated for the pact's `fromProviderState` expressions.
//
// Parameters come from a pact, which may be any pact (PACT_URL): they are validated, and a bad one
// fails the handler (the state guard then fails the verification, naming the state).
import { z } from 'zod';
import { seedGachaCatalog } from '../gacha/catalog.ts';
import { playerIdSchema } from '../http/ids.ts';
import { jsonObject } from '../http/json-value.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { buildMap, buildParty, buildPlayerData, type BackendFactories } from '../testing/factories.ts';

/** A state handler as pact-js calls it: the state's parameters in, values for `fromProviderState` out. */
export type StateHandler = (params?: unknown) => Promise<Record<string, string> | void>;

export interface SeedingContext {
  prisma: PrismaClient;
  factories: BackendFactories;
}

const total = z.number().int().min(0).max(2_147_483_647);
const paramsOf = {
  runExists: z.object({ party: jsonObject(), map: jsonObject() }),
  sessionMissing: z.object({ sessionId: z.string() }),
  player: z.object({ playerId: playerIdSchema }),
  playerWithUpgrades: z.object({
    playerId: playerIdSchema,
    points: total,
    hp: total,
    atk: total,
    def: total,
    spd: total,
  }),
  playersOwned: z.object({ playerIds: z.array(playerIdSchema).min(1).max(100) }),
  runsExist: z.object({ count: z.number().int().min(0).max(1000) }),
};

function parse<T>(schema: z.ZodType<T>, params: unknown): T {
  const parsed = schema.safeParse(params ?? {});
  if (!parsed.success) {
    throw new Error(
      `bad parameters: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'params'} ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export function createStateHandlers({ prisma, factories }: SeedingContext): Record<string, StateHandler> {
  return {
    // Up and connected: the reset before this interaction has just used the database.
    'the backend is healthy': async () => undefined,

    'the game database is empty': async () => undefined,

    'a game session exists': async () => {
      const session = await factories.session();
      return { sessionId: session.id };
    },

    'a run exists in a game session': async (params) => {
      const { party, map } = parse(paramsOf.runExists, params);
      const run = await factories.run({ party, map });
      return { sessionId: run.sessionId, runId: run.id };
    },

    // The reset removed every session, this one included.
    'no game session with id {sessionId} exists': async (params) => {
      parse(paramsOf.sessionMissing, params);
    },

    // The catalog is reference data that resets keep; seeding it again is one idempotent statement,
    // and makes the state true even on a database that never had it.
    'the gacha catalog is seeded': async () => {
      await seedGachaCatalog(prisma);
    },

    'player {playerId} has no upgrades': async (params) => {
      parse(paramsOf.player, params);
    },

    'player {playerId} has upgrade points and stats': async (params) => {
      await factories.upgrades(parse(paramsOf.playerWithUpgrades, params));
    },

    'player {playerId} is not owned': async (params) => {
      parse(paramsOf.player, params);
    },

    // One INSERT: ids (and so the API's "oldest first" order) follow the order given.
    'players {playerIds} are owned': async (params) => {
      const { playerIds } = parse(paramsOf.playersOwned, params);
      await prisma.ownedPlayer.createMany({
        data: playerIds.map((legacyId) => ({ legacyId, playerData: buildPlayerData() })),
      });
    },

    '{count} runs exist': async (params) => {
      const { count } = parse(paramsOf.runsExist, params);
      if (count === 0) return;
      const session = await factories.session();
      await prisma.run.createMany({
        data: Array.from({ length: count }, (_, index) => ({
          sessionId: session.id,
          party: buildParty(),
          map: buildMap({ level: index + 1 }),
        })),
      });
    },
  };
}
