// The request for pacts for verification: the POST body (camelCase JSON) or, for old clients, the GET
// query string (snake_case, tag selectors only). Field types are zod schemas; the rules that relate a
// selector's fields to each other follow the Pact Broker's selector contract, and every problem is
// reported in its error shape: `{ errors: { consumerVersionSelectors: ["... (at index 0)"] } }`.
import { z } from 'zod';
import type { QueryObject, QueryValue } from '../rack-query.ts';
import { MAX_NAME_LENGTH, nameText, storableText } from './common.ts';

/** What a consumer version selector picks, once its fields are read (`consumer` narrows any of them). */
export type Selector =
  | { kind: 'mainBranch'; consumer?: string; latest?: boolean }
  | { kind: 'branch'; branch: string; fallbackBranch?: string; consumer?: string }
  | { kind: 'matchingBranch'; branch: string; consumer?: string }
  | { kind: 'eachBranch'; consumer?: string }
  | { kind: 'tag'; tag: string; latest: boolean; fallbackTag?: string; consumer?: string }
  | { kind: 'latest'; consumer?: string }
  | { kind: 'deployed' | 'released' | 'environment'; environment?: string; consumer?: string };

export interface PactsForVerificationRequest {
  consumerVersionSelectors: Selector[];
  providerVersionBranch: string | undefined;
  providerVersionTags: string[];
  includePendingStatus: boolean;
  includeWipPactsSince: Date | undefined;
  /** Asked for with GET, whose answers carry a deprecation warning. */
  deprecated: boolean;
}

/** The parsed request (when valid), the problems found by field, and the environment names to look up. */
export interface Parsed {
  request: PactsForVerificationRequest | undefined;
  errors: Errors;
  environments: { index: number; name: string }[];
}

type Errors = Record<string, string[]>;

const MAX_SELECTORS = 100;
const MAX_PROVIDER_TAGS = 50;

const present = (value: unknown) => (typeof value === 'string' ? value.trim() !== '' : value != null);
const blank = (value: unknown) => typeof value === 'string' && value.trim() === '';

