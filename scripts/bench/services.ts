// Backend and router as separate processes (as deployed) on a throw-away PostgreSQL, for the load
// benchmarks (bench-load.ts, bench-burst.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../common/net/free-port.ts';
import { createDatabase } from '../../db/databases.ts';
import { migrateDeploy } from '../../db/migrate.ts';
import { projectRoot } from '../../common/project-root.ts';
import { startPostgres, type PostgresServer } from '../../db/postgres-server.ts';

export interface BenchServices {
  backend: string;
  router: string;
  databaseUrl: string;
  /** Stops the backend and router (the database stays): to start them again with other settings. */
  stopServices(): Promise<void>;
  /** Starts backend and router with these extra environment variables (the backend's, say DB_POOL_SIZE). */
  startServices(backendEnv?: Record<string, string>, routerEnv?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

function startService(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitUntilUp(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function stopChildren(children: ChildProcess[]): Promise<void> {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve))),
    ),
  );
  children.length = 0;
}

export async function startBenchServices(name: string): Promise<BenchServices> {
  const postgres: PostgresServer = await startPostgres({ instance: 'test', databaseUrl: null, name });
  const children: ChildProcess[] = [];
  await createDatabase(postgres.serverUrl, `autofighter_${name}`);
  const databaseUrl = postgres.urlFor(`autofighter_${name}`);
  await migrateDeploy('backend', databaseUrl);
  const [backendPort, routerPort] = [await freePort(), await freePort()];
  const services: BenchServices = {
    backend: `http://127.0.0.1:${backendPort}`,
    router: `http://127.0.0.1:${routerPort}`,
    databaseUrl,
    async startServices(backendEnv = {}, routerEnv = {}) {
      children.push(
        startService('provider/main.ts', {
          DATABASE_URL: databaseUrl,
          PORT: String(backendPort),
          HOST: '127.0.0.1',
          ...backendEnv,
        }),
      );
      await waitUntilUp(`${services.backend}/health`);
      children.push(
        startService('consumer/main.ts', {
          BACKEND_URL: services.backend,
          PORT: String(routerPort),
          HOST: '127.0.0.1',
          ...routerEnv,
        }),
      );
      await waitUntilUp(`${services.router}/health`);
    },
    stopServices: () => stopChildren(children),
    async stop() {
      await stopChildren(children);
      await postgres.stop();
      rmSync(join(projectRoot, '.data', 'postgres', `test-${process.pid}-${name}`), { recursive: true, force: true });
    },
  };
  await services.startServices();
  return services;
}
