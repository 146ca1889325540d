// The gacha item catalog: reference data, written by seedGachaCatalog on every start (idempotent).
import type { PrismaClient } from '../prisma-client.ts';

/** The item types (a CHECK constraint on gacha_items.item_type holds the table to them). */
export const ITEM_TYPES = ['character', 'weapon', 'relic'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export interface CatalogItem {
  id: string;
  name: string;
  type: ItemType;
  rarity: 1 | 2 | 3 | 4 | 5;
}

export const GACHA_CATALOG: readonly CatalogItem[] = [
  { id: 'char_luna', name: 'Luna', type: 'character', rarity: 5 },
  { id: 'char_carly', name: 'Carly', type: 'character', rarity: 5 },
  { id: 'char_ally', name: 'Ally', type: 'character', rarity: 4 },
  { id: 'char_becca', name: 'Becca', type: 'character', rarity: 4 },
  { id: 'char_bubbles', name: 'Bubbles', type: 'character', rarity: 4 },
  { id: 'char_chibi', name: 'Chibi', type: 'character', rarity: 3 },
  { id: 'char_graygray', name: 'Graygray', type: 'character', rarity: 3 },
  { id: 'char_hilander', name: 'Hilander', type: 'character', rarity: 3 },
  { id: 'weapon_dawnblade', name: 'Dawnblade', type: 'weapon', rarity: 5 },
  { id: 'weapon_stormbow', name: 'Stormbow', type: 'weapon', rarity: 4 },
  { id: 'weapon_iron_sword', name: 'Iron Sword', type: 'weapon', rarity: 3 },
  { id: 'weapon_oak_staff', name: 'Oak Staff', type: 'weapon', rarity: 3 },
  { id: 'relic_phoenix_feather', name: 'Phoenix Feather', type: 'relic', rarity: 5 },
  { id: 'relic_lucky_coin', name: 'Lucky Coin', type: 'relic', rarity: 4 },
  { id: 'relic_old_map', name: 'Old Map', type: 'relic', rarity: 3 },
  { id: 'relic_pocket_watch', name: 'Pocket Watch', type: 'relic', rarity: 3 },
];

/** Inserts missing catalog items and brings changed ones up to date; running it twice changes nothing. */
export async function seedGachaCatalog(prisma: PrismaClient): Promise<void> {
  const ids = GACHA_CATALOG.map((item) => item.id);
  const names = GACHA_CATALOG.map((item) => item.name);
  const types = GACHA_CATALOG.map((item) => item.type);
  const rarities = GACHA_CATALOG.map((item) => item.rarity);
  await prisma.$executeRaw`
    INSERT INTO gacha_items (legacy_id, name, item_type, rarity)
    SELECT * FROM unnest(${ids}::varchar[], ${names}::varchar[], ${types}::varchar[], ${rarities}::smallint[])
    ON CONFLICT (legacy_id) DO UPDATE SET name = EXCLUDED.name, item_type = EXCLUDED.item_type, rarity = EXCLUDED.rarity
    WHERE (gacha_items.name, gacha_items.item_type, gacha_items.rarity)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.item_type, EXCLUDED.rarity)`;
}