/** A flag that may only be `true` when given (false or null are mistakes, as in the Pact Broker). */
const onlyTrue = z.literal(true, {
  error: (issue) => (issue.input === null ? 'must have a value' : 'can only be true'),
});
const missing = (input: unknown) => input === null || input === undefined;
/** A selector's name field (tag, branch, environment...): the field's name prefixes these messages. */
const selectorText = () =>
  z
    .string({ error: (issue) => (missing(issue.input) ? 'must have a value' : 'must be a string') })
    .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`)
    .refine((text) => text.trim() !== '', 'cannot be blank')
    .refine(storableText, 'must not contain NUL characters or unpaired UTF-16 surrogates');

// The fields of a JSON selector. Unknown keys are ignored, as the Pact Broker ignores them.
const jsonSelectorFields = z.object({
  mainBranch: onlyTrue.optional(),
  tag: selectorText().optional(),
  branch: z.union([selectorText(), z.literal(true)], { error: 'must be a branch name or true' }).optional(),
  matchingBranch: onlyTrue.optional(),
  latest: z
    .boolean({ error: (issue) => (issue.input === null ? 'must have a value' : 'must be true or false') })
    .optional(),
  fallbackTag: selectorText().optional(),
  fallbackBranch: selectorText().optional(),
  // Checked by the rules (blank is reported alongside the selector's other problems).
  consumer: z
    .string({ error: (issue) => (missing(issue.input) ? 'must have a value' : 'must be a string') })
    .optional(),
  deployed: onlyTrue.optional(),
  released: onlyTrue.optional(),
  deployedOrReleased: onlyTrue.optional(),
  environment: selectorText().optional(),
});
type JsonSelectorFields = z.infer<typeof jsonSelectorFields>;

const BRANCH_KEYS = [
  'latest',
  'tag',
  'fallbackTag',
  'branch',
  'fallbackBranch',
  'matchingBranch',
  'mainBranch',
] as const;
const ENVIRONMENT_KEYS = ['environment', 'deployed', 'released', 'deployedOrReleased'] as const;
const ALL_KEYS = [...BRANCH_KEYS, ...ENVIRONMENT_KEYS, 'consumer'] as const;

const fields = (count: number) => (count === 1 ? 'field' : 'fields');

/**
 * The rules relating a selector's fields (the Pact Broker's selector contract, in our words): what
 * must be there, what cannot be combined, and what needs what. Returns every broken rule.
 */
function selectorProblems(selector: JsonSelectorFields, providerVersionBranch: unknown): string[] {
  const problems: string[] = [];
  const given = ALL_KEYS.filter((key) => selector[key] !== undefined);
  const others = (...allowed: string[]) => given.some((key) => !allowed.includes(key));
  if (selector.consumer !== undefined && blank(selector.consumer)) problems.push('consumer cannot be blank');
  else if (
    selector.consumer !== undefined &&
    (selector.consumer.length > MAX_NAME_LENGTH || !storableText(selector.consumer))
  )
    problems.push(`consumer must be a name of at most ${MAX_NAME_LENGTH} characters without NUL characters`);
  const selectsSomething =
    present(selector.mainBranch) ||
    present(selector.tag) ||
    present(selector.branch) ||
    present(selector.environment) ||
    [
      selector.matchingBranch,
      selector.deployed,
      selector.released,
      selector.deployedOrReleased,
      selector.latest,
    ].includes(true);
  if (!selectsSomething)
    problems.push(
      'selects nothing: give a branch, tag or environment, or set one of mainBranch, matchingBranch, latest, ' +
        'deployed, released or deployedOrReleased to true',
    );
  if (selector.mainBranch && others('consumer', 'mainBranch', 'latest'))
    problems.push('mainBranch can only be combined with consumer (and latest: true)');
  if (selector.mainBranch && selector.latest === false)
    problems.push('mainBranch selects the head of the main branch, so latest cannot be false');
  if (selector.matchingBranch && others('consumer', 'matchingBranch'))
    problems.push('matchingBranch can only be combined with consumer');
  if (selector.matchingBranch && !present(providerVersionBranch))
    problems.push('matchingBranch needs the providerVersionBranch of the request');
  if (selector.tag !== undefined && selector.branch !== undefined)
    problems.push('a selector takes either a tag or a branch, not both');
  const branchFields = BRANCH_KEYS.filter((key) => selector[key] !== undefined).sort();
  const environmentFields = ENVIRONMENT_KEYS.filter((key) => selector[key] !== undefined).sort();
  if (branchFields.length > 0 && environmentFields.length > 0)
    problems.push(
      `the ${fields(branchFields.length)} ${branchFields.join('/')} cannot be combined with ` +
        `the ${fields(environmentFields.length)} ${environmentFields.join('/')}`,
    );
  if (selector.fallbackTag !== undefined && selector.latest !== true)
    problems.push('fallbackTag needs latest: true (it replaces the latest pact of the tag)');
  if (selector.fallbackTag !== undefined && selector.tag === undefined) problems.push('fallbackTag needs a tag');
  if (selector.fallbackBranch !== undefined && selector.branch === undefined)
    problems.push('fallbackBranch needs a branch');
  if (selector.fallbackBranch !== undefined && selector.latest === false)
    problems.push('fallbackBranch cannot be used with latest: false');
  if (selector.branch !== undefined && selector.latest === false)
    problems.push('a branch selects its head (latest) version, so latest cannot be false');
  if (selector.deployed && selector.released)
    problems.push('deployed and released cannot both be true (use deployedOrReleased)');
  if (selector.deployed && selector.deployedOrReleased)
    problems.push('deployed and deployedOrReleased cannot both be true');
  if (selector.released && selector.deployedOrReleased)
    problems.push('released and deployedOrReleased cannot both be true');
  return problems;
}

/** The selectors a valid JSON selector stands for (deployedOrReleased is two, as in the Pact Broker). */
function toSelectors(raw: JsonSelectorFields, providerVersionBranch: string | undefined): Selector[] {
  const consumer = raw.consumer === undefined ? {} : { consumer: raw.consumer };
  const environment = raw.environment === undefined ? {} : { environment: raw.environment };
  if (raw.mainBranch) return [{ kind: 'mainBranch', ...consumer }];
  if (raw.matchingBranch) return [{ kind: 'matchingBranch', branch: providerVersionBranch!, ...consumer }];
  if (raw.branch === true) return [{ kind: 'eachBranch', ...consumer }];
  if (typeof raw.branch === 'string')
    return [
      {
        kind: 'branch',
        branch: raw.branch,
        ...(raw.fallbackBranch === undefined ? {} : { fallbackBranch: raw.fallbackBranch }),
        ...consumer,
      },
    ];
  if (raw.tag !== undefined)
    return [
      {
        kind: 'tag',
        tag: raw.tag,
        latest: raw.latest === true,
        ...(raw.fallbackTag === undefined ? {} : { fallbackTag: raw.fallbackTag }),
        ...consumer,
      },
    ];
  if (raw.deployedOrReleased)
    return [
      { kind: 'deployed', ...environment, ...consumer },
      { kind: 'released', ...environment, ...consumer },
    ];
  if (raw.deployed) return [{ kind: 'deployed', ...environment, ...consumer }];
  if (raw.released) return [{ kind: 'released', ...environment, ...consumer }];
  if (raw.environment !== undefined) return [{ kind: 'environment', ...environment, ...consumer }];
  return [{ kind: 'latest', ...consumer }];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function add(errors: Errors, key: string, message: string): void {
  (errors[key] ??= []).push(message);
}

/** zod issues of one field or selector, as "<field> <message>" lines. */
function issueLines(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')} ` : '') + issue.message);
}

