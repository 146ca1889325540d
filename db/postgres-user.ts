// PostgreSQL refuses to run as root: a process running as root starts it as the `postgres` system user,
// which is created when the machine has none (as Debian's PostgreSQL packages would create it).
import { execFileSync } from 'node:child_process';
import { StartupError } from '../common/process/startup-error.ts';

export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

export const POSTGRES_USER_NAME = 'postgres';

function lookUp(name: string): SystemUser | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

function groupExists(name: string): boolean {
  try {
    execFileSync('getent', ['group', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The `postgres` system user, created if missing. Only root may call this (only root needs it). */
export function postgresSystemUser(): SystemUser {
  const existing = lookUp(POSTGRES_USER_NAME);
  if (existing) return existing;
  const group = groupExists(POSTGRES_USER_NAME) ? ['--gid', POSTGRES_USER_NAME] : ['--user-group'];
  let failure = '';
  try {
    execFileSync(
      'useradd',
      ['--system', ...group, '--no-create-home', '--shell', '/usr/sbin/nologin', POSTGRES_USER_NAME],
      { stdio: 'pipe' },
    );
  } catch (error) {
    // Another process starting at the same moment may have created it: looked up again below.
    failure = String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim();
  }
  const created = lookUp(POSTGRES_USER_NAME);
  if (created) return created;
  throw new StartupError(
    `embedded PostgreSQL cannot run as root and there is no "postgres" user to run it as; creating one failed ` +
      `(${failure}): create it (useradd --system --user-group postgres), run as another user, or set DATABASE_URL`,
  );
}
