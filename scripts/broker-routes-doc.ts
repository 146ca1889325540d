// `npm run docs:routes`: writes docs/broker-routes.md from the broker's route table (broker/routes.ts), so
// the list of routes never drifts from what the broker serves (scripts/broker-routes-doc.spec.ts fails when
// the file and the table differ). The text goes through Prettier, as `npm run format` would write it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { projectRoot } from '../common/project-root.ts';
import type { Route } from '../broker/http/resource.ts';
import { routes } from '../broker/routes.ts';

export const ROUTES_DOC = join(projectRoot, 'docs/broker-routes.md');

const ACCESS: Record<Route['access'], string> = {
  public: 'public',
  read: 'read',
  write: 'write',
  badge: 'read (public with `BROKER_ENABLE_PUBLIC_BADGE_ACCESS`)',
};

/** The value each path parameter takes in the examples. */
function exampleValue(name: string, path: string): string {
  const values: Record<string, string> = {
    provider: 'Bar',
    consumer: 'Foo',
    pacticipant: 'Foo',
    version: '1.0.0',
    version2: '1.0.1',
    sha: '0a3710f6ef4c66e03c617df0cc81d4cd3359fd31',
    sha2: '7d8ce4c4b5a5f7e0c4b2a3e1f6d7c8b9a0e1f2d3',
    metadata: 'c1tdW2N2XT0x',
    number: '1',
    tag: 'prod',
    providerTag: 'prod',
    branch: 'main',
    label: 'team-a',
    to: 'production',
    uuid: '5a4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c',
    rel: 'latest-pact-versions',
  };
  // An environment is named in can-i-deploy paths, and given by its uuid everywhere else.
  if (name === 'environment') return path.includes('/to-environment/') ? 'production' : values.uuid!;
  return values[name] ?? name;
}

export function exampleOf(route: Route): string {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => exampleValue(name, route.path));
  const parts = ['curl'];
  if (route.method !== 'get') parts.push(`-X ${route.method.toUpperCase()}`);
  if (route.access === 'write') parts.push('-u admin:secret');
  if (['post', 'put', 'patch'].includes(route.method)) parts.push(`-H 'Content-Type: application/json' -d @body.json`);
  parts.push(`$BROKER${path}`);
  return parts.join(' ');
}

/** The markdown, before Prettier. */
export function routesMarkdown(table: Route[]): string {
  const rows = table.map(
    (route) =>
      `| ${route.method.toUpperCase()} | \`${route.path.replace(/:(\w+)/g, '{$1}')}\` | ${ACCESS[route.access]} | \`${exampleOf(route)}\` |`,
  );
  const writes = table.filter((route) => route.access === 'write').length;
  return [
    '# Broker routes',
    '',
    '<!-- Generated from broker/routes.ts by `npm run docs:routes`; scripts/broker-routes-doc.spec.ts fails when they differ. -->',
    '',
    `Every route of the broker's API (${table.length} routes, ${writes} of them writes), in the order the broker`,
    'matches them. Access: **read** routes need read-only or read-write credentials (or none, when no credentials',
    'are configured or `BROKER_ALLOW_PUBLIC_READ` is on); **write** routes need read-write credentials; **public**',
    'routes need none ([broker-configuration.md](broker-configuration.md#authentication)). In the examples, `$BROKER`',
    "is the broker's base URL and `body.json` the request body; what each route does is described in",
    "[broker-api.md](broker-api.md). The dashboard's HTML pages answer browsers on some of these URLs",
    '([broker-dashboard.md](broker-dashboard.md)).',
    '',
    '| method | path | access | example |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export async function renderRoutesDoc(table: Route[] = routes): Promise<string> {
  const options = (await prettier.resolveConfig(ROUTES_DOC)) ?? {};
  return prettier.format(routesMarkdown(table), { ...options, filepath: ROUTES_DOC });
}

/** What is wrong with the doc: '' when it is what the table gives. */
export async function routesDocDrift(doc: string, table: Route[] = routes): Promise<string> {
  const expected = await renderRoutesDoc(table);
  if (doc === expected) return '';
  const have = new Set(doc.split('\n'));
  const want = new Set(expected.split('\n'));
  const missing = [...want].filter((line) => !have.has(line));
  const extra = [...have].filter((line) => !want.has(line));
  return [
    'docs/broker-routes.md differs from broker/routes.ts: run `npm run docs:routes`.',
    ...missing.map((line) => `missing: ${line}`),
    ...extra.map((line) => `not in the table: ${line}`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(ROUTES_DOC, await renderRoutesDoc());
  process.stdout.write(`wrote ${ROUTES_DOC} (${routes.length} routes)\n`);
}
