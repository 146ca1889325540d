// Drawing items: a rarity by the roll type's odds, then an item of that rarity, uniformly.
// The random source is injected (createApp's `random`) so tests can fix the outcome.

export type Random = () => number;

export const ROLL_TYPES = ['standard', 'premium'] as const;
export type RollType = (typeof ROLL_TYPES)[number];

/** Odds per rarity, best first; each table sums to 1. */
export const RARITY_ODDS: Record<RollType, readonly { rarity: number; chance: number }[]> = {
  standard: [
    { rarity: 5, chance: 0.03 },
    { rarity: 4, chance: 0.17 },
    { rarity: 3, chance: 0.8 },
  ],
  premium: [
    { rarity: 5, chance: 0.15 },
    { rarity: 4, chance: 0.85 },
  ],
};

export function pickRarity(type: RollType, random: Random): number {
  let roll = random();
  const odds = RARITY_ODDS[type];
  for (const { rarity, chance } of odds) {
    if (roll < chance) return rarity;
    roll -= chance;
  }
  return odds[odds.length - 1]!.rarity; // guards against rounding when random() is close to 1
}

export function pickItems<T extends { rarity: number }>(
  catalog: readonly T[],
  type: RollType,
  count: number,
  random: Random,
): T[] {
  if (catalog.length === 0) throw new Error('The gacha catalog is empty: was seedGachaCatalog run?');
  return Array.from({ length: count }, () => {
    const rarity = pickRarity(type, random);
    const candidates = catalog.filter((item) => item.rarity === rarity);
    const pool = candidates.length > 0 ? candidates : catalog;
    return pool[Math.min(Math.floor(random() * pool.length), pool.length - 1)]!;
  });
}
