import { Router } from 'express';
import { success } from '../../common/http/envelope.ts';
import { validated } from '../http/validate.ts';
import { errorResponses, jsonResponse, reply, type ApiPaths } from '../openapi/operations.ts';
import { applyBody, upgradeParams, upgradesResponse } from './upgrades.schemas.ts';
import type { UpgradesService } from './upgrades.service.ts';

export { MAX_DELTA } from './upgrades.schemas.ts';

export function upgradesRouter(upgrades: UpgradesService): Router {
  const router = Router();

  router.get(
    '/players/:playerId/upgrades',
    validated({ params: upgradeParams }, async ({ params: { playerId } }, _req, res) => {
      reply(res, 200, upgradesResponse, success(await upgrades.get(playerId)));
    }),
  );

  router.post(
    '/players/:playerId/upgrades',
    validated({ params: upgradeParams, body: applyBody }, async ({ params: { playerId }, body }, _req, res) => {
      const view = await upgrades.apply(playerId, {
        pointsDelta: body.points_delta ?? 0,
        statDeltas: body.stat_upgrades ?? {},
      });
      reply(res, 200, upgradesResponse, success(view));
    }),
  );

  return router;
}

/** The routes above in the OpenAPI document. */
export const upgradesPaths: ApiPaths = {
  '/api/game/players/{playerId}/upgrades': {
    get: {
      operationId: 'getUpgrades',
      summary: "A player's upgrade points and stats",
      requestParams: { path: upgradeParams },
      responses: {
        200: jsonResponse('The totals', upgradesResponse),
        ...errorResponses(400, 413, 415, 500, 503),
      },
    },
    post: {
      operationId: 'applyUpgrades',
      summary: 'Add to (or take from) the points and stats, atomically',
      requestParams: { path: upgradeParams },
      requestBody: { required: true, content: { 'application/json': { schema: applyBody } } },
      responses: {
        200: jsonResponse('The new totals', upgradesResponse),
        ...errorResponses(400, 409, 413, 415, 500, 503),
      },
    },
  },
};
