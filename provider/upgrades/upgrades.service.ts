import type { PrismaClient } from '../prisma-client.ts';
import { classifyDatabaseError } from '../../db/database-errors.ts';
import { ConflictError } from '../domain-errors.ts';
import { STATS, type Stat, type UpgradesView } from './upgrades.schemas.ts';

export interface UpgradeChange {
  pointsDelta: number;
  statDeltas: Partial<Record<Stat, number>>;
}

type UpgradeRow = { player_id: string; points: number } & Record<Stat, number>;

export class UpgradesService {
  constructor(private readonly prisma: PrismaClient) {}

  /** A player never upgraded has zeros; reading writes nothing. */
  async get(playerId: string): Promise<UpgradesView> {
    const row = await this.prisma.upgradePoints.findUnique({ where: { playerId } });
    return {
      player_id: playerId,
      points: row?.points ?? 0,
      hp: row?.hp ?? 0,
      atk: row?.atk ?? 0,
      def: row?.def ?? 0,
      spd: row?.spd ?? 0,
    };
  }

  /**
   * Adds the deltas atomically, without an explicit transaction:
   *  1. `UPDATE ... SET points = points + delta`: PostgreSQL's row lock applies concurrent changes one
   *     after another, so none is lost. One round trip for a player who has a row.
   *  2. No row yet: `INSERT` the deltas, `ON CONFLICT DO UPDATE` adding them if a concurrent request
   *     created the row first.
   *  3. PostgreSQL checks CHECK constraints on the proposed insert row (the deltas) before it sees a
   *     conflict, so a negative delta fails step 2 even when a concurrent request has just created the
   *     row: then step 1 runs once more, and only if there is still no row is it "not enough points".
   * CHECK constraints refuse negative totals; a refused statement writes nothing.
   */
  async apply(playerId: string, change: UpgradeChange): Promise<UpgradesView> {
    const d = {
      points: change.pointsDelta,
      ...Object.fromEntries(STATS.map((stat) => [stat, change.statDeltas[stat] ?? 0])),
    } as { points: number } & Record<Stat, number>;
    const update = async () => {
      const rows = await this.prisma.$queryRaw<UpgradeRow[]>`
        UPDATE upgrade_points SET
          points = points + ${d.points}, hp = hp + ${d.hp}, atk = atk + ${d.atk}, def = def + ${d.def}, spd = spd + ${d.spd},
          updated_at = now()
        WHERE player_id = ${playerId}
        RETURNING player_id, points, hp, atk, def, spd`;
      return rows[0];
    };
    const insert = async () => {
      const rows = await this.prisma.$queryRaw<UpgradeRow[]>`
        INSERT INTO upgrade_points AS u (player_id, points, hp, atk, def, spd)
        VALUES (${playerId}, ${d.points}, ${d.hp}, ${d.atk}, ${d.def}, ${d.spd})
        ON CONFLICT (player_id) DO UPDATE SET
          points = u.points + EXCLUDED.points, hp = u.hp + EXCLUDED.hp, atk = u.atk + EXCLUDED.atk,
          def = u.def + EXCLUDED.def, spd = u.spd + EXCLUDED.spd, updated_at = now()
        RETURNING player_id, points, hp, atk, def, spd`;
      return rows[0];
    };
    try {
      const updated = await update();
      if (updated) return updated;
      try {
        const inserted = await insert();
        if (!inserted) throw new Error('INSERT ... RETURNING returned no row');
        return inserted;
      } catch (error) {
        if (classifyDatabaseError(error) !== 'check_violation') throw error;
        const raced = await update(); // step 3
        if (raced) return raced;
        throw error;
      }
    } catch (error) {
      const failure = classifyDatabaseError(error);
      if (failure === 'check_violation') {
        throw new ConflictError('Not enough upgrade points: points and stats cannot go below zero');
      }
      if (failure === 'out_of_range') {
        throw new ConflictError('Upgrade totals would exceed the largest value a player can hold (2147483647)');
      }
      throw error;
    }
  }
}
