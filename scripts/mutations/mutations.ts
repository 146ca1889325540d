// The backend changes the mutation test makes, one at a time, to a scratch copy of the project: edits to
// the backend's source as a developer might make them. "breaking" changes would break the router (they
// change a status, a field, a type, an order or a value the router's client reads, see
// consumer/backend-client/endpoints.ts); provider verification must fail on each. "compatible" changes
// leave everything the router reads as it was; verification must pass on each.
//
// An edit replaces `find` with `replace` in `file`; `find` must occur exactly once there (or `times`
// times, all replaced), so an edit that no longer fits the source fails loudly instead of changing
// nothing (mutations.spec.ts checks the whole list against the current sources).

export type Family =
  | 'health'
  | 'api root'
  | 'sessions'
  | 'runs'
  | 'runs list'
  | 'players'
  | 'upgrades'
  | 'gacha roll'
  | 'gacha items'
  | 'envelopes'
  | 'transport';

export interface Edit {
  file: string;
  find: string;
  replace: string;
  /** How often `find` occurs (all are replaced); 1 unless given. */
  times?: number;
}

export interface Mutation {
  id: string;
  family: Family;
  kind: 'breaking' | 'compatible';
  /** The change, in a developer's words. */
  change: string;
  edits: Edit[];
}

const HEALTH = 'provider/health/health.router.ts';
const PROBE = 'provider/health/database-probe.ts';
const SESSIONS_ROUTER = 'provider/sessions/sessions.router.ts';
const SESSIONS_SCHEMAS = 'provider/sessions/sessions.schemas.ts';
const SESSIONS = 'provider/sessions/sessions.service.ts';
const RUNS_ROUTER = 'provider/runs/runs.router.ts';
const RUNS_SCHEMAS = 'provider/runs/runs.schemas.ts';
const RUNS = 'provider/runs/runs.service.ts';
const PLAYERS_ROUTER = 'provider/players/players.router.ts';
const PLAYERS_SCHEMAS = 'provider/players/players.schemas.ts';
const PLAYERS = 'provider/players/players.service.ts';
const UPGRADES_SCHEMAS = 'provider/upgrades/upgrades.schemas.ts';
const UPGRADES = 'provider/upgrades/upgrades.service.ts';
const GACHA_ROUTER = 'provider/gacha/gacha.router.ts';
const GACHA_SCHEMAS = 'provider/gacha/gacha.schemas.ts';
const GACHA = 'provider/gacha/gacha.service.ts';
const CATALOG = 'provider/gacha/catalog.ts';
const ERRORS = 'provider/http/error-handler.ts';
const ENVELOPE = 'common/http/envelope.ts';
const ERROR_ANSWER = 'common/http/envelope-error-handler.ts';
const REQUEST_ID = 'common/http/request-id.ts';
const APP = 'provider/app.ts';
const CONFIG = 'provider/config.ts';

const breaking = (id: string, family: Family, change: string, ...edits: Edit[]): Mutation => ({
  id,
  family,
  kind: 'breaking',
  change,
  edits,
});
const compatible = (id: string, family: Family, change: string, ...edits: Edit[]): Mutation => ({
  id,
  family,
  kind: 'compatible',
  change,
  edits,
});

