// The broker: a Pact Broker-compatible HAL API over its own PostgreSQL database. createBrokerApp
// builds the Express app from its dependencies; only server.ts listens. Tests and the client proofs
// run this same app.
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { httpLogger } from '../common/http/http-logger.ts';
import { requestId } from '../common/http/request-id.ts';
import type { BrokerConfig } from './config.ts';
import { authorize } from './http/auth.ts';
import { brokerErrorHandler, notFoundHandler } from './http/error-handler.ts';
import { jsonBody } from './http/json-body.ts';
import { parseRackQuery } from './rack-query.ts';
import { runResource } from './http/resource.ts';
import type { PrismaClient } from './prisma-client.ts';
import { routes } from './routes.ts';
import { createServices } from './services.ts';
import { createUiRouter } from './ui/router.ts';

export interface BrokerDependencies {
  prisma: PrismaClient;
  logger: Logger;
  config: BrokerConfig;
}

export function createBrokerApp({ prisma, logger, config }: BrokerDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // The Pact Broker's nested query rules (order-dependent `q[][...]`), not qs's.
  app.set('query parser', parseRackQuery);

  app.use(requestId());
  if (logger.isLevelEnabled('error')) app.use(httpLogger(logger)); // no per-request cost when logging is off
  app.use(jsonBody(config.bodyLimit));

  const services = createServices(prisma, config);
  // The dashboard first: it answers browsers on the API's URLs and passes everything else on.
  app.use(createUiRouter({ services, config }));
  const router = express.Router();
  for (const route of routes) {
    const access = route.access === 'badge' ? (config.publicBadgeAccess ? 'public' : 'read') : route.access;
    router[route.method](route.path, authorize(access, config.auth), runResource(route.handler, services, config));
  }
  app.use(router);

  app.use(notFoundHandler());
  app.use(brokerErrorHandler(logger, config.baseUrl));
  return app;
}
