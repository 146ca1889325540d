// Owned players: the requests and the answers.
import { z } from 'zod';
import { successEnvelope } from '../http/envelope-schemas.ts';
import { playerIdSchema } from '../ids.ts';
import { jsonObject } from '../http/json-value.ts';

export const ownParams = z.object({ playerId: playerIdSchema });
export const ownBody = z.object({ player_data: jsonObject() }, { error: 'must be a JSON object' });

export const ownedPlayerSchema = z
  .object({
    player_id: z.string(),
    player_data: jsonObject().meta({ description: 'As last sent' }),
    owned_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'OwnedPlayer' });

export type OwnedPlayerView = z.infer<typeof ownedPlayerSchema>;

export const ownedPlayerResponse = successEnvelope(ownedPlayerSchema);
export const ownedPlayerIdsResponse = successEnvelope(
  z.object({
    players: z.array(z.string()).meta({ description: 'Player ids, first owned first' }),
    count: z.int().min(0),
  }),
);
