// autofighter-backend: the game API. createApp builds the Express app from its dependencies; only
// server.ts listens. Provider verification and the tests run this same app.
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { httpLogger } from '../common/http/http-logger.ts';
import { requestId } from '../common/http/request-id.ts';
import type { BackendConfig } from './config.ts';
import type { PrismaClient } from './prisma-client.ts';
import { admission } from './http/admission.ts';
import { errorHandler, notFoundHandler } from './http/error-handler.ts';
import { healthRouter } from './health/health.router.ts';
import { sessionsRouter } from './sessions/sessions.router.ts';
import { SessionsService } from './sessions/sessions.service.ts';
import { runsRouter } from './runs/runs.router.ts';
import { RunsService } from './runs/runs.service.ts';
import { playersRouter } from './players/players.router.ts';
import { PlayersService } from './players/players.service.ts';
import { upgradesRouter } from './upgrades/upgrades.router.ts';
import { UpgradesService } from './upgrades/upgrades.service.ts';
import { gachaRouter } from './gacha/gacha.router.ts';
import { GachaService } from './gacha/gacha.service.ts';
import { openApiRouter } from './openapi/openapi.router.ts';
import type { Random } from './gacha/roller.ts';
import packageJson from '../package.json' with { type: 'json' };

export interface BackendDependencies {
  prisma: PrismaClient;
  logger: Logger;
  config: BackendConfig;
  /** The gacha's random source, in [0, 1). */
  random?: Random;
}

export function createApp({ prisma, logger, config, random = Math.random }: BackendDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple'); // no nested objects from `?a[b]=c`

  app.use(requestId());
  if (logger.isLevelEnabled('error')) app.use(httpLogger(logger)); // no per-request cost when logging is off
  // Health checks are answered even at the limit: a busy backend is not a dead one.
  app.use(admission(config.maxConcurrentRequests, (req) => req.path === '/health'));
  app.use(express.json({ limit: config.bodyLimit, strict: true }));

  app.use(healthRouter(prisma, { version: packageJson.version, startedAt: new Date() }, config.healthDbTimeoutMs));
  app.use(openApiRouter(packageJson.version));

  const game = express.Router();
  game.use(sessionsRouter(new SessionsService(prisma)));
  game.use(runsRouter(new RunsService(prisma)));
  game.use(playersRouter(new PlayersService(prisma)));
  game.use(upgradesRouter(new UpgradesService(prisma)));
  game.use(gachaRouter(new GachaService(prisma, random)));
  app.use('/api/game', game);

  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
