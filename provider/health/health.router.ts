// GET / (what this service is), GET /health (healthy or degraded, never a 500) and GET /api/ (the
// compatibility answer the router's callers rely on).
import { Router } from 'express';
import { success } from '../../common/http/envelope.ts';
import { errorResponses, jsonResponse, reply, type ApiPaths } from '../openapi/operations.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { probeDatabase } from './database-probe.ts';
import { apiRootResponse, healthResponse, serviceInfoResponse } from './health.schemas.ts';

export const SERVICE_NAME = 'autofighter-backend';

export interface ServiceInfo {
  version: string;
  startedAt: Date;
}

export function healthRouter(prisma: PrismaClient, info: ServiceInfo, dbTimeoutMs: number): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    reply(
      res,
      200,
      serviceInfoResponse,
      success({ service: SERVICE_NAME, version: info.version, api: '/api/', health: '/health' }),
    );
  });

  router.get('/health', async (_req, res) => {
    const database = await probeDatabase(prisma, dbTimeoutMs);
    reply(
      res,
      200,
      healthResponse,
      success({
        status: database.connected ? 'healthy' : 'degraded',
        service: SERVICE_NAME,
        version: info.version,
        uptime_seconds: Math.round((Date.now() - info.startedAt.getTime()) / 1000),
        checks: { database },
      }),
    );
  });

  router.get('/api/', async (_req, res) => {
    const database = await probeDatabase(prisma, dbTimeoutMs);
    reply(res, 200, apiRootResponse, { flavor: 'default', status: 'ok', database_connected: database.connected });
  });

  return router;
}

/** The routes above in the OpenAPI document. */
export const healthPaths: ApiPaths = {
  '/': {
    get: {
      operationId: 'describeService',
      summary: 'What this service is',
      responses: {
        200: jsonResponse('Name, version and paths', serviceInfoResponse),
        ...errorResponses(400, 413, 415, 500),
      },
    },
  },
  '/health': {
    get: {
      operationId: 'health',
      summary: 'Healthy, or degraded while the database does not answer (never an error status for that)',
      responses: { 200: jsonResponse('The health report', healthResponse), ...errorResponses(400, 413, 415, 500) },
    },
  },
  '/api/': {
    get: {
      operationId: 'apiRoot',
      summary: 'The compatibility answer (outside the envelope)',
      responses: {
        200: jsonResponse('Flavor and database state', apiRootResponse),
        ...errorResponses(400, 413, 415, 500),
      },
    },
  },
};
