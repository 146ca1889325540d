import { Router } from 'express';
import { z } from 'zod';
import { success } from '../../common/http/envelope.ts';
import { jsonObject } from '../http/json-value.ts';
import { validated } from '../http/validate.ts';
import type { SessionsService } from './sessions.service.ts';

const sessionParams = z.object({ sessionId: z.string() });
const runParams = z.object({ sessionId: z.string(), runId: z.string() });
const startRunBody = z.object({ party: jsonObject(), map: jsonObject() }, { error: 'must be a JSON object' });

export function sessionsRouter(sessions: SessionsService): Router {
  const router = Router();

  router.post(
    '/session',
    validated({}, async (_input, _req, res) => {
      res.status(201).json(success(await sessions.createSession()));
    }),
  );

  router.get(
    '/session/:sessionId',
    validated({ params: sessionParams }, async ({ params }, _req, res) => {
      res.json(success(await sessions.getSession(params.sessionId)));
    }),
  );

  router.post(
    '/session/:sessionId/run',
    validated({ params: sessionParams, body: startRunBody }, async ({ params, body }, _req, res) => {
      res.status(201).json(success(await sessions.startRun(params.sessionId, body.party, body.map)));
    }),
  );

  router.get(
    '/session/:sessionId/run/:runId',
    validated({ params: runParams }, async ({ params }, _req, res) => {
      res.json(success(await sessions.getRun(params.sessionId, params.runId)));
    }),
  );

  return router;
}
