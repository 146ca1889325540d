// Bodies of version writes and the versions list's paging parameters.
import { z } from 'zod';
import { freeText, nameText } from './common.ts';

export const versionSchema = z.object({
  branch: nameText('branch')
    .nullish()
    .transform((value) => value ?? undefined),
  buildUrl: freeText('buildUrl', 2000)
    .nullish()
    .transform((value) => value ?? undefined),
  /** Given: the version's tags become exactly these. */
  tags: z
    .array(z.object({ name: nameText('tag') }, { error: 'each tag is an object with a name' }), {
      error: 'tags must be a list',
    })
    .max(100)
    .nullish()
    .transform((value) => value ?? undefined),
});

const positive = (what: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `${what} must be a whole number`)
    .transform(Number)
    .refine((value) => value >= 1 && value <= max, `${what} must be from 1 to ${max}`);

export const pageSchema = z.object({
  pageNumber: positive('pageNumber', 100_000).optional(),
  pageSize: positive('pageSize', 1000).optional(),
});
