// What the router package offers its callers: the app factory, and the typed client of the backend.
export { createRouter, DEFAULT_TIMEOUTS, type RouterDependencies, type RouterHandler } from './router.ts';
export type { RouterTimeouts } from './config.ts';
export { BackendClient, type BackendClientOptions, type CallOptions } from './backend-client/backend-client.ts';
export * from './backend-client/errors.ts';
export type * from './backend-client/types.ts';
