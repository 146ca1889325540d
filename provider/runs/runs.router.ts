import { Router } from 'express';
import { z } from 'zod';
import { success } from '../../common/http/envelope.ts';
import { validated } from '../http/validate.ts';
import type { RunsService } from './runs.service.ts';

export const MAX_PAGE_SIZE = 100;

/** Query values arrive as strings; only plain decimal integers are accepted ("1e3", "0x10", "5.0" are not). */
const integerParam = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback);

const listQuery = z.object({
  page: integerParam('page', 1, 1_000_000, 1),
  page_size: integerParam('page_size', 1, MAX_PAGE_SIZE, 20),
});

export function runsRouter(runs: RunsService): Router {
  const router = Router();
  router.get(
    '/runs',
    validated({ query: listQuery }, async ({ query }, _req, res) => {
      const { runs: items, pagination } = await runs.listRuns(query.page, query.page_size);
      res.json(success({ runs: items }, { pagination }));
    }),
  );
  return router;
}
