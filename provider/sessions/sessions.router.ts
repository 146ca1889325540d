import { Router } from 'express';
import { success } from '../../common/http/envelope.ts';
import { validated } from '../http/validate.ts';
import { errorResponses, jsonResponse, reply, type ApiPaths } from '../openapi/operations.ts';
import {
  runParams,
  runResponse,
  sessionParams,
  sessionResponse,
  sessionWithRunsResponse,
  startRunBody,
} from './sessions.schemas.ts';
import type { SessionsService } from './sessions.service.ts';

export function sessionsRouter(sessions: SessionsService): Router {
  const router = Router();

  router.post(
    '/session',
    validated({}, async (_input, _req, res) => {
      reply(res, 201, sessionResponse, success(await sessions.createSession()));
    }),
  );

  router.get(
    '/session/:sessionId',
    validated({ params: sessionParams }, async ({ params }, _req, res) => {
      reply(res, 200, sessionWithRunsResponse, success(await sessions.getSession(params.sessionId)));
    }),
  );

  router.post(
    '/session/:sessionId/run',
    validated({ params: sessionParams, body: startRunBody }, async ({ params, body }, _req, res) => {
      reply(res, 201, runResponse, success(await sessions.startRun(params.sessionId, body.party, body.map)));
    }),
  );

  router.get(
    '/session/:sessionId/run/:runId',
    validated({ params: runParams }, async ({ params }, _req, res) => {
      reply(res, 200, runResponse, success(await sessions.getRun(params.sessionId, params.runId)));
    }),
  );

  return router;
}

/** The routes above in the OpenAPI document (their paths under the app's /api/game mount). */
export const sessionsPaths: ApiPaths = {
  '/api/game/session': {
    post: {
      operationId: 'createSession',
      summary: 'Start a game session',
      responses: {
        201: jsonResponse('The new session', sessionResponse),
        ...errorResponses(400, 413, 415, 500, 503),
      },
    },
  },
  '/api/game/session/{sessionId}': {
    get: {
      operationId: 'getSession',
      summary: 'A session and the ids of its runs',
      requestParams: { path: sessionParams },
      responses: {
        200: jsonResponse('The session', sessionWithRunsResponse),
        ...errorResponses(400, 404, 413, 415, 500, 503),
      },
    },
  },
  '/api/game/session/{sessionId}/run': {
    post: {
      operationId: 'startRun',
      summary: 'Start a run in a session',
      requestParams: { path: sessionParams },
      requestBody: { required: true, content: { 'application/json': { schema: startRunBody } } },
      responses: {
        201: jsonResponse('The new run', runResponse),
        ...errorResponses(400, 404, 413, 415, 500, 503),
      },
    },
  },
  '/api/game/session/{sessionId}/run/{runId}': {
    get: {
      operationId: 'getRun',
      summary: 'One run of a session',
      requestParams: { path: runParams },
      responses: {
        200: jsonResponse('The run', runResponse),
        ...errorResponses(400, 404, 413, 415, 500, 503),
      },
    },
  },
};
