// The gacha: roll and item-list requests, and the rolls and items it answers with.
import { z } from 'zod';
import { successEnvelope } from '../http/envelope-schemas.ts';
import { playerIdSchema } from '../ids.ts';
import { ITEM_TYPES } from './catalog.ts';
import { ROLL_TYPES } from './roller.ts';

export const MAX_ITEMS_LIMIT = 100;
export const ROLL_COUNTS = [1, 10] as const;

export const rollBody = z.object(
  {
    player_id: playerIdSchema,
    type: z.enum(ROLL_TYPES, { error: `must be one of ${ROLL_TYPES.join(', ')}` }),
    count: z
      .union(
        ROLL_COUNTS.map((n) => z.literal(n)),
        { error: `must be ${ROLL_COUNTS.join(' or ')}` },
      )
      .default(1),
  },
  { error: 'must be a JSON object' },
);

export const itemsQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'limit must be a whole number')
    .transform(Number)
    .pipe(
      z.number().min(1, 'limit must be at least 1').max(MAX_ITEMS_LIMIT, `limit must be at most ${MAX_ITEMS_LIMIT}`),
    )
    .default(50)
    .meta({ description: `How many items, 1 to ${MAX_ITEMS_LIMIT} (default 50)` }),
});

export const gachaItemSchema = z
  .object({
    item_id: z.string(),
    name: z.string(),
    type: z.enum(ITEM_TYPES),
    rarity: z.int().min(1).max(5),
  })
  .meta({ id: 'GachaItem' });

export const rollSchema = z
  .object({
    roll_id: z.uuid(),
    player_id: z.string(),
    type: z.enum(ROLL_TYPES),
    items: z.array(gachaItemSchema).meta({ description: 'The items drawn, in the order drawn' }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'GachaRoll' });

export type GachaItemView = z.infer<typeof gachaItemSchema>;
export type RollView = z.infer<typeof rollSchema>;

export const rollResponse = successEnvelope(rollSchema);
export const itemListResponse = successEnvelope(
  z.object({ items: z.array(gachaItemSchema).meta({ description: 'Rarest first' }), count: z.int().min(0) }),
);
