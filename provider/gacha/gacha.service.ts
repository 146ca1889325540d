import type { PrismaClient } from '../prisma-client.ts';
import type { ItemType } from './catalog.ts';
import type { GachaItemView, RollView } from './gacha.schemas.ts';
import { pickItems, type Random, type RollType } from './roller.ts';

type ItemRow = { id: bigint; legacyId: string; name: string; itemType: string; rarity: number };

const toItemView = (item: ItemRow): GachaItemView => ({
  item_id: item.legacyId,
  name: item.name,
  type: item.itemType as ItemType, // the table's CHECK constraint allows only these
  rarity: item.rarity,
});

type RollRow = { id: string; created_at: Date };

/** How long a read of the catalog is reused. The catalog is reference data, changed only by seeding. */
const CATALOG_TTL_MS = 60_000;

export class GachaService {
  private catalog: { items: ItemRow[]; readAt: number } | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly random: Random,
  ) {}

  private async catalogItems(): Promise<ItemRow[]> {
    if (this.catalog && Date.now() - this.catalog.readAt < CATALOG_TTL_MS) return this.catalog.items;
    const items = await this.prisma.gachaItem.findMany({ orderBy: { id: 'asc' } });
    // An empty catalog (not seeded yet) is not kept: the next roll looks again.
    this.catalog = items.length > 0 ? { items, readAt: Date.now() } : undefined;
    return items;
  }

  async roll(playerId: string, type: RollType, count: number): Promise<RollView> {
    const picked = pickItems(await this.catalogItems(), type, count, this.random);
    // The roll and its items in one statement: atomic without a transaction's extra round trips.
    const [roll] = await this.prisma.$queryRaw<RollRow[]>`
      WITH roll AS (
        INSERT INTO gacha_rolls (player_id, roll_type) VALUES (${playerId}, ${type}) RETURNING id, created_at
      ), items AS (
        INSERT INTO gacha_roll_items (roll_id, position, item_id)
        SELECT roll.id, (drawn.position - 1)::smallint, drawn.item_id
        FROM roll, unnest(${picked.map((item) => item.id)}::bigint[]) WITH ORDINALITY AS drawn(item_id, position)
      )
      SELECT id, created_at FROM roll`;
    if (!roll) throw new Error('INSERT ... RETURNING returned no row');
    return {
      roll_id: roll.id,
      player_id: playerId,
      type,
      items: picked.map(toItemView),
      created_at: roll.created_at.toISOString(),
    };
  }

  async listItems(limit: number): Promise<GachaItemView[]> {
    const items = await this.prisma.gachaItem.findMany({
      orderBy: [{ rarity: 'desc' }, { legacyId: 'asc' }],
      take: limit,
    });
    return items.map(toItemView);
  }
}
