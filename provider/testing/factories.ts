// Test data for the backend's tables. `build*` give request payloads; the factory methods write rows
// through Prisma and return them. Every default can be overridden.
import type { PrismaClient } from '../prisma-client.ts';
import type { JsonObject } from '../http/json-value.ts';

let sequence = 0;
/** Unique within a test run (worker id + counter), readable in failures. */
export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}_${process.env.MOCHA_WORKER_ID ?? 'm'}_${sequence}`;
}

export function buildParty(overrides: JsonObject = {}): JsonObject {
  return { player1: { name: 'Test Player', level: 1 }, ...overrides };
}

export function buildMap(overrides: JsonObject = {}): JsonObject {
  return { level: 1, area: 'test', ...overrides };
}

export function buildPlayerData(overrides: JsonObject = {}): JsonObject {
  return { name: 'Integration Test Player', class: 'warrior', ...overrides };
}

export class BackendFactories {
  constructor(private readonly prisma: PrismaClient) {}

  session() {
    return this.prisma.gameSession.create({ data: {} });
  }

  async run(options: { sessionId?: string; party?: JsonObject; map?: JsonObject; createdAt?: Date } = {}) {
    const sessionId = options.sessionId ?? (await this.session()).id;
    return this.prisma.run.create({
      data: {
        sessionId,
        party: options.party ?? buildParty(),
        map: options.map ?? buildMap(),
        createdAt: options.createdAt,
      },
    });
  }

  ownedPlayer(options: { playerId?: string; playerData?: JsonObject } = {}) {
    return this.prisma.ownedPlayer.create({
      data: { legacyId: options.playerId ?? uniqueId('player'), playerData: options.playerData ?? buildPlayerData() },
    });
  }

  upgrades(
    options: { playerId?: string; points?: number; hp?: number; atk?: number; def?: number; spd?: number } = {},
  ) {
    const { playerId = uniqueId('upgrader'), ...values } = options;
    return this.prisma.upgradePoints.create({ data: { playerId, ...values } });
  }

  async gachaRoll(options: { playerId?: string; type?: 'standard' | 'premium'; itemLegacyIds?: string[] } = {}) {
    const legacyIds = options.itemLegacyIds ?? ['char_chibi'];
    const items = await this.prisma.gachaItem.findMany({ where: { legacyId: { in: legacyIds } } });
    const byLegacyId = new Map(items.map((item) => [item.legacyId, item.id]));
    return this.prisma.gachaRoll.create({
      data: {
        playerId: options.playerId ?? uniqueId('roller'),
        rollType: options.type ?? 'standard',
        items: {
          create: legacyIds.map((legacyId, position) => {
            const itemId = byLegacyId.get(legacyId);
            if (itemId === undefined) throw new Error(`no catalog item ${legacyId}`);
            return { position, itemId };
          }),
        },
      },
    });
  }
}
