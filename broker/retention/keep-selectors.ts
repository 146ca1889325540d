// Which versions a clean-up keeps: a list of selectors, each a set of conditions that all apply (a version
// is kept when any selector matches it). The shape follows the Pact Broker's clean task (its snake_case keys
// are accepted too, so a PACT_BROKER_DATABASE_CLEAN_KEEP_VERSION_SELECTORS value works unchanged), with one
// extension: `latest` may be a number ("the latest 10 versions of the main branch").
import { z } from 'zod';

const keepSelectorSchema = z
  .strictObject({
    /** Only this pacticipant's versions. */
    pacticipant: z.string().min(1).optional(),
    /** Versions on this branch (true: on any branch; with `latest`, per branch). */
    branch: z.union([z.string().min(1), z.literal(true)]).optional(),
    /** Versions on their pacticipant's main branch. */
    mainBranch: z.literal(true).optional(),
    /** Versions with this tag (true: with any tag; with `latest`, per tag). */
    tag: z.union([z.string().min(1), z.literal(true)]).optional(),
    /** The latest matching version (true) or the latest N, per pacticipant (and per branch or tag). */
    latest: z.union([z.literal(true), z.number().int().min(1).max(1_000_000)]).optional(),
    /** Versions currently deployed to any environment. */
    deployed: z.literal(true).optional(),
    /** Versions currently released (and supported) in any environment. */
    released: z.literal(true).optional(),
    /** Versions currently deployed or released in this environment. */
    environment: z.string().min(1).optional(),
    /** Versions created less than this many days ago. */
    maxAge: z.number().int().min(0).max(100_000).optional(),
  })
  .refine((selector) => Object.values(selector).some((value) => value !== undefined), {
    message: 'a keep selector needs at least one condition',
  });

export type KeepSelector = z.output<typeof keepSelectorSchema>;

export const keepSelectorsSchema = z.array(keepSelectorSchema).min(1, 'give at least one selector of versions to keep');

/** The Pact Broker's spellings of our keys. */
const REFERENCE_KEYS: Record<string, string> = {
  max_age: 'maxAge',
  main_branch: 'mainBranch',
  pacticipant_name: 'pacticipant',
  environment_name: 'environment',
};

/** Our keys for the Pact Broker's snake_case ones (other keys pass through, so unknown ones are refused). */
export function normaliseKeys(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).map(([key, v]) => [REFERENCE_KEYS[key] ?? key, v]))
      : item,
  );
}

/** The Pact Broker's defaults (its clean task's), kept when none are configured. */
export const DEFAULT_KEEP_SELECTORS: KeepSelector[] = [
  { tag: true, latest: true },
  { branch: true, latest: true },
  { latest: true },
  { deployed: true },
  { released: true },
  { maxAge: 90 },
];

/**
 * Parses selectors given as JSON text (configuration, the command line). As the Pact Broker does, versions
 * deployed or released are always kept: a selector for each is added when none is given.
 */
export function parseKeepSelectors(json: string): KeepSelector[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('the keep selectors are not valid JSON (give an array of objects, e.g. [{"maxAge": 30}])');
  }
  const parsed = keepSelectorsSchema.safeParse(normaliseKeys(Array.isArray(value) ? value : [value]));
  if (!parsed.success)
    throw new Error(
      `invalid keep selectors: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(list)'}: ${issue.message}`).join('; ')}`,
    );
  return withDeployedAndReleased(parsed.data);
}

export function withDeployedAndReleased(selectors: KeepSelector[]): KeepSelector[] {
  const result = [...selectors];
  if (!result.some((selector) => onlyCondition(selector, 'deployed'))) result.push({ deployed: true });
  if (!result.some((selector) => onlyCondition(selector, 'released'))) result.push({ released: true });
  return result;
}

/** Whether the selector is exactly "{ key: true }" (one with more conditions keeps fewer versions). */
function onlyCondition(selector: KeepSelector, key: 'deployed' | 'released'): boolean {
  const keys = Object.entries(selector).filter(([, value]) => value !== undefined);
  return keys.length === 1 && keys[0]![0] === key;
}
