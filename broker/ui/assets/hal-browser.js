// The HAL browser (/hal-browser/browser.html): reads any API resource as HAL JSON and shows its links
// (followed in place, templated ones after asking for their variables, each with its /doc page when the
// relation has one), its properties and its embedded resources, and sends non-GET requests with a body.
// No npm package offers a maintained HAL browser that can be served without a CDN, so this small one is
// ours. The current resource is in the URL's hash (#/pacticipants), as in the original HAL browser, so
// the back button and bookmarks work. Everything received is shown with textContent, never as markup.
/* global document, window, fetch, FormData */

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

/** Paths of this broker only: the browser never follows a link to another origin. */
function pathOf(href) {
  const url = new URL(href, window.location.origin);
  return url.origin === window.location.origin ? url.pathname + url.search : null;
}

function curieDocs(links) {
  const curies = Array.isArray(links?.curies) ? links.curies : [];
  return (rel) => {
    const [prefix, name] = rel.split(':');
    const curie = curies.find((c) => c.name === prefix);
    return curie && name ? curie.href.replace('{rel}', name) : null;
  };
}

/** A templated link's variables ({pacticipant}, {?q}): asked for in a small form, then followed. */
function templateForm(href) {
  const names = [...href.matchAll(/\{[?&]?([^}]+)\}/g)].flatMap((m) => m[1].split(','));
  const form = el('form', { class: 'template' });
  for (const name of names) form.append(el('input', { name, placeholder: name, 'aria-label': name }));
  form.append(el('button', { type: 'submit', text: 'Go' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    const expanded = href.replace(/\{([?&]?)([^}]+)\}/g, (_, op, list) => {
      const parts = list.split(',').filter((n) => values[n] !== '');
      if (op === '') return parts.map((n) => encodeURIComponent(values[n])).join(',');
      const query = parts.map((n) => `${encodeURIComponent(n)}=${encodeURIComponent(values[n])}`).join('&');
      return query === '' ? '' : `${op}${query}`;
    });
    go(pathOf(expanded));
  });
  return form;
}

function linkRows(links) {
  const docFor = curieDocs(links);
  const rows = [];
  for (const [rel, value] of Object.entries(links ?? {})) {
    if (rel === 'curies') continue;
    for (const link of Array.isArray(value) ? value : [value]) {
      if (!link || typeof link.href !== 'string') continue;
      const path = pathOf(link.href);
      const doc = docFor(rel);
      const action = link.templated
        ? templateForm(link.href)
        : path
          ? el('button', { type: 'button', class: 'follow', text: 'GET', onclick: () => go(path) })
          : el('span', { class: 'muted', text: 'elsewhere' });
      rows.push(
        el(
          'tr',
          { class: 'link', 'data-rel': rel },
          el('td', {}, el('code', { text: rel }), doc ? el('a', { href: doc, class: 'doc', text: ' docs' }) : ''),
          el('td', { text: link.title ?? link.name ?? '' }),
          el('td', {}, el('code', { text: link.href })),
          el('td', {}, action),
        ),
      );
    }
  }
  return rows;
}

function show(path, response, body, text) {
  $('location').value = path;
  $('status').textContent = `${response.status} ${response.statusText} · ${response.headers.get('content-type') ?? ''}`;
  const links = body && typeof body === 'object' ? body._links : undefined;
  $('links').replaceChildren(...linkRows(links));
  $('no-links').hidden = $('links').children.length > 0;
  const properties = body && typeof body === 'object' ? { ...body } : body;
  if (properties && typeof properties === 'object') {
    delete properties._links;
    delete properties._embedded;
  }
  $('properties').textContent = body === undefined ? text : JSON.stringify(properties, null, 2);
  const embedded = [];
  for (const [rel, value] of Object.entries((body && body._embedded) || {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const self = item?._links?.self?.href;
      const path = self ? pathOf(self) : null;
      const label = item?.name ?? item?.number ?? item?.title ?? self ?? rel;
      embedded.push(
        el(
          'li',
          { class: 'embedded' },
          el('code', { text: rel }),
          ' ',
          path ? el('a', { href: `#${path}`, text: String(label) }) : el('span', { text: String(label) }),
        ),
      );
    }
  }
  $('embedded').replaceChildren(...embedded);
  $('embedded-section').hidden = embedded.length === 0;
}

async function request(path, method = 'GET', payload) {
  const init = { method, headers: { Accept: 'application/hal+json, application/json' }, credentials: 'same-origin' };
  if (payload !== undefined && payload !== '') {
    init.headers['Content-Type'] = 'application/json';
    init.body = payload;
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let body;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  show(path, response, body, text);
}

function go(path) {
  if (path === null) return;
  if (window.location.hash === `#${path}`) request(path);
  else window.location.hash = path;
}

function current() {
  return window.location.hash.length > 1 ? window.location.hash.slice(1) : '/';
}

window.addEventListener('hashchange', () => request(current()));
$('location-form').addEventListener('submit', (event) => {
  event.preventDefault();
  go(pathOf($('location').value));
});
$('request-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const method = $('method').value;
  if (method === 'DELETE' && !window.confirm(`DELETE ${current()}?`)) return;
  request(current(), method, $('body').value);
});
request(current());