/** A date (YYYY-MM-DD) or date-time; WIP pacts are those published since then. */
const sinceSchema = z
  .string({ error: (issue) => (issue.input === null ? 'must have a value' : 'must be a date such as 2024-01-31') })
  .refine(
    (text) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) && !Number.isNaN(Date.parse(text)),
    'must be a date such as 2024-01-31',
  )
  .transform((text) => new Date(text));

const topLevel = z.object({
  providerVersionBranch: z.string({ error: 'must be a string' }).nullish(),
  providerVersionTags: z
    .array(nameText('providerVersionTag'), { error: 'must be a list of tags' })
    .max(MAX_PROVIDER_TAGS, `at most ${MAX_PROVIDER_TAGS} tags`)
    .nullish(),
  consumerVersionSelectors: z
    .array(z.unknown(), { error: 'must be a list of selectors' })
    .max(MAX_SELECTORS, `at most ${MAX_SELECTORS} selectors`)
    .optional(),
  includePendingStatus: z
    .boolean({ error: (issue) => (issue.input === null ? 'must have a value' : 'must be true or false') })
    .optional(),
  includeWipPactsSince: sinceSchema.optional(),
});

/** The POST body (JSON, camelCase keys). */
export function parsePactsForVerificationBody(body: unknown): Parsed {
  const errors: Errors = {};
  const environments: { index: number; name: string }[] = [];
  if (!isPlainObject(body)) return { request: undefined, errors: { body: ['must be a JSON object'] }, environments };
  const top = topLevel.safeParse(body);
  if (!top.success) {
    for (const issue of top.error.issues) {
      const [field, ...rest] = issue.path.map(String);
      add(errors, field ?? 'body', rest.length > 0 ? `${rest.join('.')} ${issue.message}` : issue.message);
    }
  }
  const branch = (body as { providerVersionBranch?: unknown }).providerVersionBranch;
  // A branch of spaces is a mistake. An empty branch is tolerated unless pending or WIP status would
  // be worked out from it (the Pact Broker tolerates it too: clients send one when no branch is set).
  if (typeof branch === 'string' && branch !== '' && blank(branch))
    add(errors, 'providerVersionBranch', 'cannot be blank');
  else if (typeof branch === 'string' && blank(branch)) {
    const tags = (body as { providerVersionTags?: unknown }).providerVersionTags;
    const usesBranch = body.includePendingStatus === true || present(body.includeWipPactsSince);
    if (usesBranch && !(Array.isArray(tags) && tags.length > 0))
      add(
        errors,
        'providerVersionBranch',
        'is empty, but pending and WIP pacts are worked out from it when no providerVersionTags are given: ' +
          'give the branch, or leave providerVersionBranch out',
      );
  }

  const selectors: Selector[] = [];
  const rawSelectors = Array.isArray(body.consumerVersionSelectors) ? body.consumerVersionSelectors : [];
  rawSelectors.slice(0, MAX_SELECTORS).forEach((raw, index) => {
    const at = ` (at index ${index})`;
    if (!isPlainObject(raw)) {
      add(errors, 'consumerVersionSelectors', `must be an object${at}`);
      return;
    }
    const parsed = jsonSelectorFields.safeParse(raw);
    if (!parsed.success) {
      for (const line of issueLines(parsed.error.issues)) add(errors, 'consumerVersionSelectors', line + at);
      return;
    }
    if (parsed.data.environment !== undefined) environments.push({ index, name: parsed.data.environment });
    const problems = selectorProblems(parsed.data, branch);
    for (const problem of problems) add(errors, 'consumerVersionSelectors', problem + at);
    if (problems.length > 0) return;
    selectors.push(...toSelectors(parsed.data, typeof branch === 'string' && !blank(branch) ? branch : undefined));
  });

  if (!top.success || Object.keys(errors).length > 0) return { request: undefined, errors, environments };
  const data = top.data;
  return {
    request: {
      consumerVersionSelectors: selectors,
      providerVersionBranch: typeof branch === 'string' && !blank(branch) ? branch : undefined,
      providerVersionTags: [...new Set(data.providerVersionTags ?? [])],
      includePendingStatus: data.includePendingStatus ?? false,
      includeWipPactsSince: data.includeWipPactsSince,
      deprecated: false,
    },
    errors,
    environments,
  };
}

