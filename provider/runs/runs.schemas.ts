// The run list: its query and its answer (runs under `data`, the page beside it).
import { z } from 'zod';
import { successEnvelope } from '../http/envelope-schemas.ts';
import { runSchema } from '../sessions/sessions.schemas.ts';

export const MAX_PAGE_SIZE = 100;

/** Query values arrive as strings; only plain decimal integers are accepted ("1e3", "0x10", "5.0" are not). */
const integerParam = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback)
    .meta({ description: `A whole number from ${min} to ${max} (default ${fallback})` });

export const listQuery = z.object({
  page: integerParam('page', 1, 1_000_000, 1),
  page_size: integerParam('page_size', 1, MAX_PAGE_SIZE, 20),
});

export const paginationSchema = z
  .object({
    current_page: z.int().min(1),
    page_size: z.int().min(1),
    total_items: z.int().min(0),
    total_pages: z.int().min(0),
  })
  .meta({ id: 'Pagination' });

export type Pagination = z.infer<typeof paginationSchema>;

export const runListResponse = successEnvelope(
  z.object({ runs: z.array(runSchema).meta({ description: 'Newest first' }) }),
).extend({ pagination: paginationSchema });
