// The body of `POST /pacts/provider/{p}/for-verification` and its consumer version selectors, turned
// into one tagged union so each kind of selection has exactly the fields it needs.
import { z } from 'zod';
import { nameText } from './common.ts';

export type Selector =
  | { kind: 'mainBranch'; consumer?: string }
  | { kind: 'branch'; branch: string; fallbackBranch?: string; consumer?: string }
  | { kind: 'matchingBranch'; consumer?: string }
  | { kind: 'eachBranch'; consumer?: string }
  | { kind: 'tag'; tag: string; latest: boolean; fallbackTag?: string; consumer?: string }
  | { kind: 'latest'; consumer?: string }
  | { kind: 'deployed' | 'released' | 'deployedOrReleased'; environment?: string; consumer?: string };

const rawSelector = z.object({
  mainBranch: z.boolean().optional(),
  branch: z.union([nameText('branch'), z.boolean()]).optional(),
  fallbackBranch: nameText('fallbackBranch').optional(),
  matchingBranch: z.boolean().optional(),
  tag: nameText('tag').optional(),
  fallbackTag: nameText('fallbackTag').optional(),
  latest: z.boolean().optional(),
  consumer: nameText('consumer').optional(),
  deployed: z.boolean().optional(),
  released: z.boolean().optional(),
  deployedOrReleased: z.boolean().optional(),
  environment: nameText('environment').optional(),
});

type RawSelector = z.infer<typeof rawSelector>;

/** The selector the raw fields describe, or a message saying why they describe none. */
export function toSelector(raw: RawSelector): Selector | string {
  const consumer = raw.consumer === undefined ? {} : { consumer: raw.consumer };
  const kinds = [
    raw.mainBranch === true,
    typeof raw.branch === 'string' || raw.branch === true,
    raw.matchingBranch === true,
    raw.tag !== undefined,
    raw.deployed === true ||
      raw.released === true ||
      raw.deployedOrReleased === true ||
      (raw.environment !== undefined && raw.tag === undefined),
  ].filter(Boolean).length;
  if (kinds > 1)
    return 'combines more than one of mainBranch, branch, matchingBranch, tag and deployed/released/environment';
  if (raw.fallbackBranch !== undefined && typeof raw.branch !== 'string') return 'fallbackBranch needs a branch';
  if (raw.fallbackTag !== undefined && (raw.tag === undefined || raw.latest !== true))
    return 'fallbackTag needs a tag with latest: true';
  if (raw.mainBranch === true) return { kind: 'mainBranch', ...consumer };
  if (typeof raw.branch === 'string')
    return {
      kind: 'branch',
      branch: raw.branch,
      ...(raw.fallbackBranch ? { fallbackBranch: raw.fallbackBranch } : {}),
      ...consumer,
    };
  if (raw.branch === true)
    return raw.latest === true ? { kind: 'eachBranch', ...consumer } : 'branch: true needs latest: true';
  if (raw.matchingBranch === true) return { kind: 'matchingBranch', ...consumer };
  if (raw.tag !== undefined)
    return {
      kind: 'tag',
      tag: raw.tag,
      latest: raw.latest === true,
      ...(raw.fallbackTag ? { fallbackTag: raw.fallbackTag } : {}),
      ...consumer,
    };
  const environment = raw.environment === undefined ? {} : { environment: raw.environment };
  if (raw.deployedOrReleased === true || (raw.deployed === true && raw.released === true))
    return { kind: 'deployedOrReleased', ...environment, ...consumer };
  if (raw.deployed === true) return { kind: 'deployed', ...environment, ...consumer };
  if (raw.released === true) return { kind: 'released', ...environment, ...consumer };
  if (raw.environment !== undefined) return { kind: 'deployedOrReleased', ...environment, ...consumer };
  if (raw.latest === true) return { kind: 'latest', ...consumer };
  return 'must select something: mainBranch, branch, matchingBranch, tag, latest, deployed, released or environment';
}

const selectorSchema = rawSelector.transform((raw, ctx) => {
  const selector = toSelector(raw);
  if (typeof selector === 'string') {
    ctx.addIssue({ code: 'custom', message: `The selector ${selector}` });
    return z.NEVER;
  }
  return selector;
});

/** A date (YYYY-MM-DD) or date-time; WIP pacts are those published since then. */
const since = z
  .string()
  .refine(
    (text) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) && !Number.isNaN(Date.parse(text)),
    'must be a date such as 2024-01-31',
  )
  .transform((text) => new Date(text));

export const pactsForVerificationSchema = z
  .object({
    consumerVersionSelectors: z.array(selectorSchema).max(100, 'at most 100 selectors').default([]),
    providerVersionBranch: nameText('providerVersionBranch')
      .nullish()
      .transform((value) => value ?? undefined),
    providerVersionTags: z
      .array(nameText('providerVersionTag'))
      .max(50)
      .nullish()
      .transform((value) => value ?? []),
    includePendingStatus: z.boolean().default(false),
    includeWipPactsSince: since.nullish().transform((value) => value ?? undefined),
  })
  .superRefine((request, ctx) => {
    request.consumerVersionSelectors.forEach((selector, index) => {
      if (selector.kind === 'matchingBranch' && request.providerVersionBranch === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['consumerVersionSelectors', index],
          message: 'matchingBranch needs providerVersionBranch',
        });
      }
    });
  });

export type PactsForVerificationRequest = z.infer<typeof pactsForVerificationSchema>;
