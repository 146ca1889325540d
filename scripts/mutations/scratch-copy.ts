// A scratch copy of the project for the mutation test: the files git knows (committed, or new and not
// ignored) copied into a temporary folder, with node_modules and the generated Prisma clients linked
// rather than copied. Mutations are applied there only, never to the working tree.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Linked, not copied: large, and never mutated. */
const LINKED = ['node_modules', 'generated'];

export interface ScratchCopy {
  root: string;
  remove(): void;
}

export function createScratchCopy(projectRoot: string, label = 'mutations'): ScratchCopy {
  const root = realpathSync(mkdtempSync(join(tmpdir(), `${label}-`)));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: projectRoot,
    maxBuffer: 64 * 1024 * 1024,
  })
    .toString()
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const target = join(root, file);
    mkdirSync(dirname(target), { recursive: true });
    // A file deleted in the working tree but not yet in git's index is simply not copied.
    cpSync(join(projectRoot, file), target, { errorOnExist: false, force: true, dereference: false });
  }
  for (const name of LINKED) symlinkSync(join(projectRoot, name), join(root, name));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** `file` (relative to `root`) as an absolute path, refusing anything outside `root`. */
export function insideScratch(root: string, file: string): string {
  const path = resolve(root, file);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`${file} is outside the scratch copy`);
  if (LINKED.some((name) => rel === name || rel.startsWith(`${name}/`)))
    throw new Error(`${file} is linked from the working tree: it cannot be mutated`);
  return path;
}
