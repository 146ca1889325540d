import { Router } from 'express';
import { success } from '../../common/http/envelope.ts';
import { validated } from '../http/validate.ts';
import { errorResponses, jsonResponse, reply, type ApiPaths } from '../openapi/operations.ts';
import { ownBody, ownedPlayerIdsResponse, ownedPlayerResponse, ownParams } from './players.schemas.ts';
import type { PlayersService } from './players.service.ts';

export function playersRouter(players: PlayersService): Router {
  const router = Router();

  router.get(
    '/players/owned',
    validated({}, async (_input, _req, res) => {
      const ids = await players.listOwnedPlayerIds();
      reply(res, 200, ownedPlayerIdsResponse, success({ players: ids, count: ids.length }));
    }),
  );

  router.post(
    '/players/:playerId/own',
    validated({ params: ownParams, body: ownBody }, async ({ params, body }, _req, res) => {
      const { player, created } = await players.own(params.playerId, body.player_data);
      reply(res, created ? 201 : 200, ownedPlayerResponse, success(player));
    }),
  );

  return router;
}

/** The routes above in the OpenAPI document. */
export const playersPaths: ApiPaths = {
  '/api/game/players/owned': {
    get: {
      operationId: 'listOwnedPlayers',
      summary: 'The ids of every owned player',
      responses: {
        200: jsonResponse('Owned player ids', ownedPlayerIdsResponse),
        ...errorResponses(400, 413, 415, 500, 503),
      },
    },
  },
  '/api/game/players/{playerId}/own': {
    post: {
      operationId: 'ownPlayer',
      summary: "Own a player, or replace an owned player's data",
      requestParams: { path: ownParams },
      requestBody: { required: true, content: { 'application/json': { schema: ownBody } } },
      responses: {
        200: jsonResponse('The player was owned already: its data is replaced', ownedPlayerResponse),
        201: jsonResponse('The player is owned now', ownedPlayerResponse),
        ...errorResponses(400, 413, 415, 500, 503),
      },
    },
  },
};
