// Resources a test process keeps across spec files (say, a database client), closed once at the end.
//
// Serial run: the root `afterAll` hook runs once, after every file, and closes them so the process can
// exit. Parallel run: root hooks run after each file inside a worker, so resources stay open for the
// worker's next file; mocha ends the worker process itself.
const resources = new Map<string, { value: Promise<unknown>; dispose: (value: never) => Promise<void> }>();

export function processResource<T>(
  key: string,
  create: () => Promise<T>,
  dispose: (value: T) => Promise<void>,
): Promise<T> {
  let entry = resources.get(key);
  if (!entry) {
    entry = { value: create(), dispose: dispose as (value: never) => Promise<void> };
    resources.set(key, entry);
  }
  return entry.value as Promise<T>;
}

export async function disposeProcessResources(): Promise<void> {
  const entries = [...resources.values()];
  resources.clear();
  await Promise.all(entries.map(async ({ value, dispose }) => dispose((await value) as never)));
}

export const inMochaWorker = (): boolean => process.env.MOCHA_WORKER_ID !== undefined;
