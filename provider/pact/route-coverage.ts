// Which backend routes no pact exercises. The routes come from the production app's own route table
// (Express 5's router: route layers, and routers mounted under a path), and a request is matched to a
// route by those same layers' `match`, so the report agrees with how the app routes. The requests are
// the ones the Verifier actually sent to the app (verify-backend.ts records them), which covers every
// pact source, the broker's included.
//
// Reading the route table relies on the router's layer objects (`route`, `handle.stack`, `rawPath`,
// `match`): Express documents no API for it. A router release that changes them makes
// routeTable throw, rather than report wrong figures.
import type { Express } from 'express';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
  /** `path` is the part of the request path this layer matched (a mount path's prefix). */
  match(path: string): false | { path: string };
}

export interface BackendRoute {
  method: string;
  /** As declared, mount path included: `/api/game/session/:sessionId`. */
  path: string;
  matches(method: string, path: string): boolean;
}

export interface ExercisedRequest {
  method: string;
  /** The request target as sent: path and query string. */
  url: string;
}

function mountPath(layer: Layer): string {
  if (layer.rawPath === undefined)
    throw new Error('route coverage: the Express router no longer exposes layer.rawPath; update route-coverage.ts');
  if (typeof layer.rawPath !== 'string') return String(layer.rawPath);
  return layer.rawPath === '/' ? '' : layer.rawPath.replace(/\/$/, '');
}

/** True when `path` passes every mount layer of `chain` and then the route layer at its end. */
function chainMatches(chain: readonly Layer[], path: string): boolean {
  let rest = path;
  for (const layer of chain) {
    const matched = layer.match(rest);
    if (!matched) return false;
    rest = rest.slice(matched.path.length) || '/';
  }
  return true;
}

function collect(stack: readonly Layer[], chain: readonly Layer[], prefix: string): BackendRoute[] {
  return stack.flatMap((layer): BackendRoute[] => {
    if (layer.route) {
      const route = layer.route;
      const routeChain = [...chain, layer];
      return Object.keys(route.methods)
        .filter((method) => route.methods[method] && method !== '_all')
        .map((method) => ({
          method: method.toUpperCase(),
          path: `${prefix}${route.path}`,
          matches: (requestMethod, path) =>
            requestMethod.toUpperCase() === method.toUpperCase() && chainMatches(routeChain, path),
        }));
    }
    if (Array.isArray(layer.handle.stack))
      return collect(layer.handle.stack, [...chain, layer], `${prefix}${mountPath(layer)}`);
    return []; // middleware
  });
}

/** Every method and path the app routes. */
export function routeTable(app: Express): BackendRoute[] {
  const router = (app as unknown as { router?: { stack?: Layer[] } }).router;
  if (!Array.isArray(router?.stack))
    throw new Error('route coverage: cannot read the Express route table (app.router.stack)');
  return collect(router.stack, [], '');
}

export interface CoverageReport {
  uncovered: BackendRoute[];
  text: string;
}

export function routeCoverage(routes: readonly BackendRoute[], requests: readonly ExercisedRequest[]): CoverageReport {
  const paths = requests.map(({ method, url }) => ({ method, path: url.split('?')[0] ?? url }));
  const uncovered = routes.filter((route) => !paths.some(({ method, path }) => route.matches(method, path)));
  const lines = [
    `Route coverage: ${routes.length - uncovered.length} of ${routes.length} backend routes exercised by the pacts`,
  ];
  for (const route of uncovered) lines.push(`  not exercised: ${route.method} ${route.path}`);
  return { uncovered, text: lines.join('\n') };
}
