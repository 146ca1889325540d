// GET / (what this service is), GET /health (healthy or degraded, never a 500) and GET /api/ (the
// compatibility answer the router's callers rely on).
import { Router } from 'express';
import { success } from '../../common/http/envelope.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { probeDatabase } from './database-probe.ts';

export const SERVICE_NAME = 'autofighter-backend';

export interface ServiceInfo {
  version: string;
  startedAt: Date;
}

export function healthRouter(prisma: PrismaClient, info: ServiceInfo, dbTimeoutMs: number): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json(success({ service: SERVICE_NAME, version: info.version, api: '/api/', health: '/health' }));
  });

  router.get('/health', async (_req, res) => {
    const database = await probeDatabase(prisma, dbTimeoutMs);
    res.json(
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
    res.json({ flavor: 'default', status: 'ok', database_connected: database.connected });
  });

  return router;
}
