// route() types a handler's path parameters from its path template. Most of what this file proves is
// checked by the type checker (`npm run typecheck`): each `@ts-expect-error` line fails the check if the
// mistake under it ever compiles.
import { expect } from 'chai';
import { ok, route, routeOn, type Call, type ParamsOf, type PathWith, type Route } from './resource.ts';

type Integration = { provider: string; consumer: string };

/** A helper that puts one resource on several paths, as the resource modules' helpers do. */
const integrationRoute = <P extends string>(path: PathWith<P, Integration>): Route =>
  routeOn<Integration>({ method: 'get', path, access: 'read', handler: ({ params }) => ok(params) });

describe('route(): path parameters typed from the path', () => {
  it('gives the handler each parameter its path declares, as a string', () => {
    const built = route({
      method: 'get',
      path: '/pacticipants/:pacticipant/versions/:version',
      access: 'read',
      handler: ({ params }) => {
        const named: { pacticipant: string; version: string } = params;
        // @ts-expect-error: the path declares no `pacticipantName` (a misspelt parameter is a compile error)
        void params.pacticipantName;
        return ok(named);
      },
    });
    expect(built).to.include({ method: 'get', path: '/pacticipants/:pacticipant/versions/:version', access: 'read' });
  });

  it('lets a handler written apart from its route be used only on paths that declare what it reads', () => {
    const describe = ({ params }: Call<{ pacticipant: string }>) => ok({ name: params.pacticipant });
    const fits = route({ method: 'get', path: '/pacticipants/:pacticipant', access: 'read', handler: describe });
    // @ts-expect-error: `/labels/:label` has no `pacticipant` parameter for the handler to read
    route({ method: 'get', path: '/labels/:label', access: 'read', handler: describe });
    expect(fits.path).to.equal('/pacticipants/:pacticipant');
  });

  it('checks at the call site that a helper gets a path with the parameters it reads', () => {
    const fits = integrationRoute('/pacts/provider/:provider/consumer/:consumer/latest');
    // @ts-expect-error: this path names no consumer
    integrationRoute('/pacts/provider/:provider/latest');
    expect(fits.path).to.equal('/pacts/provider/:provider/consumer/:consumer/latest');
  });

  it('reads no parameter on a path that declares none', () => {
    const params: ParamsOf<'/pacticipants'> = {};
    // @ts-expect-error: `/pacticipants` declares no parameters
    void params.pacticipant;
    expect(params).to.deep.equal({});
  });

  it('takes into the route table only routes that route() or routeOn() built', () => {
    const handler = () => ok({});
    // @ts-expect-error: an object written by hand would give its handler untyped parameters
    const written: Route = { method: 'get', path: '/labels/:label', access: 'read', handler };
    const built: Route = route({ method: 'get', path: '/labels/:label', access: 'read', handler });
    expect(built).to.deep.equal(written);
  });
});
