// In each test process (a mocha worker, or the main process when serial): its own database per kind,
// copied from the migrated template, so parallel workers never share rows.
import { createDatabase } from '../databases.ts';
import { withDatabase } from '../connection-url.ts';
import type { DatabaseKind } from '../database-kinds.ts';
import { templateName, testServerInfo } from './test-server.ts';

const databases = new Map<DatabaseKind, Promise<string>>();

export function workerId(): string {
  return process.env.MOCHA_WORKER_ID ?? 'main';
}

/** The URL of this process's database of the given kind (created on first use). */
export function testDatabaseUrl(kind: DatabaseKind): Promise<string> {
  let url = databases.get(kind);
  if (!url) {
    url = (async () => {
      const { serverUrl, prefix } = testServerInfo();
      const name = `${prefix}_${kind}_w${workerId()}`;
      await createDatabase(serverUrl, name, { template: templateName(prefix, kind) });
      return withDatabase(serverUrl, name);
    })();
    databases.set(kind, url);
  }
  return url;
}

/**
 * This process's second database of the kind, for tests that break theirs (cut it off, freeze it) and must
 * not disturb the tests that share the first. Tests in a process run one after another and each mends
 * what it broke, so they share this one: one template copy, and one client, per process rather than per
 * test file.
 */
export function isolatedTestDatabaseUrl(kind: DatabaseKind): Promise<string> {
  let url = isolated.get(kind);
  if (!url) {
    url = freshTestDatabaseUrl(kind, 'isolated');
    isolated.set(kind, url);
  }
  return url;
}
const isolated = new Map<DatabaseKind, Promise<string>>();

/** A new database copied from the template, for tests that need one of their own (say, to break it). */
export async function freshTestDatabaseUrl(kind: DatabaseKind, label: string): Promise<string> {
  const { serverUrl, prefix } = testServerInfo();
  const name = `${prefix}_${kind}_w${workerId()}_${label}`;
  await createDatabase(serverUrl, name, { template: templateName(prefix, kind) });
  return withDatabase(serverUrl, name);
}
