// `npm run check:cycles` (part of `npm run lint`): no import loops in the project's code. madge follows
// every import, type-only ones included, and prints each loop it finds; the exit code is 1 if any.
import madge from 'madge';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../common/project-root.ts';

/** The folders whose code must hold no loops (generated Prisma clients loop by design and stay out). */
export const CHECKED_FOLDERS = ['common', 'db', 'provider', 'consumer', 'broker', 'stack', 'scripts'];

/** Every import loop among the TypeScript files under `folders` (paths relative to `baseDir`). */
export async function findImportCycles(baseDir: string, folders: string[]): Promise<string[][]> {
  return (await importGraph(baseDir, folders)).circular();
}

async function importGraph(baseDir: string, folders: string[]) {
  return madge(
    folders.map((folder) => join(baseDir, folder)),
    {
      baseDir,
      fileExtensions: ['ts'],
      excludeRegExp: [/^(generated|node_modules)\//, /\.d\.ts$/],
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const graph = await importGraph(projectRoot, CHECKED_FOLDERS);
  const cycles = graph.circular();
  for (const cycle of cycles) process.stderr.write(`import loop: ${[...cycle, cycle[0]].join(' -> ')}\n`);
  const files = Object.keys(graph.obj()).length;
  process.stdout.write(`check:cycles: ${files} files, ${cycles.length} import loops\n`);
  if (cycles.length > 0) process.exitCode = 1;
}
