import { Router } from 'express';
import { success } from '../../common/http/envelope.ts';
import { validated } from '../http/validate.ts';
import { errorResponses, jsonResponse, reply, type ApiPaths } from '../openapi/operations.ts';
import { listQuery, runListResponse } from './runs.schemas.ts';
import type { RunsService } from './runs.service.ts';

export { MAX_PAGE_SIZE } from './runs.schemas.ts';

export function runsRouter(runs: RunsService): Router {
  const router = Router();
  router.get(
    '/runs',
    validated({ query: listQuery }, async ({ query }, _req, res) => {
      const { runs: items, pagination } = await runs.listRuns(query.page, query.page_size);
      reply(res, 200, runListResponse, success({ runs: items }, { pagination }));
    }),
  );
  return router;
}

/** The route above in the OpenAPI document. */
export const runsPaths: ApiPaths = {
  '/api/game/runs': {
    get: {
      operationId: 'listRuns',
      summary: 'Every run, newest first, a page at a time (a page past the end is empty, with the true totals)',
      requestParams: { query: listQuery },
      responses: {
        200: jsonResponse('A page of runs', runListResponse),
        ...errorResponses(400, 413, 415, 500, 503),
      },
    },
  },
};
