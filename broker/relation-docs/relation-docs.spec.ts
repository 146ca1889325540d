import { expect } from 'chai';
import request from 'supertest';
import { useBroker } from '../testing/broker-test-context.ts';

type Links = Record<string, { href: string } | { href: string }[] | { name: string; href: string }[]>;

/** Every `prefix:rel` of a HAL body's links (at any depth), with the curie href that documents it. */
function curiedRelations(body: unknown): { rel: string; href: string }[] {
  const found: { rel: string; href: string }[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const links = (value as { _links?: Links })._links;
    if (links) {
      const curies = (links.curies ?? []) as { name: string; href: string }[];
      for (const rel of Object.keys(links)) {
        const curie = curies.find((each) => rel.startsWith(`${each.name}:`));
        if (curie) found.push({ rel, href: curie.href.replace('{rel}', rel.slice(curie.name.length + 1)) });
      }
    }
    Object.values(value).forEach(visit);
  };
  visit(body);
  return found;
}

describe('broker: relation documentation (/doc/{rel})', () => {
  const broker = useBroker();

  beforeEach(async () => {
    await broker
      .data()
      .consumer('Foo', { mainBranch: 'main' })
      .version('1', { branch: 'main', tags: ['prod'] })
      .pact('Bar')
      .webhook('doc-webhook-0123456789', { consumer: 'Foo', provider: 'Bar' });
  });

  it('every relation that the index, a pact, a version, a pacticipant and the webhooks curie resolves to a page', async () => {
    const bodies = await Promise.all(
      [
        '/',
        '/pacts/provider/Bar/consumer/Foo/version/1',
        '/pacticipants/Foo/versions/1',
        '/pacticipants/Foo',
        '/webhooks',
      ].map(async (path) => (await request(broker.server).get(path).expect(200)).body),
    );
    const relations = bodies.flatMap(curiedRelations);
    expect(relations.length).to.be.greaterThan(60);
    const missing: string[] = [];
    for (const { rel, href } of relations) {
      const res = await request(broker.server).get(new URL(href).pathname + new URL(href).search);
      if (res.status !== 200 || !res.text.includes(rel.replace(/^[a-z]+:/, ''))) missing.push(`${rel} -> ${href}`);
    }
    expect(missing).to.deep.equal([]);
  });

  it('a page is HTML that names the relation, says what it is and which methods it answers', async () => {
    const res = await request(broker.server).get('/doc/publish-pact?context=index').expect(200);
    expect(res.headers['content-type']).to.equal('text/html;charset=utf-8');
    expect(res.headers['content-security-policy']).to.include("default-src 'none'");
    expect(res.text).to.include('<h1>pb:publish-pact</h1>').and.to.include('<code>PUT</code>');
    expect(res.text).to.include('Linked from: the index resource.');
  });

  it('the context from the query string is shown as text, never as markup', async () => {
    const res = await request(broker.server).get('/doc/webhooks?context=%3Cscript%3Ex%3C%2Fscript%3E').expect(200);
    expect(res.text).not.to.include('<script>');
    expect(res.text).to.include('&lt;script&gt;');
  });

  it('when the relation is unknown, answers 404 in the error format', async () => {
    const res = await request(broker.server).get('/doc/no-such-relation').expect(404);
    expect(res.body.error).to.match(/no-such-relation/);
  });

  it('/doc lists every documented relation with a link to its page', async () => {
    const res = await request(broker.server).get('/doc').expect(200);
    expect(res.text).to.include(`href="${broker.url}/doc/tagged-pact-versions"`);
  });
});
