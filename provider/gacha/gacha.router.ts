import { Router } from 'express';
import { success } from '../../common/http/envelope.ts';
import { validated } from '../http/validate.ts';
import { errorResponses, jsonResponse, reply, type ApiPaths } from '../openapi/operations.ts';
import { itemListResponse, itemsQuery, rollBody, rollResponse } from './gacha.schemas.ts';
import type { GachaService } from './gacha.service.ts';

export { MAX_ITEMS_LIMIT, ROLL_COUNTS } from './gacha.schemas.ts';

export function gachaRouter(gacha: GachaService): Router {
  const router = Router();

  router.post(
    '/gacha/roll',
    validated({ body: rollBody }, async ({ body }, _req, res) => {
      reply(res, 201, rollResponse, success(await gacha.roll(body.player_id, body.type, body.count)));
    }),
  );

  router.get(
    '/gacha/items',
    validated({ query: itemsQuery }, async ({ query }, _req, res) => {
      const items = await gacha.listItems(query.limit);
      reply(res, 200, itemListResponse, success({ items, count: items.length }));
    }),
  );

  return router;
}

/** The routes above in the OpenAPI document. */
export const gachaPaths: ApiPaths = {
  '/api/game/gacha/roll': {
    post: {
      operationId: 'rollGacha',
      summary: 'Draw 1 or 10 items for a player',
      requestBody: { required: true, content: { 'application/json': { schema: rollBody } } },
      responses: {
        201: jsonResponse('The roll and the items drawn', rollResponse),
        ...errorResponses(400, 413, 415, 500, 503),
      },
    },
  },
  '/api/game/gacha/items': {
    get: {
      operationId: 'listGachaItems',
      summary: 'The item catalog, rarest first',
      requestParams: { query: itemsQuery },
      responses: {
        200: jsonResponse('Catalog items', itemListResponse),
        ...errorResponses(400, 413, 415, 500, 503),
      },
    },
  },
};