export const mutations: Mutation[] = [
  // --- GET /health ---
  breaking('health-word', 'health', 'a healthy backend says "ok" instead of "healthy"', {
    file: HEALTH,
    find: "status: database.connected ? 'healthy' : 'degraded',",
    replace: "status: database.connected ? 'ok' : 'degraded',",
  }),
  breaking('health-never-degraded', 'health', 'health says "healthy" even without a database', {
    file: HEALTH,
    find: "status: database.connected ? 'healthy' : 'degraded',",
    replace: "status: 'healthy',",
  }),
  breaking('health-checks-renamed', 'health', 'checks.database is renamed checks.db', {
    file: HEALTH,
    find: 'checks: { database },',
    replace: 'checks: { db: database },',
  }),
  breaking('health-latency-string', 'health', 'the database latency is sent as a string', {
    file: PROBE,
    find: 'return { connected: true, latency_ms: elapsed(started) };',
    replace: 'return { connected: true, latency_ms: String(elapsed(started)) };',
  }),
  breaking('health-no-uptime', 'health', 'uptime_seconds is no longer reported', {
    file: HEALTH,
    find: '        uptime_seconds: Math.round((Date.now() - info.startedAt.getTime()) / 1000),\n',
    replace: '',
  }),
  breaking('health-503', 'health', 'a degraded backend answers GET /health with 503', {
    file: HEALTH,
    find: '      200,\n      healthResponse,',
    replace: '      database.connected ? 200 : 503,\n      healthResponse,',
  }),
  breaking('health-no-error', 'health', "a degraded backend no longer says what the database's error was", {
    file: PROBE,
    find: 'return { connected: false, latency_ms: elapsed(started), error: summarise(error) };',
    replace: 'return { connected: false, latency_ms: elapsed(started) };',
  }),

  // --- GET /api/ ---
  breaking('api-always-connected', 'api root', 'GET /api/ reports the database connected without asking it', {
    file: HEALTH,
    find: "reply(res, 200, apiRootResponse, { flavor: 'default', status: 'ok', database_connected: database.connected });",
    replace: "reply(res, 200, apiRootResponse, { flavor: 'default', status: 'ok', database_connected: true });",
  }),
  breaking('api-connected-string', 'api root', 'database_connected is sent as "true"/"false"', {
    file: HEALTH,
    find: "reply(res, 200, apiRootResponse, { flavor: 'default', status: 'ok', database_connected: database.connected });",
    replace:
      "reply(res, 200, apiRootResponse, { flavor: 'default', status: 'ok', database_connected: String(database.connected) });",
  }),
  breaking('api-enveloped', 'api root', 'GET /api/ answers in the success envelope like everything else', {
    file: HEALTH,
    find: "reply(res, 200, apiRootResponse, { flavor: 'default', status: 'ok', database_connected: database.connected });",
    replace:
      "reply(res, 200, apiRootResponse, success({ flavor: 'default', status: 'ok', database_connected: database.connected }));",
  }),
  breaking('api-flavor', 'api root', 'the flavor is renamed "classic"', {
    file: HEALTH,
    find: "apiRootResponse, { flavor: 'default',",
    replace: "apiRootResponse, { flavor: 'classic',",
  }),

  // --- sessions ---
  breaking('session-create-200', 'sessions', 'creating a session answers 200 instead of 201', {
    file: SESSIONS_ROUTER,
    find: 'reply(res, 201, sessionResponse, success(await sessions.createSession()));',
    replace: 'reply(res, 200, sessionResponse, success(await sessions.createSession()));',
  }),
  breaking('session-id-renamed', 'sessions', 'a new session answers `id` instead of `session_id`', {
    file: SESSIONS,
    find: 'return { session_id: session.id, created_at: session.createdAt.toISOString() };',
    replace: 'return { id: session.id, created_at: session.createdAt.toISOString() };',
  }),
  breaking('session-created-epoch', 'sessions', "a new session's created_at is sent in epoch milliseconds", {
    file: SESSIONS,
    find: 'return { session_id: session.id, created_at: session.createdAt.toISOString() };',
    replace: 'return { session_id: session.id, created_at: session.createdAt.getTime() };',
  }),
  breaking('session-runs-newest-first', 'sessions', "a session's run ids are listed newest first", {
    file: SESSIONS,
    find: "include: { runs: { select: { id: true }, orderBy: { createdAt: 'asc' } } },",
    replace: "include: { runs: { select: { id: true }, orderBy: { createdAt: 'desc' } } },",
  }),
  breaking('session-run-ids-renamed', 'sessions', 'run_ids is renamed runs', {
    file: SESSIONS,
    find: 'run_ids: session.runs.map((run) => run.id),',
    replace: 'runs: session.runs.map((run) => run.id),',
  }),
  breaking('session-created-now', 'sessions', "a session's created_at is the time it was read", {
    file: SESSIONS,
    find: '      created_at: session.createdAt.toISOString(),\n      run_ids',
    replace: '      created_at: new Date().toISOString(),\n      run_ids',
  }),
  breaking('session-unknown-empty', 'sessions', 'an unknown session answers an empty session instead of 404', {
    file: SESSIONS,
    find: "    if (!session) throw new NotFoundError('Session not found');\n    return {",
    replace:
      '    if (!session) return { session_id: sessionId, created_at: new Date(0).toISOString(), run_ids: [] };\n    return {',
  }),

  // --- runs of a session ---
  breaking('run-start-200', 'runs', 'starting a run answers 200 instead of 201', {
    file: SESSIONS_ROUTER,
    find: 'reply(res, 201, runResponse, success(await sessions.startRun(',
    replace: 'reply(res, 200, runResponse, success(await sessions.startRun(',
  }),
  breaking('run-start-no-contents', 'runs', 'starting a run answers without its party and map', {
    file: SESSIONS,
    find: '        party: row.party,\n        map: row.map,',
    replace: '        party: undefined,\n        map: undefined,',
  }),
  breaking(
    'run-start-unknown-500',
    'runs',
    'the foreign key violation of a run in an unknown session is no longer mapped (500)',
    {
      file: SESSIONS,
      find: "if (classifyDatabaseError(error) === 'foreign_key_violation') throw new NotFoundError('Session not found');",
      replace: '',
    },
  ),
  breaking('run-ids-swapped', 'runs', 'a run answers its run_id and session_id swapped', {
    file: SESSIONS,
    find: '    run_id: run.id,\n    session_id: run.sessionId,',
    replace: '    run_id: run.sessionId,\n    session_id: run.id,',
  }),
  breaking('run-party-map-swapped', 'runs', 'a run answers its party as its map and the other way round', {
    file: SESSIONS,
    find: '    party: run.party as JsonObject,\n    map: run.map as JsonObject,',
    replace: '    party: run.map as JsonObject,\n    map: run.party as JsonObject,',
  }),
  breaking('run-created-local', 'runs', "a run's created_at is sent in the server's local time format", {
    file: SESSIONS,
    find: '    created_at: run.createdAt.toISOString(),',
    replace: '    created_at: run.createdAt.toString(),',
  }),
  breaking('run-unknown-null', 'runs', 'an unknown run of a session answers 200 with no data instead of 404', {
    file: SESSIONS,
    find: "throw new NotFoundError(session ? 'Run not found' : 'Session not found');",
    replace: "if (session) return null as unknown as RunView;\n    throw new NotFoundError('Session not found');",
  }),
  breaking('run-any-session', 'runs', 'a run is found by its id alone, whichever session the path names', {
    file: SESSIONS,
    find: 'where: { id: runId, sessionId }',
    replace: 'where: { id: runId }',
  }),
  breaking('run-start-bad-party', 'runs', 'a party that is not an object is stored as {} instead of refused', {
    file: SESSIONS_SCHEMAS,
    find: "const startRunBody = z.object({ party: jsonObject(), map: jsonObject() }, { error: 'must be a JSON object' });",
    replace:
      "const startRunBody = z.object({ party: jsonObject().catch({}), map: jsonObject() }, { error: 'must be a JSON object' });",
  }),

  // --- GET /api/game/runs ---
  breaking('list-off-by-one', 'runs list', 'page 1 skips a page of runs (off by one)', {
    file: RUNS,
    find: 'OFFSET ${(page - 1) * pageSize} LIMIT ${pageSize}',
    replace: 'OFFSET ${page * pageSize} LIMIT ${pageSize}',
  }),
  breaking('list-pages-floor', 'runs list', 'total_pages is rounded down', {
    file: RUNS,
    find: 'total_pages: Math.ceil(total / pageSize),',
    replace: 'total_pages: Math.floor(total / pageSize),',
  }),
  breaking(
    'list-oldest-first',
    'runs list',
    'runs are listed oldest first',
    {
      file: RUNS,
      find: 'ORDER BY created_at DESC, id DESC',
      replace: 'ORDER BY created_at ASC, id ASC',
    },
    {
      file: RUNS,
      find: 'ORDER BY r.created_at DESC, r.id DESC',
      replace: 'ORDER BY r.created_at ASC, r.id ASC',
    },
  ),
  breaking('list-pagination-in-data', 'runs list', 'pagination moves inside data', {
    file: RUNS_ROUTER,
    find: 'reply(res, 200, runListResponse, success({ runs: items }, { pagination }));',
    replace: 'reply(res, 200, runListResponse, success({ runs: items, pagination }));',
  }),
  breaking('list-zero-based', 'runs list', 'current_page counts from 0', {
    file: RUNS,
    find: 'current_page: page,',
    replace: 'current_page: page - 1,',
  }),
  breaking('list-default-size', 'runs list', 'the default page size drops from 20 to 10', {
    file: RUNS_SCHEMAS,
    find: "page_size: integerParam('page_size', 1, MAX_PAGE_SIZE, 20),",
    replace: "page_size: integerParam('page_size', 1, MAX_PAGE_SIZE, 10),",
  }),
  breaking('list-total-of-page', 'runs list', "total_items counts the page's runs", {
    file: RUNS,
    find: 'total_items: total,',
    replace: 'total_items: runs.length,',
  }),
  breaking('list-page-zero', 'runs list', 'page 0 is no longer refused (the query fails: 500)', {
    file: RUNS_SCHEMAS,
    find: "page: integerParam('page', 1, 1_000_000, 1),",
    replace: "page: integerParam('page', 0, 1_000_000, 1),",
  }),
  breaking('list-runs-renamed', 'runs list', 'the list of runs is renamed items', {
    file: RUNS_ROUTER,
    find: 'reply(res, 200, runListResponse, success({ runs: items }, { pagination }));',
    replace: 'reply(res, 200, runListResponse, success({ items }, { pagination }));',
  }),

  // --- owned players ---
  breaking('own-again-201', 'players', 'owning an owned player again answers 201', {
    file: PLAYERS_ROUTER,
    find: 'reply(res, created ? 201 : 200,',
    replace: 'reply(res, 201,',
  }),
  breaking('own-200', 'players', 'owning a player answers 200 even the first time', {
    file: PLAYERS_ROUTER,
    find: 'reply(res, created ? 201 : 200,',
    replace: 'reply(res, 200,',
  }),
  breaking('own-again-keeps-data', 'players', 'owning an owned player again keeps its old data', {
    file: PLAYERS,
    find: 'DO UPDATE SET player_data = EXCLUDED.player_data, updated_at = now()',
    replace: 'DO UPDATE SET updated_at = now()',
  }),
  breaking('own-again-resets-owned-at', 'players', 'owning an owned player again resets when it was owned', {
    file: PLAYERS,
    find: 'DO UPDATE SET player_data = EXCLUDED.player_data, updated_at = now()',
    replace: 'DO UPDATE SET player_data = EXCLUDED.player_data, created_at = now(), updated_at = now()',
  }),
  breaking('owned-newest-first', 'players', 'owned players are listed newest first', {
    file: PLAYERS,
    find: "orderBy: { id: 'asc' }",
    replace: "orderBy: { id: 'desc' }",
  }),
  breaking('owned-by-name', 'players', 'owned players are listed by id, alphabetically', {
    file: PLAYERS,
    find: "orderBy: { id: 'asc' }",
    replace: "orderBy: { legacyId: 'asc' }",
  }),
  breaking('owned-no-count', 'players', 'the owned players list drops its count', {
    file: PLAYERS_ROUTER,
    find: 'reply(res, 200, ownedPlayerIdsResponse, success({ players: ids, count: ids.length }));',
    replace: 'reply(res, 200, ownedPlayerIdsResponse, success({ players: ids }));',
  }),
  breaking('owned-at-renamed', 'players', 'owned_at is renamed created_at', {
    file: PLAYERS,
    find: 'owned_at: row.created_at.toISOString(),',
    replace: 'created_at: row.created_at.toISOString(),',
  }),
  breaking('own-without-data', 'players', 'owning a player without player_data stores {} instead of refusing', {
    file: PLAYERS_SCHEMAS,
    find: "const ownBody = z.object({ player_data: jsonObject() }, { error: 'must be a JSON object' });",
    replace: "const ownBody = z.object({ player_data: jsonObject().catch({}) }, { error: 'must be a JSON object' });",
  }),

  // --- upgrades ---
  breaking(
    'upgrade-overspend-400',
    'upgrades',
    'spending points one lacks answers 400 instead of 409',
    {
      file: UPGRADES,
      find: "import { ConflictError } from '../domain-errors.ts';",
      replace: "import { ConflictError, InvalidInputError } from '../domain-errors.ts';",
    },
    {
      file: UPGRADES,
      find: "throw new ConflictError('Not enough upgrade points",
      replace: "throw new InvalidInputError('Not enough upgrade points",
    },
  ),
  breaking('upgrade-apply-deltas', 'upgrades', 'applying upgrades answers the deltas instead of the new totals', {
    file: UPGRADES,
    find: 'if (updated) return updated;',
    replace: 'if (updated) return { player_id: playerId, ...d };',
  }),
  breaking('upgrade-get-zeros', 'upgrades', "a player's stored upgrades are not read (always zeros)", {
    file: UPGRADES,
    find: 'const row = await this.prisma.upgradePoints.findUnique({ where: { playerId } });',
    replace: 'const row = null as { points: number; hp: number; atk: number; def: number; spd: number } | null;',
  }),
  breaking('upgrade-spd-renamed', 'upgrades', 'spd is renamed speed', {
    file: UPGRADES,
    find: 'spd: row?.spd ?? 0,',
    replace: 'speed: row?.spd ?? 0,',
  }),
  breaking('upgrade-points-string', 'upgrades', 'points are sent as a string', {
    file: UPGRADES,
    find: 'points: row?.points ?? 0,',
    replace: 'points: String(row?.points ?? 0),',
  }),
  breaking('upgrade-empty-accepted', 'upgrades', 'an upgrade that changes nothing is accepted instead of refused', {
    file: UPGRADES_SCHEMAS,
    find: '.refine((body) => body.points_delta !== undefined || body.stat_upgrades !== undefined, {',
    replace: '.refine(() => true, {',
  }),

  // --- POST /api/game/gacha/roll ---
  breaking('roll-200', 'gacha roll', 'a roll answers 200 instead of 201', {
    file: GACHA_ROUTER,
    find: 'reply(res, 201, rollResponse, success(await gacha.roll(',
    replace: 'reply(res, 200, rollResponse, success(await gacha.roll(',
  }),
  breaking('roll-no-player', 'gacha roll', 'a roll no longer names its player', {
    file: GACHA,
    find: '      player_id: playerId,\n',
    replace: '',
  }),
  breaking('roll-type-upper', 'gacha roll', "a roll's type is sent in capitals", {
    file: GACHA,
    find: '      type,\n      items: picked.map(toItemView),',
    replace: '      type: type.toUpperCase(),\n      items: picked.map(toItemView),',
  }),
  breaking('roll-count-ignored', 'gacha roll', 'the roll count is ignored: always one item', {
    file: GACHA_ROUTER,
    find: 'gacha.roll(body.player_id, body.type, body.count)',
    replace: 'gacha.roll(body.player_id, body.type, 1)',
  }),
  breaking('roll-no-time', 'gacha roll', 'a roll no longer says when it was made', {
    file: GACHA,
    find: '      created_at: roll.created_at.toISOString(),\n',
    replace: '',
  }),
  breaking('roll-unknown-type', 'gacha roll', 'an unknown roll type is rolled as standard instead of refused', {
    file: GACHA_SCHEMAS,
    find: "type: z.enum(ROLL_TYPES, { error: `must be one of ${ROLL_TYPES.join(', ')}` }),",
    replace: "type: z.enum(ROLL_TYPES, { error: `must be one of ${ROLL_TYPES.join(', ')}` }).catch('standard'),",
  }),
  breaking('item-rarity-string', 'gacha roll', "an item's rarity is sent as a string", {
    file: GACHA,
    find: 'rarity: item.rarity,',
    replace: 'rarity: String(item.rarity),',
  }),
  breaking('item-id-renamed', 'gacha roll', 'item_id is renamed id', {
    file: GACHA,
    find: 'item_id: item.legacyId,',
    replace: 'id: item.legacyId,',
  }),

  // --- GET /api/game/gacha/items ---
  // The router only re-exports MAX_ITEMS_LIMIT, which gives it no local name: the edits that use it import it.
  breaking(
    'items-limit-ignored',
    'gacha items',
    'the limit is ignored: the whole catalog',
    {
      file: GACHA_ROUTER,
      find: "import { itemListResponse, itemsQuery, rollBody, rollResponse } from './gacha.schemas.ts';",
      replace:
        "import { itemListResponse, itemsQuery, MAX_ITEMS_LIMIT, rollBody, rollResponse } from './gacha.schemas.ts';",
    },
    {
      file: GACHA_ROUTER,
      find: 'const items = await gacha.listItems(query.limit);',
      replace: 'const items = await gacha.listItems(MAX_ITEMS_LIMIT);',
    },
  ),
  breaking(
    'items-count-catalog',
    'gacha items',
    "count is the catalog's size, not the number of items answered",
    {
      file: GACHA_ROUTER,
      find: "import { itemListResponse, itemsQuery, rollBody, rollResponse } from './gacha.schemas.ts';",
      replace:
        "import { itemListResponse, itemsQuery, MAX_ITEMS_LIMIT, rollBody, rollResponse } from './gacha.schemas.ts';",
    },
    {
      file: GACHA_ROUTER,
      find: 'reply(res, 200, itemListResponse, success({ items, count: items.length }));',
      replace:
        'reply(res, 200, itemListResponse, success({ items, count: (await gacha.listItems(MAX_ITEMS_LIMIT)).length }));',
    },
  ),
  breaking('items-limit-zero', 'gacha items', 'a limit of 0 answers no items instead of 400', {
    file: GACHA_SCHEMAS,
    find: "z.number().min(1, 'limit must be at least 1')",
    replace: "z.number().min(0, 'limit must be at least 0')",
  }),

  // --- envelopes and errors, every endpoint ---
  breaking('request-id-ignored', 'envelopes', "the caller's X-Request-Id is replaced by a new id", {
    file: REQUEST_ID,
    find: "const id = typeof given === 'string' && acceptable.test(given) ? given : randomUUID();",
    replace: 'const id = randomUUID();',
  }),
  breaking('error-status-word', 'envelopes', 'error envelopes say status "failed"', {
    file: ENVELOPE,
    find: "return { status: 'error', message, code, ...extras };",
    replace: "return { status: 'failed', message, code, ...extras } as unknown as ErrorEnvelope;",
  }),
  breaking('error-message-renamed', 'envelopes', "an error's message is renamed error", {
    file: ENVELOPE,
    find: "return { status: 'error', message, code, ...extras };",
    replace: "return { status: 'error', error: message, code, ...extras } as unknown as ErrorEnvelope;",
  }),
  breaking('error-code-upper', 'envelopes', 'the not-found code is written NOT_FOUND', {
    file: ERRORS,
    find: "return { status: 404, code: 'not_found', message: error.message };",
    replace: "return { status: 404, code: 'NOT_FOUND', message: error.message };",
  }),
  breaking('error-conflict-code', 'envelopes', 'the conflict code is renamed insufficient_points', {
    file: ERRORS,
    find: "return { status: 409, code: 'conflict', message: error.message, details: error.details };",
    replace: "return { status: 409, code: 'insufficient_points', message: error.message, details: error.details };",
  }),
  breaking('error-invalid-422', 'envelopes', 'invalid input answers 422 instead of 400', {
    file: ERRORS,
    find: "if (error instanceof InvalidInputError)\n    return { status: 400, code: 'invalid_input',",
    replace: "if (error instanceof InvalidInputError)\n    return { status: 422, code: 'invalid_input',",
  }),
  breaking('error-no-request-id', 'envelopes', 'error envelopes no longer carry the request id', {
    file: ERROR_ANSWER,
    find: 'mapped.details === undefined ? { request_id: requestId } : { request_id: requestId, details: mapped.details };',
    replace: 'mapped.details === undefined ? {} : { details: mapped.details };',
  }),
  breaking('success-status-word', 'envelopes', 'success envelopes say status "ok"', {
    file: ENVELOPE,
    find: "return { status: 'success', data, ...(extras as Extras) };",
    replace: "return { status: 'ok', data, ...(extras as Extras) } as unknown as SuccessEnvelope<T> & Extras;",
  }),
  breaking('success-data-renamed', 'envelopes', 'data is renamed result in success envelopes', {
    file: ENVELOPE,
    find: "return { status: 'success', data, ...(extras as Extras) };",
    replace:
      "return { status: 'success', result: data, ...(extras as Extras) } as unknown as SuccessEnvelope<T> & Extras;",
  }),

  // --- content type ---
  breaking('json-as-text', 'transport', 'JSON answers are sent as text/plain', {
    file: APP,
    find: '  app.use(requestId());\n',
    replace:
      '  app.use(requestId());\n  app.use((_req, res, next) => {\n' +
      "    res.json = (body: unknown) => res.type('text/plain').send(JSON.stringify(body));\n    next();\n  });\n",
  }),

  // ======== compatible changes ========
  compatible('success-meta', 'envelopes', 'success envelopes gain a meta object', {
    file: ENVELOPE,
    find: "return { status: 'success', data, ...(extras as Extras) };",
    replace: "return { status: 'success', data, meta: { api_version: 1 }, ...(extras as Extras) };",
  }),
  compatible('error-docs-link', 'envelopes', 'error envelopes gain a documentation link', {
    file: ENVELOPE,
    find: "return { status: 'error', message, code, ...extras };",
    replace: "return { status: 'error', message, code, docs: 'https://example.test/errors', ...extras };",
  }),
  compatible('run-updated-at', 'runs', 'runs gain updated_at', {
    file: SESSIONS,
    find: '    created_at: run.createdAt.toISOString(),',
    replace: '    created_at: run.createdAt.toISOString(),\n    updated_at: run.createdAt.toISOString(),',
  }),
  compatible('list-has-next', 'runs list', 'pagination gains has_next', {
    file: RUNS,
    find: 'total_pages: Math.ceil(total / pageSize),',
    replace: 'total_pages: Math.ceil(total / pageSize),\n        has_next: page * pageSize < total,',
  }),
  compatible(
    'list-tie-break',
    'runs list',
    'runs created at the same moment are ordered by id ascending',
    {
      file: RUNS,
      find: 'ORDER BY created_at DESC, id DESC',
      replace: 'ORDER BY created_at DESC, id ASC',
    },
    {
      file: RUNS,
      find: 'ORDER BY r.created_at DESC, r.id DESC',
      replace: 'ORDER BY r.created_at DESC, r.id ASC',
    },
  ),
  compatible('list-max-size', 'runs list', 'the largest page size grows from 100 to 200', {
    file: RUNS_SCHEMAS,
    find: 'export const MAX_PAGE_SIZE = 100;',
    replace: 'export const MAX_PAGE_SIZE = 200;',
  }),
  compatible(
    'whole-second-times',
    'sessions',
    'times are sent to the whole second (no milliseconds)',
    {
      file: SESSIONS,
      find: 'return { session_id: session.id, created_at: session.createdAt.toISOString() };',
      replace:
        "return { session_id: session.id, created_at: session.createdAt.toISOString().replace(/\\.\\d+Z$/, 'Z') };",
    },
    {
      file: SESSIONS,
      find: '      created_at: session.createdAt.toISOString(),\n      run_ids',
      replace: "      created_at: session.createdAt.toISOString().replace(/\\.\\d+Z$/, 'Z'),\n      run_ids",
    },
    {
      file: SESSIONS,
      find: '    created_at: run.createdAt.toISOString(),',
      replace: "    created_at: run.createdAt.toISOString().replace(/\\.\\d+Z$/, 'Z'),",
    },
    {
      file: PLAYERS,
      find: 'owned_at: row.created_at.toISOString(),',
      replace: "owned_at: row.created_at.toISOString().replace(/\\.\\d+Z$/, 'Z'),",
    },
  ),
  compatible('pretty-json', 'transport', 'JSON answers are pretty-printed', {
    file: APP,
    find: "app.set('query parser', 'simple');",
    replace: "app.set('query parser', 'simple');\n  app.set('json spaces', 2);",
  }),
  compatible('version-header', 'transport', 'every answer carries an X-Backend-Version header', {
    file: APP,
    find: '  app.use(requestId());\n',
    replace:
      "  app.use(requestId());\n  app.use((_req, res, next) => {\n    res.setHeader('X-Backend-Version', packageJson.version);\n    next();\n  });\n",
  }),
  compatible('roll-count-five', 'gacha roll', 'a roll may also draw 5 items', {
    file: GACHA_SCHEMAS,
    find: 'export const ROLL_COUNTS = [1, 10] as const;',
    replace: 'export const ROLL_COUNTS = [1, 5, 10] as const;',
  }),
  compatible('catalog-new-item', 'gacha items', 'the catalog gains a five-star character', {
    file: CATALOG,
    find: "  { id: 'char_luna', name: 'Luna', type: 'character', rarity: 5 },\n",
    replace:
      "  { id: 'char_luna', name: 'Luna', type: 'character', rarity: 5 },\n  { id: 'char_aurora', name: 'Aurora', type: 'character', rarity: 5 },\n",
  }),
  compatible('items-by-name', 'gacha items', 'catalog items of one rarity are ordered by name', {
    file: GACHA,
    find: "orderBy: [{ rarity: 'desc' }, { legacyId: 'asc' }],",
    replace: "orderBy: [{ rarity: 'desc' }, { name: 'asc' }],",
  }),
  compatible('health-cache-check', 'health', 'health reports a second check', {
    file: HEALTH,
    find: 'checks: { database },',
    replace: "checks: { database, cache: { connected: true, kind: 'in-process' } },",
  }),
  compatible('api-version', 'api root', 'GET /api/ also names the version', {
    file: HEALTH,
    find: "reply(res, 200, apiRootResponse, { flavor: 'default', status: 'ok', database_connected: database.connected });",
    replace:
      "reply(res, 200, apiRootResponse, { flavor: 'default', status: 'ok', database_connected: database.connected, version: info.version });",
  }),
  compatible('owned-details', 'players', 'the owned players list also gives each player as an object', {
    file: PLAYERS_ROUTER,
    find: 'reply(res, 200, ownedPlayerIdsResponse, success({ players: ids, count: ids.length }));',
    replace:
      'reply(res, 200, ownedPlayerIdsResponse, success({ players: ids, count: ids.length, details: ids.map((id) => ({ player_id: id })) }));',
  }),
  compatible('player-profile-route', 'players', "a new endpoint answers a player's profile", {
    file: PLAYERS_ROUTER,
    find: '  return router;\n}',
    replace:
      "  router.get('/players/:playerId/profile', (req, res) => {\n" +
      '    res.json(success({ player_id: req.params.playerId }));\n  });\n\n  return router;\n}',
  }),
  compatible('body-limit', 'transport', 'request bodies may be up to 1 MB', {
    file: CONFIG,
    find: ".default('100kb'),",
    replace: ".default('1mb'),",
  }),
  compatible('request-id-longer', 'envelopes', 'request ids of up to 256 characters are kept', {
    file: REQUEST_ID,
    find: 'const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;',
    replace: 'const acceptable = /^[A-Za-z0-9._:-]{1,256}$/;',
  }),
];
