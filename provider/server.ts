// Starts the backend's HTTP server on a database that is ready (migrated). Used by main.ts and by the
// whole-stack command; tests build the app with createApp and listen on port 0 themselves.
import type { Logger } from 'pino';
import { listen, type RunningServer } from '../common/http/listen.ts';
import { onShutdown } from '../common/process/shutdown.ts';
import { createApp } from './app.ts';
import type { BackendConfig } from './config.ts';
import { seedGachaCatalog } from './gacha/catalog.ts';
import { createPrismaClient } from './prisma-client.ts';

export async function startBackendServer(
  databaseUrl: string,
  config: BackendConfig,
  logger: Logger,
): Promise<RunningServer> {
  const prisma = createPrismaClient(databaseUrl, config.database);
  onShutdown('backend database client', () => prisma.$disconnect());
  await seedGachaCatalog(prisma);
  // A burst of a thousand connections is queued by the kernel rather than dropped (docs/limits-backend-and-router.md).
  const server = await listen(createApp({ prisma, logger, config }), config.port, config.host, { backlog: 2048 });
  onShutdown('backend http server', () => server.close());
  return server;
}
