import { Router } from 'express';
import { z } from 'zod';
import { success } from '../../common/http/envelope.ts';
import { playerIdSchema } from '../http/ids.ts';
import { validated } from '../http/validate.ts';
import type { GachaService } from './gacha.service.ts';
import { ROLL_TYPES } from './roller.ts';

export const MAX_ITEMS_LIMIT = 100;
export const ROLL_COUNTS = [1, 10] as const;

const rollBody = z.object(
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

const itemsQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'limit must be a whole number')
    .transform(Number)
    .pipe(
      z.number().min(1, 'limit must be at least 1').max(MAX_ITEMS_LIMIT, `limit must be at most ${MAX_ITEMS_LIMIT}`),
    )
    .default(50),
});

export function gachaRouter(gacha: GachaService): Router {
  const router = Router();

  router.post(
    '/gacha/roll',
    validated({ body: rollBody }, async ({ body }, _req, res) => {
      res.status(201).json(success(await gacha.roll(body.player_id, body.type, body.count)));
    }),
  );

  router.get(
    '/gacha/items',
    validated({ query: itemsQuery }, async ({ query }, _req, res) => {
      const items = await gacha.listItems(query.limit);
      res.json(success({ items, count: items.length }));
    }),
  );

  return router;
}
