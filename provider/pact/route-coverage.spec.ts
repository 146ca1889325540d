import { expect } from 'chai';
import { useBackend } from '../testing/backend-test-context.ts';
import { routeCoverage, routeTable } from './route-coverage.ts';

describe('route coverage', () => {
  const backend = useBackend();

  it('reads every route of the production app from its Express route table, mount paths included', () => {
    expect(routeTable(backend.app).map((route) => `${route.method} ${route.path}`)).to.have.members([
      'GET /',
      'GET /health',
      'GET /api/',
      'POST /api/game/session',
      'GET /api/game/session/:sessionId',
      'POST /api/game/session/:sessionId/run',
      'GET /api/game/session/:sessionId/run/:runId',
      'GET /api/game/runs',
      'GET /api/game/players/owned',
      'POST /api/game/players/:playerId/own',
      'GET /api/game/players/:playerId/upgrades',
      'POST /api/game/players/:playerId/upgrades',
      'POST /api/game/gacha/roll',
      'GET /api/game/gacha/items',
      'GET /api/openapi.json',
    ]);
  });

  it('matches a request to its route the way the app routes it: method, parameters, query string', () => {
    const routes = routeTable(backend.app);
    const uncoveredAfter = (method: string, url: string) => routeCoverage(routes, [{ method, url }]).uncovered.length;
    const routesHitBy = (method: string, url: string) =>
      routes
        .filter((route) => !routeCoverage([route], [{ method, url }]).uncovered.length)
        .map((route) => `${route.method} ${route.path}`);

    expect(routesHitBy('GET', '/api/game/session/abc/run/def?x=1')).to.deep.equal([
      'GET /api/game/session/:sessionId/run/:runId',
    ]);
    expect(routesHitBy('GET', '/api/game/session/abc')).to.deep.equal(['GET /api/game/session/:sessionId']);
    expect(routesHitBy('POST', '/api/game/players/p1/upgrades')).to.deep.equal([
      'POST /api/game/players/:playerId/upgrades',
    ]);
    expect(routesHitBy('GET', '/api/game/players/owned')).to.deep.equal(['GET /api/game/players/owned']);
    expect(routesHitBy('DELETE', '/api/game/session/abc')).to.deep.equal([]);
    expect(routesHitBy('GET', '/api/nothing')).to.deep.equal([]);
    expect(uncoveredAfter('GET', '/')).to.equal(routes.length - 1);
  });

  it('reports the routes no request exercised; it does not fail anything', () => {
    const report = routeCoverage(routeTable(backend.app), [
      { method: 'GET', url: '/health' },
      { method: 'POST', url: '/api/game/session' },
    ]);
    expect(report.uncovered).to.have.length(13);
    expect(report.text.split('\n')[0]).to.equal('Route coverage: 2 of 15 backend routes exercised by the pacts');
    expect(report.text)
      .to.include('  not exercised: GET /\n')
      .and.include('  not exercised: GET /api/game/gacha/items');
  });
});
