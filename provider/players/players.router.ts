import { Router } from 'express';
import { z } from 'zod';
import { success } from '../../common/http/envelope.ts';
import { playerIdSchema } from '../http/ids.ts';
import { jsonObject } from '../http/json-value.ts';
import { validated } from '../http/validate.ts';
import type { PlayersService } from './players.service.ts';

const ownParams = z.object({ playerId: playerIdSchema });
const ownBody = z.object({ player_data: jsonObject() }, { error: 'must be a JSON object' });

export function playersRouter(players: PlayersService): Router {
  const router = Router();

  router.get(
    '/players/owned',
    validated({}, async (_input, _req, res) => {
      const ids = await players.listOwnedPlayerIds();
      res.json(success({ players: ids, count: ids.length }));
    }),
  );

  router.post(
    '/players/:playerId/own',
    validated({ params: ownParams, body: ownBody }, async ({ params, body }, _req, res) => {
      const { player, created } = await players.own(params.playerId, body.player_data);
      res.status(created ? 201 : 200).json(success(player));
    }),
  );

  return router;
}
