// Upgrade points and stats: the change a request asks for and the totals the answers carry.
import { z } from 'zod';
import { successEnvelope } from '../http/envelope-schemas.ts';
import { playerIdSchema } from '../ids.ts';

export const STATS = ['hp', 'atk', 'def', 'spd'] as const;
export type Stat = (typeof STATS)[number];

export const MAX_DELTA = 1_000_000;

const delta = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(-MAX_DELTA, `must be at least -${MAX_DELTA}`)
  .max(MAX_DELTA, `must be at most ${MAX_DELTA}`);

export const upgradeParams = z.object({ playerId: playerIdSchema });

const statUpgrades = z.strictObject(
  Object.fromEntries(STATS.map((stat) => [stat, delta.optional()])) as Record<Stat, z.ZodOptional<typeof delta>>,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown stat; known stats are ${STATS.join(', ')}` : 'must be an object',
  },
);

export const applyBody = z
  .object(
    { points_delta: delta.optional(), stat_upgrades: statUpgrades.optional() },
    { error: 'must be a JSON object' },
  )
  .refine((body) => body.points_delta !== undefined || body.stat_upgrades !== undefined, {
    message: 'give points_delta, stat_upgrades or both',
  })
  .meta({ description: 'Amounts to add (negative to take away); give points_delta, stat_upgrades or both' });

const total = z.int().min(0).max(2_147_483_647);

export const upgradesSchema = z
  .object({
    player_id: z.string(),
    points: total.meta({ description: 'Unspent upgrade points' }),
    ...(Object.fromEntries(STATS.map((stat) => [stat, total])) as Record<Stat, typeof total>),
  })
  .meta({ id: 'Upgrades', description: 'A player never upgraded has zeros' });

export type UpgradesView = z.infer<typeof upgradesSchema>;

export const upgradesResponse = successEnvelope(upgradesSchema);
