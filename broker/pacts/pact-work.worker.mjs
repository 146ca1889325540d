// The entry of the pact worker threads. On Node 20 a worker does not inherit tsx's loader from the
// main thread, so this plain module registers it before loading the TypeScript tasks.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./pact-work.tasks.ts');

export const read = tasks.read;
export const diff = tasks.diff;
export const merge = tasks.merge;
