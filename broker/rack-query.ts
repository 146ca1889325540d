// Query strings parsed the way the Pact Broker parses them (Rack's `parse_nested_query`), because
// clients depend on its order-sensitive rule for arrays of objects:
//
//   q[][pacticipant]=Foo&q[][version]=1&q[][pacticipant]=Bar  ->  q = [{pacticipant: Foo, version: 1}, {pacticipant: Bar}]
//
// A new element starts whenever the key being set already exists in the last one. `qs` (Express's
// default) groups differently, and no npm library reproduces Rack's rule, so this is hand-written.
// Objects have no prototype, so keys such as "__proto__" are plain data.

export type QueryValue = string | QueryValue[] | QueryObject;
export interface QueryObject {
  [key: string]: QueryValue;
}

export class QueryStringError extends Error {}

const MAX_PARAMETERS = 1000;
const MAX_DEPTH = 16;

function newObject(): QueryObject {
  return Object.create(null) as QueryObject;
}

function isObject(value: QueryValue | undefined): value is QueryObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw new QueryStringError(`The query string is not correctly encoded near "${text.slice(0, 40)}"`);
  }
}

/** Whether `key` (possibly "a[b]") is already set in `object`. */
function hasKey(object: QueryObject, key: string): boolean {
  if (key.includes('[]')) return false;
  let current: QueryValue = object;
  for (const part of key.split(/[[\]]+/)) {
    if (part === '') continue;
    if (!isObject(current) || !(part in current)) return false;
    current = current[part]!;
  }
  return true;
}

function normalize(params: QueryObject, name: string, value: string, depth: number): QueryObject {
  if (depth >= MAX_DEPTH) throw new QueryStringError('The query string nests too deeply');
  let key: string;
  let after: string;
  if (depth === 0) {
    const start = name.indexOf('[', 1);
    [key, after] = start > 0 ? [name.slice(0, start), name.slice(start)] : [name, ''];
  } else if (name.startsWith('[]')) {
    [key, after] = ['[]', name.slice(2)];
  } else if (name.startsWith('[') && name.indexOf(']', 1) > 0) {
    const end = name.indexOf(']', 1);
    [key, after] = [name.slice(1, end), name.slice(end + 1)];
  } else {
    [key, after] = [name, ''];
  }
  if (key === '') return params;

  if (after === '') {
    params[key] = value;
  } else if (after === '[') {
    params[name] = value;
  } else if (after === '[]') {
    const list = (params[key] ??= []);
    if (!Array.isArray(list)) throw new QueryStringError(`Expected a list for the parameter "${key}"`);
    list.push(value);
  } else if (after.startsWith('[]')) {
    // x[][y]: an object inside a list (y is the child key); anything else nests further.
    const simpleChild = /^\[\]\[([^[\]]+)\]$/.exec(after)?.[1];
    const childKey = simpleChild ?? after.slice(2);
    const list = (params[key] ??= []);
    if (!Array.isArray(list)) throw new QueryStringError(`Expected a list for the parameter "${key}"`);
    const last = list[list.length - 1];
    if (isObject(last) && !hasKey(last, childKey)) normalize(last, childKey, value, depth + 1);
    else list.push(normalize(newObject(), childKey, value, depth + 1));
  } else {
    const child = (params[key] ??= newObject());
    if (!isObject(child)) throw new QueryStringError(`Expected an object for the parameter "${key}"`);
    params[key] = normalize(child, after, value, depth + 1);
  }
  return params;
}

export function parseRackQuery(query: string | null | undefined): QueryObject {
  const params = newObject();
  if (!query) return params;
  const pairs = query.split('&');
  if (pairs.length > MAX_PARAMETERS)
    throw new QueryStringError(`The query string has more than ${MAX_PARAMETERS} parameters`);
  for (const pair of pairs) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    normalize(params, name, value, 0);
  }
  return params;
}

/** The inverse for the nested shapes the broker writes itself (pact URL metadata): `s[][b]=main&p=true`. */
export function buildRackQuery(value: QueryObject | Record<string, unknown>): string {
  const pairs: string[] = [];
  const add = (name: string, item: unknown): void => {
    if (item === undefined || item === null) return;
    if (Array.isArray(item)) {
      for (const element of item) {
        if (typeof element === 'object' && element !== null) {
          for (const [key, inner] of Object.entries(element)) add(`${name}[][${key}]`, inner);
        } else add(`${name}[]`, element);
      }
    } else if (typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) add(`${name}[${key}]`, inner);
    } else {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
    }
  };
  for (const [key, item] of Object.entries(value)) add(key, item);
  return pairs.join('&');
}
