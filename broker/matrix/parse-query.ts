// The matrix query (`GET /matrix?q[][pacticipant]=Foo&q[][version]=1&latestby=cvpv...`), read from the
// Rack-style parsed query (http/rack-query.ts) with the Pact Broker's rules: a blank value is absent,
// booleans are the text "true", `limit` defaults to 100.
import type { QueryObject, QueryValue } from '../rack-query.ts';

export interface UnresolvedSelector {
  pacticipant?: string;
  version?: string;
  latest?: boolean;
  tag?: string;
  branch?: string;
  mainBranch?: boolean;
  environment?: string;
}

export type LatestBy = 'cvp' | 'cvpv' | 'cp';

export interface MatrixOptions {
  latestby?: LatestBy;
  latest?: boolean;
  tag?: string;
  branch?: string;
  environment?: string;
  mainBranch?: boolean;
  /** Keep only rows whose success is one of these (null: not verified). */
  success?: (boolean | null)[];
  limit: number;
  ignore: UnresolvedSelector[];
}

export interface MatrixQuery {
  selectors: UnresolvedSelector[];
  options: MatrixOptions;
  /** Problems the Pact Broker answers with 400 before looking anything up. */
  errors: string[];
}

const text = (value: QueryValue | undefined): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const objects = (value: QueryValue | undefined): QueryObject[] =>
  Array.isArray(value)
    ? value.filter((item): item is QueryObject => typeof item === 'object' && !Array.isArray(item))
    : [];

export function parseSelector(raw: QueryObject): UnresolvedSelector {
  const selector: UnresolvedSelector = {};
  if (text(raw.pacticipant)) selector.pacticipant = text(raw.pacticipant)!;
  if (text(raw.version)) selector.version = text(raw.version)!;
  if (raw.latest === 'true') selector.latest = true;
  if (text(raw.tag)) selector.tag = text(raw.tag)!;
  if (text(raw.branch)) selector.branch = text(raw.branch)!;
  if (raw.mainBranch === 'true') selector.mainBranch = true;
  if (text(raw.environment)) selector.environment = text(raw.environment)!;
  return selector;
}

export function parseMatrixQuery(query: QueryObject): MatrixQuery {
  const errors: string[] = [];
  const selectors = objects(query.q).map(parseSelector);
  const options: MatrixOptions = { limit: 100, ignore: objects(query.ignore).map(parseSelector) };

  const success = query.success;
  if (Array.isArray(success)) options.success = success.map((value) => (value === '' ? null : value === 'true'));
  else if (typeof success === 'string') options.success = [success === '' ? null : success === 'true'];

  const latestby = text(query.latestby);
  if (latestby !== undefined) {
    if (latestby === 'cvp' || latestby === 'cvpv' || latestby === 'cp') options.latestby = latestby;
    else errors.push(`latestby must be cvp, cvpv or cp (got "${latestby}")`);
  }
  const limit = text(query.limit);
  if (limit !== undefined) {
    const parsed = /^\d{1,6}$/.test(limit) ? Number(limit) : NaN;
    if (!(parsed >= 1 && parsed <= 10_000)) errors.push('limit must be a whole number from 1 to 10000');
    else options.limit = parsed;
  }
  if (text(query.latest) !== undefined) options.latest = query.latest === 'true';
  if (text(query.tag)) options.tag = text(query.tag)!;
  if (text(query.branch)) options.branch = text(query.branch)!;
  if (text(query.environment)) options.environment = text(query.environment)!;
  if (text(query.mainBranch) !== undefined) options.mainBranch = query.mainBranch === 'true';

  if (selectors.length === 0) errors.push('Please provide 1 or more version selectors.');
  for (const selector of selectors) {
    if (selector.pacticipant === undefined) errors.push('Please specify the pacticipant name');
    else if (selector.version !== undefined && selector.latest)
      errors.push(`A version number and latest flag cannot both be specified for ${selector.pacticipant}`);
  }
  for (const selector of options.ignore) {
    if (selector.pacticipant === undefined) errors.push('Please specify the pacticipant name to ignore');
    else if (selector.version !== undefined && selector.latest)
      errors.push(`A version number and latest flag cannot both be specified for ${selector.pacticipant} to ignore`);
  }
  const destinations = [options.tag, options.environment, options.mainBranch ? 'mainBranch' : undefined].filter(
    (value) => value !== undefined,
  );
  if (destinations.length > 1) errors.push('Cannot specify more than one of tag, environment and mainBranch');
  if (options.latest && options.environment !== undefined)
    errors.push('Cannot specify both latest=true and an environment');
  return { selectors, options, errors };
}
