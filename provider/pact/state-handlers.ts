// The provider states the backend can be put in, one handler per state name, exactly as the pacts
// write them. The database is already reset when a handler runs (the Verifier's beforeEach, see
// pact.setup.ts), so a handler only seeds what its state says, through Prisma. States give the ids,
// contents and creation times of what they create, and the handlers store exactly those: the pact can
// then expect exact values back (which run is which, in which order), not just values of a type.
//
// Parameters come from a pact, which may be any pact (PACT_URL): they are validated, and a bad one
// fails the handler (the state guard then fails the verification, naming the state).
import { z } from 'zod';
import { seedGachaCatalog } from '../gacha/catalog.ts';
import { isUuid, playerIdSchema } from '../ids.ts';
import { jsonObject } from '../http/json-value.ts';
import type { PrismaClient } from '../prisma-client.ts';
import type { BackendFactories } from '../testing/factories.ts';

/** A state handler as pact-js calls it: the state's parameters in, values for `fromProviderState` out. */
export type StateHandler = (params?: unknown) => Promise<Record<string, string> | void>;

export interface SeedingContext {
  prisma: PrismaClient;
  factories: BackendFactories;
  /** The backend's database as the app sees it: cut off until the next interaction (verify-backend.ts). */
  database: { cutOff(): Promise<void> };
}

const total = z.number().int().min(0).max(2_147_483_647);
const uuid = z.string().refine(isUuid, 'must be a UUID');
const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const paramsOf = {
  sessionWithRuns: z.object({
    sessionId: uuid,
    createdAt: instant,
    runs: z.array(z.object({ runId: uuid, party: jsonObject(), map: jsonObject(), createdAt: instant })).max(100),
  }),
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
  playersOwned: z.object({
    players: z
      .array(z.object({ playerId: playerIdSchema, playerData: jsonObject(), ownedAt: instant }))
      .min(1)
      .max(100),
  }),
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

export function createStateHandlers({ prisma, factories, database }: SeedingContext): Record<string, StateHandler> {
  return {
    // Up and connected: the reset before this interaction has just used the database.
    'the backend is healthy': async () => undefined,

    // GET /health and GET /api/ then find no database: the backend reports itself degraded.
    "the backend's database is unavailable": async () => {
      await database.cutOff();
    },

    'the game database is empty': async () => undefined,

    'game session {sessionId} exists with runs {runs}': async (params) => {
      const { sessionId, createdAt, runs } = parse(paramsOf.sessionWithRuns, params);
      await prisma.gameSession.create({ data: { id: sessionId, createdAt } });
      await prisma.run.createMany({
        data: runs.map((run) => ({
          id: run.runId,
          sessionId,
          party: run.party,
          map: run.map,
          createdAt: run.createdAt,
        })),
      });
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
    'players {players} are owned': async (params) => {
      const { players } = parse(paramsOf.playersOwned, params);
      await prisma.ownedPlayer.createMany({
        data: players.map((player) => ({
          legacyId: player.playerId,
          playerData: player.playerData,
          createdAt: player.ownedAt,
          updatedAt: player.ownedAt,
        })),
      });
    },
  };
}
