import type { PrismaClient } from '../prisma-client.ts';
import type { JsonObject } from '../../common/json.ts';
import type { OwnedPlayerView } from './players.schemas.ts';

type OwnRow = { legacy_id: string; player_data: JsonObject; created_at: Date; updated_at: Date; created: boolean };

export class PlayersService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Owns a player, or replaces the data of one already owned. One statement, so concurrent calls cannot collide. */
  async own(playerId: string, playerData: JsonObject): Promise<{ player: OwnedPlayerView; created: boolean }> {
    const [row] = await this.prisma.$queryRaw<OwnRow[]>`
      INSERT INTO owned_players (legacy_id, player_data)
      VALUES (${playerId}, ${JSON.stringify(playerData)}::jsonb)
      ON CONFLICT (legacy_id) DO UPDATE SET player_data = EXCLUDED.player_data, updated_at = now()
      RETURNING legacy_id, player_data, created_at, updated_at, (xmax = 0) AS created`;
    if (!row) throw new Error('INSERT ... RETURNING returned no row');
    return {
      created: row.created,
      player: {
        player_id: row.legacy_id,
        player_data: row.player_data,
        owned_at: row.created_at.toISOString(),
        updated_at: row.updated_at.toISOString(),
      },
    };
  }

  async listOwnedPlayerIds(): Promise<string[]> {
    const players = await this.prisma.ownedPlayer.findMany({ select: { legacyId: true }, orderBy: { id: 'asc' } });
    return players.map((player) => player.legacyId);
  }
}
