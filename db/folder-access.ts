// Whether another user (PostgreSQL's `postgres` system user, when we run as root) can reach a path.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** True when every folder from the root down to `path` lets any user pass through (its "x" for others). */
export function everyoneCanEnter(path: string): boolean {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}
