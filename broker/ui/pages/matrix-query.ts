// The matrix query form: selectors (a pacticipant and a version, branch, tag or "latest"), latestby, a
// destination environment and a limit, in the API's own parameters (`q[][pacticipant]=...`), so the page's
// URL is also the API's /matrix URL. The answer comes from MatrixService.find, as the API's does.
import { ValidationError } from '../../domain-errors.ts';
import { buildRackQuery, parseRackQuery, QueryStringError, type QueryObject } from '../../rack-query.ts';
import { parseMatrixQuery } from '../../matrix/parse-query.ts';
import type { Services } from '../../services.ts';
import type { Urls } from '../../urls.ts';
import { messagesOf } from './can-i-deploy.ts';
import { answerWord, matrixRows } from './matrix-rows.ts';

/** Rows of selectors the form offers (empty ones are left out of the query). */
const SELECTOR_ROWS = 3;
type SelectorForm = Record<'pacticipant' | 'version' | 'branch' | 'tag' | 'latest', string>;

const blankSelector = (): SelectorForm => ({ pacticipant: '', version: '', branch: '', tag: '', latest: '' });

/** The form's rows that name something: a row with every field empty is no selector at all. */
function filledSelectors(query: QueryObject): QueryObject[] {
  const q = Array.isArray(query.q) ? query.q : [];
  return q.filter(
    (item): item is QueryObject =>
      typeof item === 'object' && !Array.isArray(item) && Object.values(item).some((value) => value !== ''),
  );
}

const field = (query: QueryObject, name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');

export async function matrixQueryPage(services: Services, urls: Urls, rawQuery: string) {
  const [{ items }, environments] = await Promise.all([services.pacticipants.list(), services.environments.list()]);
  const base = {
    title: 'Matrix',
    nav: 'matrix',
    action: urls.matrix(),
    pacticipants: items.map((item) => item.pacticipant.name),
    environments: environments.map((e) => ({ name: e.name, label: e.displayName ?? e.name })),
  };
  let query: QueryObject;
  try {
    query = parseRackQuery(rawQuery);
  } catch (error) {
    if (!(error instanceof QueryStringError)) throw error;
    query = {};
  }
  const selectors = filledSelectors(query);
  const form = {
    selectors: [
      ...selectors.map((s) => ({
        ...blankSelector(),
        ...Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v === 'string')),
      })),
      ...Array.from({ length: Math.max(0, SELECTOR_ROWS - selectors.length) }, blankSelector),
    ],
    latestby: field(query, 'latestby'),
    environment: field(query, 'environment'),
    limit: field(query, 'limit'),
  };
  if (selectors.length === 0) return { ...base, form, errors: [], result: null };

  // The query without the form's blanks: what the API is asked, and a link to it.
  const cleaned: QueryObject = {
    q: selectors.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== ''))),
  };
  for (const name of ['latestby', 'environment', 'limit'])
    if (field(query, name) !== '') cleaned[name] = field(query, name);
  const parsed = parseMatrixQuery(cleaned);
  if (parsed.errors.length > 0) return { ...base, form, errors: parsed.errors, result: null };
  try {
    const answer = await services.matrix.find(parsed.selectors, parsed.options);
    const decorations = await services.matrix.decorations(answer);
    return {
      ...base,
      form,
      errors: [],
      result: {
        answer: answerWord(answer.status.deployable),
        reasons: answer.status.reasons,
        rows: matrixRows(urls, answer, decorations),
        // Brackets read better unencoded, and the query parser takes them either way.
        apiUrl: `${urls.matrix()}?${buildRackQuery(cleaned).replace(/%5B/g, '[').replace(/%5D/g, ']')}`,
      },
    };
  } catch (error) {
    if (error instanceof ValidationError) return { ...base, form, errors: messagesOf(error), result: null };
    throw error;
  }
}
