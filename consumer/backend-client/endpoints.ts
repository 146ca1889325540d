// Every backend endpoint the router relies on, with each status it is prepared for and the body it reads
// then. BackendClient parses answers with these schemas; the coverage guard asks the pact for at least
// one interaction per endpoint and status that constrains every field listed here.
import type { z } from 'zod';
import {
  apiStatusSchema,
  backendHealthSchema,
  errorEnvelopeSchema,
  gachaItemListSchema,
  gachaRollSchema,
  ownedPlayerListSchema,
  ownedPlayerSchema,
  paginationSchema,
  runListSchema,
  runSchema,
  sessionSchema,
  sessionWithRunsSchema,
  successEnvelope,
  upgradesSchema,
} from './schemas.ts';

export interface EndpointResponse {
  /** When the backend answers this status, in words (shown by the coverage guard). */
  when: string;
  body: z.ZodType;
}

export interface Endpoint {
  method: 'GET' | 'POST';
  /** Express-style: `:name` is one path segment. */
  path: string;
  responses: Readonly<Record<number, EndpointResponse>>;
}

const error = (when: string): EndpointResponse => ({ when, body: errorEnvelopeSchema });

export const backendEndpoints = {
  health: {
    method: 'GET',
    path: '/health',
    responses: { 200: { when: 'healthy or degraded', body: successEnvelope(backendHealthSchema) } },
  },
  apiStatus: {
    method: 'GET',
    path: '/api/',
    responses: { 200: { when: 'always', body: apiStatusSchema } },
  },
  createSession: {
    method: 'POST',
    path: '/api/game/session',
    responses: { 201: { when: 'created', body: successEnvelope(sessionSchema) } },
  },
  getSession: {
    method: 'GET',
    path: '/api/game/session/:sessionId',
    responses: {
      200: { when: 'the session exists', body: successEnvelope(sessionWithRunsSchema) },
      404: error('no such session'),
    },
  },
  startRun: {
    method: 'POST',
    path: '/api/game/session/:sessionId/run',
    responses: {
      201: { when: 'started', body: successEnvelope(runSchema) },
      400: error('party or map is not a JSON object'),
      404: error('no such session'),
    },
  },
  getRun: {
    method: 'GET',
    path: '/api/game/session/:sessionId/run/:runId',
    responses: {
      200: { when: 'the run exists in the session', body: successEnvelope(runSchema) },
      404: error('no such session, or no such run in it'),
    },
  },
  listRuns: {
    method: 'GET',
    path: '/api/game/runs',
    responses: {
      200: {
        when: 'a page of runs, newest first',
        body: successEnvelope(runListSchema, { pagination: paginationSchema }),
      },
      400: error('page or page_size out of range'),
    },
  },
  ownPlayer: {
    method: 'POST',
    path: '/api/game/players/:playerId/own',
    responses: {
      201: { when: 'the player was not owned before', body: successEnvelope(ownedPlayerSchema) },
      200: { when: 'the player was already owned: its data replaced', body: successEnvelope(ownedPlayerSchema) },
      400: error('player_data is not a JSON object'),
    },
  },
  listOwnedPlayers: {
    method: 'GET',
    path: '/api/game/players/owned',
    responses: { 200: { when: 'always', body: successEnvelope(ownedPlayerListSchema) } },
  },
  getUpgrades: {
    method: 'GET',
    path: '/api/game/players/:playerId/upgrades',
    responses: { 200: { when: 'always (zeros for a new player)', body: successEnvelope(upgradesSchema) } },
  },
  applyUpgrades: {
    method: 'POST',
    path: '/api/game/players/:playerId/upgrades',
    responses: {
      200: { when: 'applied: the new totals', body: successEnvelope(upgradesSchema) },
      400: error('neither points_delta nor stat_upgrades, or a bad value'),
      409: error('a total would go below zero'),
    },
  },
  roll: {
    method: 'POST',
    path: '/api/game/gacha/roll',
    responses: {
      201: { when: 'rolled', body: successEnvelope(gachaRollSchema) },
      400: error('no player_id, or an unknown type or count'),
    },
  },
  listGachaItems: {
    method: 'GET',
    path: '/api/game/gacha/items',
    responses: {
      200: { when: 'at most `limit` catalog items', body: successEnvelope(gachaItemListSchema) },
      400: error('limit out of range'),
    },
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof backendEndpoints;
