// The router's health: GET /health (the router itself, no backend call), GET /health/detailed (with
// the backend's state) and GET /health/services/backend. Always 200 when the router answers: an
// unhealthy backend is reported in the body (`healthy: false`), like the backend's own `degraded`.
import { Router } from 'express';
import { success } from '../../common/http/envelope.ts';
import { requestIdOf } from '../../common/http/request-id.ts';
import { NotFoundError } from '../http/errors.ts';
import type { BackendMonitor } from './backend-monitor.ts';

export const ROUTER_SERVICE_NAME = 'autofighter-router';

export interface RouterInfo {
  version: string;
  startedAt: Date;
}

export function healthRouter(monitor: BackendMonitor, info: RouterInfo): Router {
  const router = Router();
  const about = () => ({
    service: ROUTER_SERVICE_NAME,
    version: info.version,
    uptime_seconds: Math.round((Date.now() - info.startedAt.getTime()) / 1000),
  });

  router.get('/health', (_req, res) => {
    res.json(success({ ...about(), status: 'healthy' }));
  });

  router.get('/health/detailed', async (req, res) => {
    const backend = await monitor.check(requestIdOf(req));
    res.json(success({ ...about(), status: backend.healthy ? 'healthy' : 'degraded', services: { backend } }));
  });

  router.get('/health/services/:service', async (req, res) => {
    if (req.params.service !== 'backend') {
      throw new NotFoundError(`Unknown service "${req.params.service.slice(0, 64)}"; known services: backend`);
    }
    const backend = await monitor.check(requestIdOf(req));
    res.json(success({ service: 'backend', ...backend }));
  });

  return router;
}
