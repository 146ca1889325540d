// The matrix and can-i-deploy.
import { NotFoundError, ValidationError } from '../domain-errors.ts';
import { ok, text, type Call, type Reply, type Route, route } from '../http/resource.ts';
import type { QueryObject } from '../rack-query.ts';
import { parseMatrixQuery, parseSelector, type MatrixOptions, type UnresolvedSelector } from '../matrix/parse-query.ts';
import { matrixBody, matrixText } from '../serializers/matrix.ts';

/** text/plain when the client prefers it to JSON (the Pact Broker answers the matrix as a text table then). */
const wantsText = (call: Call) =>
  call.req.headers.accept !== undefined &&
  call.req.accepts(['application/hal+json', 'application/json', 'text/plain']) === 'text/plain';

async function answer(call: Call, selectors: UnresolvedSelector[], options: MatrixOptions): Promise<Reply> {
  const result = await call.services.matrix.find(selectors, options);
  if (wantsText(call)) return text(matrixText(result));
  const decorations = await call.services.matrix.decorations(result);
  return ok(matrixBody(call.urls, result, decorations));
}

/**
 * /can-i-deploy's `ignore[]=Name` or `ignore[][pacticipant]=Name&ignore[][version]=1`; entries without a
 * pacticipant are dropped, as the Pact Broker drops them.
 */
function ignoreSelectors(query: QueryObject): UnresolvedSelector[] {
  const ignore = query.ignore;
  const items = Array.isArray(ignore) ? ignore : ignore === undefined ? [] : [ignore];
  return items.flatMap((item): UnresolvedSelector[] => {
    if (typeof item === 'string') return item === '' ? [] : [{ pacticipant: item }];
    if (Array.isArray(item)) return [];
    const { pacticipant, version } = parseSelector(item);
    if (pacticipant === undefined) return [];
    return [version === undefined ? { pacticipant } : { pacticipant, version }];
  });
}

/**
 * A single text parameter of /can-i-deploy, with the problem when it is not one (the Pact Broker answers
 * these with `{"errors": {"<parameter>": [...]}}`).
 */
function textParameter(query: QueryObject, name: string, required: boolean, errors: Record<string, string[]>) {
  const value = query[name];
  if (value === undefined) {
    if (required) errors[name] = ['is missing'];
    return undefined;
  }
  if (typeof value !== 'string') {
    errors[name] = ['must be a single text value'];
    return undefined;
  }
  if (value === '') {
    errors[name] = ['must be filled'];
    return undefined;
  }
  return value;
}

export const matrixRoutes: Route[] = [
  route({
    method: 'get',
    path: '/matrix',
    access: 'read',
    handler: (call) => {
      const { selectors, options, errors } = parseMatrixQuery(call.query);
      if (errors.length > 0) throw new ValidationError(errors);
      return answer(call, selectors, options);
    },
  }),
  route({
    method: 'get',
    path: '/can-i-deploy',
    access: 'read',
    handler: async (call) => {
      const { query, services } = call;
      const errors: Record<string, string[]> = {};
      const pacticipant = textParameter(query, 'pacticipant', true, errors);
      const version = textParameter(query, 'version', true, errors);
      const to = textParameter(query, 'to', false, errors) ?? textParameter(query, 'tag', false, errors);
      const environment = textParameter(query, 'environment', false, errors);
      if (pacticipant !== undefined && !(await services.matrix.pacticipantExists(pacticipant)))
        errors.pacticipant = [`Pacticipant ${pacticipant} not found`];
      if (environment !== undefined && !(await services.matrix.environmentExists(environment)))
        errors.environment = [`Environment with name '${environment}' does not exist`];
      // Problems with the combination belong to no single parameter: the Pact Broker files them under "".
      if (to !== undefined && environment !== undefined)
        errors[''] = ['give either to (a tag) or environment, not both'];
      else if (to === undefined && environment === undefined && !('to' in errors || 'environment' in errors))
        errors[''] = ['give the environment (or the tag) you are deploying to'];
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const ignore = ignoreSelectors(query);
      // To an environment, each live version of every other pacticipant is checked (cvpv); to a tag, its latest.
      const options: MatrixOptions =
        to !== undefined
          ? { latestby: 'cvp', limit: 100, ignore, tag: to, latest: true }
          : { latestby: 'cvpv', limit: 100, ignore, environment: environment! };
      return answer(call, [{ pacticipant: pacticipant!, version: version! }], options);
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/branches/:branch/latest-version/can-i-deploy/to-environment/:environment',
    access: 'read',
    handler: async (call) => {
      const [pacticipant, branch, environment] = [call.params.pacticipant, call.params.branch, call.params.environment];
      const [latest, environmentExists] = await Promise.all([
        call.services.matrix.latestVersionOnBranch(pacticipant, branch),
        call.services.matrix.environmentExists(environment),
      ]);
      if (latest === undefined) throw new NotFoundError(`${pacticipant} has no version on branch ${branch}`);
      if (!environmentExists) throw new NotFoundError(`No environment is named '${environment}'`);
      return answer(call, [{ pacticipant, branch, latest: true }], {
        latestby: 'cvpv',
        limit: 100,
        ignore: [],
        environment,
      });
    },
  }),
  route({
    method: 'get',
    path: '/pacticipants/:pacticipant/latest-version/:tag/can-i-deploy/to/:to',
    access: 'read',
    handler: async (call) => {
      const [pacticipant, tag, to] = [call.params.pacticipant, call.params.tag, call.params.to];
      if ((await call.services.matrix.latestVersionWithTag(pacticipant, tag)) === undefined)
        throw new NotFoundError(`${pacticipant} has no version tagged ${tag}`);
      return answer(call, [{ pacticipant, tag, latest: true }], {
        latestby: 'cvp',
        limit: 100,
        ignore: [],
        tag: to,
        latest: true,
      });
    },
  }),
  route({
    method: 'get',
    path: '/matrix/provider/:provider/consumer/:consumer',
    access: 'read',
    handler: async (call) => {
      const [provider, consumer] = [call.params.provider, call.params.consumer];
      // The options come from the query, as for /matrix (no latestby: every verification); selectors do not.
      const { options, errors } = parseMatrixQuery({ ...call.query, q: [{ pacticipant: consumer }] });
      if (errors.length > 0) throw new ValidationError(errors);
      const [consumerExists, providerExists] = await Promise.all([
        call.services.matrix.pacticipantExists(consumer),
        call.services.matrix.pacticipantExists(provider),
      ]);
      if (!consumerExists || !providerExists)
        throw new NotFoundError(`No integration between ${consumer} and ${provider} found`);
      return answer(call, [{ pacticipant: consumer }, { pacticipant: provider }], options);
    },
  }),
];
