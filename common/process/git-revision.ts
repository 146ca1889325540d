// The checkout's commit and branch: the provider version and branch that verification reports to the
// broker unless GIT_COMMIT / GIT_BRANCH say otherwise (see provider/pact/verification-config.ts).
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../project-root.ts';

export interface GitRevision {
  commit?: string;
  /** Undefined on a detached HEAD (CI checkouts of a pull request often are). */
  branch?: string;
}

function git(args: string[]): string | undefined {
  try {
    return (
      execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
      undefined
    );
  } catch {
    return undefined; // no git, or not a repository (say, an unpacked release)
  }
}

export function readGitRevision(): GitRevision {
  const commit = git(['rev-parse', 'HEAD']);
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD']);
  return { ...(commit ? { commit } : {}), ...(branch && branch !== 'HEAD' ? { branch } : {}) };
}
