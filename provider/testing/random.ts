import type { Random } from '../gacha/roller.ts';

/** A random source that returns the given values in turn, repeating: makes gacha outcomes exact. */
export function sequenceRandom(values: readonly number[]): Random {
  let index = 0;
  return () => values[index++ % values.length]!;
}
