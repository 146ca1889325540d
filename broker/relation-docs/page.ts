// The `/doc/{rel}` page: a short HTML page about one link relation (relations.ts), and `/doc`, the list
// of them all. Rendered with Eta (autoEscape) from a template string: the page is small and stands
// apart from the dashboard's views.
import { Eta } from 'eta';
import { RELATION_DOCS, type RelationDoc } from './relations.ts';

const eta = new Eta({ autoEscape: true });

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#1f2328}
code{background:#f0f3f6;padding:1px 4px;border-radius:4px}td,th{text-align:left;padding:4px 10px 4px 0;vertical-align:top}`;

const RELATION = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pb:<%= it.name %> · Pact Broker API</title><style><%= it.style %></style></head>
<body>
<h1>pb:<%= it.name %></h1>
<p><%= it.doc.summary %></p>
<table><tr><th>Method</th><th>What it does</th></tr>
<% it.doc.methods.forEach(function ([method, what]) { %><tr><td><code><%= method %></code></td><td><%= what %></td></tr>
<% }) %></table>
<% if (it.doc.notes) { %><p><%= it.doc.notes %></p><% } %>
<% if (it.context) { %><p>Linked from: the <%= it.context %> resource.</p><% } %>
<p><a href="<%= it.base %>/doc">Every relation</a> · <a href="<%= it.base %>/">The API index</a></p>
</body></html>
`;

const LIST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Link relations · Pact Broker API</title><style><%= it.style %></style></head>
<body>
<h1>Link relations</h1>
<p>The <code>pb:</code> relations the broker's HAL resources link with. Start at <a href="<%= it.base %>/">the index</a>.</p>
<table><% it.names.forEach(function (name) { %>
<tr><td><a href="<%= it.base %>/doc/<%= name %>">pb:<%= name %></a></td><td><%= it.docs[name].summary %></td></tr>
<% }) %></table>
</body></html>
`;

export function relationPage(base: string, name: string, doc: RelationDoc, context?: string): string {
  return eta.renderString(RELATION, { base, name, doc, context, style: STYLE });
}

export function relationsPage(base: string): string {
  const names = Object.keys(RELATION_DOCS).sort();
  return eta.renderString(LIST, { base, names, docs: RELATION_DOCS, style: STYLE });
}