// --- GET: the first clients' query string -------------------------------------------------------

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Query keys in snake_case, as the Pact Broker reads them (camelCase is accepted too). */
function snakeKeys(value: QueryValue): QueryValue {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [snakeCase(key), snakeKeys(item)]));
}

const trueOrFalse = z.enum(['true', 'false'], {
  error: (issue) => (issue.input === undefined ? 'must have a value' : 'must be "true" or "false"'),
});
const queryText = (what: string) =>
  z
    .string({ error: `${what} must have a value` })
    .min(1, 'must have a value')
    .pipe(nameText(what));

const querySelector = z.object({
  tag: z
    .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a tag name') })
    .pipe(queryText('tag')),
  latest: trueOrFalse.optional(),
  fallback_tag: queryText('fallback_tag').optional(),
  consumer: queryText('consumer').optional(),
});

const queryTopLevel = z.object({
  provider_version_branch: z.string({ error: 'must be a branch name' }).optional(),
  provider_version_tags: z
    .array(nameText('provider_version_tag'), { error: 'must be a list (provider_version_tags[]=...)' })
    .max(MAX_PROVIDER_TAGS)
    .optional(),
  consumer_version_selectors: z
    .array(z.unknown(), { error: 'must be a list (consumer_version_selectors[][tag]=...)' })
    .max(MAX_SELECTORS, `at most ${MAX_SELECTORS} selectors`)
    .optional(),
  include_pending_status: trueOrFalse.optional(),
  include_wip_pacts_since: z.string({ error: 'must be a date such as 2024-01-31' }).pipe(sinceSchema).optional(),
});

/**
 * The GET query string: `consumer_version_selectors[][tag]=prod&consumer_version_selectors[][latest]=true`,
 * `provider_version_tags[]=main`, `include_pending_status=true`, `include_wip_pacts_since=2024-01-01`.
 * Only tag selectors existed when clients used GET, so that is all it takes.
 */
export function parsePactsForVerificationQuery(query: QueryObject): Parsed {
  const errors: Errors = {};
  const input = snakeKeys(query) as Record<string, unknown>;
  const top = queryTopLevel.safeParse(input);
  if (!top.success) {
    for (const issue of top.error.issues) {
      const [field, ...rest] = issue.path.map(String);
      add(errors, field ?? 'query', rest.length > 0 ? `${rest.join('.')} ${issue.message}` : issue.message);
    }
  }
  const selectors: Selector[] = [];
  const rawSelectors = Array.isArray(input.consumer_version_selectors) ? input.consumer_version_selectors : [];
  rawSelectors.slice(0, MAX_SELECTORS).forEach((raw, index) => {
    const parsed = querySelector.safeParse(isPlainObject(raw) ? raw : {});
    if (!parsed.success) {
      for (const line of issueLines(parsed.error.issues))
        add(errors, 'consumer_version_selectors', `${line} (at index ${index})`);
      return;
    }
    const { tag, latest, fallback_tag: fallbackTag, consumer } = parsed.data;
    selectors.push({
      kind: 'tag',
      tag,
      latest: latest === 'true',
      ...(fallbackTag !== undefined && latest === 'true' ? { fallbackTag } : {}),
      ...(consumer === undefined ? {} : { consumer }),
    });
  });
  if (!top.success || Object.keys(errors).length > 0) return { request: undefined, errors, environments: [] };
  const branch = top.data.provider_version_branch;
  return {
    request: {
      consumerVersionSelectors: selectors,
      providerVersionBranch: branch !== undefined && !blank(branch) ? branch : undefined,
      providerVersionTags: [...new Set(top.data.provider_version_tags ?? [])],
      includePendingStatus: top.data.include_pending_status === 'true',
      includeWipPactsSince: top.data.include_wip_pacts_since,
      deprecated: true,
    },
    errors,
    environments: [],
  };
}
