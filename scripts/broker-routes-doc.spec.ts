import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { route } from '../broker/http/resource.ts';
import { routes } from '../broker/routes.ts';
import { exampleOf, routesDocDrift, ROUTES_DOC } from './broker-routes-doc.ts';

describe('docs/broker-routes.md (generated from the route table)', function () {
  this.timeout(20_000);

  it('lists exactly the routes of broker/routes.ts (run `npm run docs:routes` after changing them)', async () => {
    expect(await routesDocDrift(readFileSync(ROUTES_DOC, 'utf8'))).to.equal('');
  });

  it('the check fails when a route is added to the table, naming the missing line', async () => {
    const added = [
      ...routes,
      route({ method: 'delete', path: '/brand-new/:uuid', access: 'write', handler: () => ({ status: 204 }) }),
    ];
    const drift = await routesDocDrift(readFileSync(ROUTES_DOC, 'utf8'), added);
    expect(drift)
      .to.contain('run `npm run docs:routes`')
      .and.to.match(/missing: \| DELETE +\| `\/brand-new\/\{uuid\}`/);
  });

  it('the check fails when a route of the doc is gone from the table', async () => {
    const drift = await routesDocDrift(
      readFileSync(ROUTES_DOC, 'utf8'),
      routes.filter((route) => route.path !== '/metrics'),
    );
    expect(drift).to.match(/not in the table: \| GET +\| `\/metrics`/);
  });

  it('examples fill in path parameters and say how writes authenticate and send a body', () => {
    const route = routes.find(
      (r) => r.method === 'put' && r.path === '/pacticipants/:pacticipant/versions/:version/tags/:tag',
    )!;
    expect(exampleOf(route)).to.equal(
      "curl -X PUT -u admin:secret -H 'Content-Type: application/json' -d @body.json $BROKER/pacticipants/Foo/versions/1.0.0/tags/prod",
    );
  });
});
