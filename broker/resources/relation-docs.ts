// `/doc/{rel}`: the pages the `curies` of our HAL bodies resolve to (relation-docs/), open like the index.
import { NotFoundError } from '../domain-errors.ts';
import { text, type Route, route } from '../http/resource.ts';
import { relationPage, relationsPage } from '../relation-docs/page.ts';
import { RELATION_DOCS, relationName } from '../relation-docs/relations.ts';

const HTML = 'text/html;charset=utf-8';
// Static pages: no script, no framing (as the dashboard's pages).
const HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
};

export const relationDocRoutes: Route[] = [
  route({
    method: 'get',
    path: '/doc',
    access: 'read',
    handler: ({ urls }) => text(relationsPage(urls.base), HTML, HEADERS),
  }),
  route({
    method: 'get',
    path: '/doc/:rel',
    access: 'read',
    handler: ({ params, query, urls }) => {
      const name = relationName(params.rel);
      const doc = RELATION_DOCS[name];
      if (!doc) throw new NotFoundError(`No documentation for the relation '${params.rel}'`);
      const context = typeof query.context === 'string' ? query.context : undefined;
      return text(relationPage(urls.base, name, doc, context), HTML, HEADERS);
    },
  }),
];
