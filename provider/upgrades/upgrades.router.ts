import { Router } from 'express';
import { z } from 'zod';
import { success } from '../../common/http/envelope.ts';
import { playerIdSchema } from '../http/ids.ts';
import { validated } from '../http/validate.ts';
import { STATS, type UpgradesService } from './upgrades.service.ts';

export const MAX_DELTA = 1_000_000;

const delta = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(-MAX_DELTA, `must be at least -${MAX_DELTA}`)
  .max(MAX_DELTA, `must be at most ${MAX_DELTA}`);

const params = z.object({ playerId: playerIdSchema });
const statUpgrades = z.strictObject(
  Object.fromEntries(STATS.map((stat) => [stat, delta.optional()])) as Record<
    (typeof STATS)[number],
    z.ZodOptional<typeof delta>
  >,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown stat; known stats are ${STATS.join(', ')}` : 'must be an object',
  },
);
const applyBody = z
  .object(
    { points_delta: delta.optional(), stat_upgrades: statUpgrades.optional() },
    { error: 'must be a JSON object' },
  )
  .refine((body) => body.points_delta !== undefined || body.stat_upgrades !== undefined, {
    message: 'give points_delta, stat_upgrades or both',
  });

export function upgradesRouter(upgrades: UpgradesService): Router {
  const router = Router();

  router.get(
    '/players/:playerId/upgrades',
    validated({ params }, async ({ params: { playerId } }, _req, res) => {
      res.json(success(await upgrades.get(playerId)));
    }),
  );

  router.post(
    '/players/:playerId/upgrades',
    validated({ params, body: applyBody }, async ({ params: { playerId }, body }, _req, res) => {
      const view = await upgrades.apply(playerId, {
        pointsDelta: body.points_delta ?? 0,
        statDeltas: body.stat_upgrades ?? {},
      });
      res.json(success(view));
    }),
  );

  return router;
}
