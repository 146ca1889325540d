// Failure drills on real processes. (The backend stopping under a running router, and coming back, is
// drilled in consumer/proxy/backend-failures.spec.ts; the broker down during a publish, with the
// pipeline, in scripts/pipeline/.)
import { rmSync } from 'node:fs';
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { listen, type RunningServer } from '../common/http/listen.ts';
import { createDatabase } from '../db/databases.ts';
import { migrateDeploy } from '../db/migrate.ts';
import { startPostgres, type PostgresServer } from '../db/postgres-server.ts';
import { createApp } from '../provider/app.ts';
import { backendConfig } from '../provider/config.ts';
import { seedGachaCatalog } from '../provider/gacha/catalog.ts';
import { createPrismaClient, type PrismaClient } from '../provider/prisma-client.ts';
import { useRouter } from '../consumer/testing/router-test-context.ts';

describe('drill: PostgreSQL restarts under a running backend', function () {
  this.timeout(90_000);
  // A PostgreSQL of its own (never the run's shared one), whose data survives a stop.
  const clusterOptions = { instance: 'test' as const, databaseUrl: null, name: 'restart_drill', keepData: true };
  let postgres: PostgresServer;
  let prisma: PrismaClient;
  let backend: RunningServer;
  let dataDir: string;

  before(async () => {
    postgres = await startPostgres(clusterOptions);
    dataDir = /\((.+)\)$/.exec(postgres.description)![1]!;
    await createDatabase(postgres.serverUrl, 'autofighter');
    const url = postgres.urlFor('autofighter');
    await migrateDeploy('backend', url);
    prisma = createPrismaClient(url);
    await seedGachaCatalog(prisma);
    backend = await listen(createApp({ prisma, logger: pino({ level: 'silent' }), config: backendConfig() }));
  });
  const router = useRouter(() => backend.url);

  after(async () => {
    await backend?.close();
    await prisma?.$disconnect();
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('while PostgreSQL is down the backend is degraded and refuses writes with 503; once it is back, all works without a restart', async () => {
    await request(router.server).post('/api/game/session').expect(201);

    await postgres.stop();
    const degraded = await request(backend.server).get('/health').expect(200);
    expect(degraded.body.data.status).to.equal('degraded');
    const viaRouter = await request(router.server).get('/health/detailed').expect(200);
    expect(viaRouter.body.data.services.backend).to.include({ healthy: false, status: 'degraded' });
    const refused = await request(router.server).post('/api/game/session').expect(503);
    expect(refused.body).to.include({ status: 'error', code: 'database_unavailable' });

    postgres = await startPostgres({ ...clusterOptions, port: postgres.port });
    const healthy = await request(backend.server).get('/health').expect(200);
    expect(healthy.body.data.status).to.equal('healthy');
    const created = await request(router.server).post('/api/game/session').expect(201);
    const stored = await prisma.gameSession.findUnique({ where: { id: created.body.data.session_id } });
    expect(stored).to.not.equal(null);
    // What was written before the restart is still there.
    expect(await prisma.gameSession.count()).to.equal(2);
  });
});
