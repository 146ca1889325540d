import type { PrismaClient } from '../prisma-client.ts';
import { pickItems, type Random, type RollType } from './roller.ts';

export interface GachaItemView {
  item_id: string;
  name: string;
  type: string;
  rarity: number;
}

export interface RollView {
  roll_id: string;
  player_id: string;
  type: RollType;
  items: GachaItemView[];
  created_at: string;
}

type ItemRow = { id: bigint; legacyId: string; name: string; itemType: string; rarity: number };

const toItemView = (item: ItemRow): GachaItemView => ({ item_id: item.legacyId, name: item.name, type: item.itemType, rarity: item.rarity });

export class GachaService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly random: Random,
  ) {}

  async roll(playerId: string, type: RollType, count: number): Promise<RollView> {
    const catalog = await this.prisma.gachaItem.findMany({ orderBy: { id: 'asc' } });
    const picked = pickItems(catalog, type, count, this.random);
    const roll = await this.prisma.gachaRoll.create({
      data: {
        playerId,
        rollType: type,
        items: { create: picked.map((item, position) => ({ position, itemId: item.id })) },
      },
    });
    return { roll_id: roll.id, player_id: playerId, type, items: picked.map(toItemView), created_at: roll.createdAt.toISOString() };
  }

  async listItems(limit: number): Promise<GachaItemView[]> {
    const items = await this.prisma.gachaItem.findMany({ orderBy: [{ rarity: 'desc' }, { legacyId: 'asc' }], take: limit });
    return items.map(toItemView);
  }
}
