// The layers, as import rules (eslint-plugin-import-x's no-restricted-paths, checked by `npm run lint`;
// scripts/lint-config.spec.ts proves each one refuses a violating import).
//
//   common/            shared by every app; imports no app and no database code
//   db/                PostgreSQL for everyone: the server, databases, test databases; imports no app
//   provider/ consumer/ broker/   the three apps: each may import common/ and db/, never another app
//                      (a spec may start another app through that app's testing/ helpers)
//   stack/ scripts/    compose the apps: may import anything
//
// Inside an app the layers point one way: routes -> resources -> services -> repositories.
// - Broker resources and dashboard pages read through services: no repositories, no Prisma client.
// - Services and repositories (the domain folders) know nothing of HTTP: no resources, serializers,
//   routes, dashboard, composition root (services.ts), Express or anything in broker/http/: their
//   errors are in broker/domain-errors.ts, the page they read in broker/paging.ts, the Rack-style query
//   codec in broker/rack-query.ts.
// - Backend services do not import routers, the app, the http/ folder or Express either: their errors
//   are in provider/domain-errors.ts.
const APPS = ['provider', 'consumer', 'broker'];
const COMPOSERS = ['stack', 'scripts'];

const BROKER_DOMAIN = [
  'badges',
  'deployments',
  'environments',
  'for-verification',
  'integrations',
  'matrix',
  'metrics',
  'pacticipants',
  'pacts',
  'provider-contracts',
  'retention',
  'verifications',
  'versions',
  'webhooks',
].map((folder) => `broker/${folder}/**`);

// The plugin takes a zone's `from` as all globs or all plain paths (folders or files): a rule with both is
// given as two zones.
const isGlob = (path) => /[*{]/.test(path);
const zone = (target, from, message, except) => {
  const paths = [from].flat();
  return [paths.filter(isGlob), paths.filter((path) => !isGlob(path))]
    .filter((part) => part.length > 0)
    .map((part) => ({ target, from: part, message, ...(except ? { except } : {}) }));
};

const zones = [
  zone('common/**', [...APPS, 'db', ...COMPOSERS], 'common/ is shared by all: it imports no app or db code.'),
  zone('db/**', [...APPS, ...COMPOSERS], 'db/ holds databases only: apps register what it needs.'),
  ...APPS.map((app) =>
    zone(
      `${app}/**`,
      [...APPS.filter((other) => other !== app), ...COMPOSERS],
      `${app}/ imports no other app (only common/ and db/).`,
    ),
  ),
  zone(
    ['broker/resources/**', 'broker/ui/router.ts', 'broker/ui/pages/**'],
    ['broker/**/*.repository.ts', 'broker/prisma-client.ts', 'broker/db.ts', 'generated'],
    'Broker resources and pages read through services, not repositories or the Prisma client.',
  ),
  zone(
    BROKER_DOMAIN,
    [
      'broker/http',
      'broker/resources',
      'broker/serializers',
      'broker/ui',
      'broker/routes.ts',
      'broker/app.ts',
      'broker/services.ts',
      'node_modules/express',
    ],
    'Broker services and repositories know nothing of HTTP: resources, serializers, routes, the dashboard and ' +
      'the composition root depend on them, not the other way round.',
  ),
  zone(
    'provider/**/*.service.ts',
    ['provider/**/*.router.ts', 'provider/app.ts', 'provider/http', 'node_modules/express'],
    'Backend services know nothing of HTTP routing: routers depend on them, not the other way round.',
  ),
].flat();

// Specs and test helpers may start another app through its testing/ folder (integration tests use real
// parts): the app rules allow that there, and nothing else changes.
const TESTS = ['**/*.spec.ts', '**/testing/**'];
// Inside an app, tests compose whatever they exercise: only the rules between folders hold for them.
const FOLDER_RULES = new Set(['common/**', 'db/**', ...APPS.map((app) => `${app}/**`)]);
const testZones = zones
  .filter((rule) => FOLDER_RULES.has(rule.target))
  .map((rule) =>
    APPS.some((app) => rule.target === `${app}/**`) ? { ...rule, except: [...(rule.except ?? []), './testing'] } : rule,
  );

// Paths are from the repository's root, wherever ESLint runs.
const basePath = import.meta.dirname;

export const layerRules = [
  { ignores: TESTS, rules: { 'import-x/no-restricted-paths': ['error', { basePath, zones }] } },
  { files: TESTS, rules: { 'import-x/no-restricted-paths': ['error', { basePath, zones: testZones }] } },
];
