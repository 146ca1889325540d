// The matrix and can-i-deploy.
import { ValidationError } from '../http/errors.ts';
import { ok, type Call, type Route } from '../http/resource.ts';
import type { QueryObject } from '../http/rack-query.ts';
import { parseMatrixQuery, parseSelector, type MatrixOptions, type UnresolvedSelector } from '../matrix/parse-query.ts';
import { matrixBody } from '../serializers/matrix.ts';

async function answer(call: Call, selectors: UnresolvedSelector[], options: MatrixOptions) {
  const result = await call.services.matrix.find(selectors, options);
  const decorations = await call.services.matrix.decorations(result);
  return ok(matrixBody(call.urls, result, decorations));
}

function ignoreSelectors(query: QueryObject): UnresolvedSelector[] {
  const ignore = query.ignore;
  if (Array.isArray(ignore)) {
    return ignore.map((item) =>
      typeof item === 'string' ? { pacticipant: item } : Array.isArray(item) ? {} : parseSelector(item),
    );
  }
  return typeof ignore === 'string' && ignore !== '' ? [{ pacticipant: ignore }] : [];
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export const matrixRoutes: Route[] = [
  {
    method: 'get',
    path: '/matrix',
    access: 'read',
    handler: (call) => {
      const { selectors, options, errors } = parseMatrixQuery(call.query);
      if (errors.length > 0) throw new ValidationError(errors);
      return answer(call, selectors, options);
    },
  },
  {
    method: 'get',
    path: '/can-i-deploy',
    access: 'read',
    handler: (call) => {
      const { query } = call;
      const pacticipant = text(query.pacticipant);
      const version = text(query.version);
      const to = text(query.to) ?? text(query.tag);
      const environment = text(query.environment);
      const errors: string[] = [];
      if (!pacticipant) errors.push('pacticipant is required');
      if (!version) errors.push('version is required');
      if (to !== undefined && environment !== undefined) errors.push('Give either to (a tag) or environment, not both');
      if (to === undefined && environment === undefined)
        errors.push('Give the environment (or the tag) you are deploying to');
      if (errors.length > 0) throw new ValidationError(errors);
      const options: MatrixOptions = {
        latestby: 'cvp',
        limit: 100,
        ignore: ignoreSelectors(query),
        ...(to !== undefined ? { tag: to, latest: true } : { environment: environment! }),
      };
      if (options.ignore.some((selector) => selector.pacticipant === undefined))
        throw new ValidationError(['Please specify the pacticipant name to ignore']);
      return answer(call, [{ pacticipant: pacticipant!, version: version! }], options);
    },
  },
  {
    method: 'get',
    path: '/pacticipants/:pacticipant/branches/:branch/latest-version/can-i-deploy/to-environment/:environment',
    access: 'read',
    handler: ({ params, ...call }) =>
      answer({ params, ...call }, [{ pacticipant: params.pacticipant!, branch: params.branch!, latest: true }], {
        latestby: 'cvp',
        limit: 100,
        ignore: [],
        environment: params.environment!,
      }),
  },
  {
    method: 'get',
    path: '/matrix/provider/:provider/consumer/:consumer',
    access: 'read',
    handler: ({ params, ...call }) =>
      answer({ params, ...call }, [{ pacticipant: params.consumer! }, { pacticipant: params.provider! }], {
        latestby: 'cvpv',
        limit: 100,
        ignore: [],
      }),
  },
];
