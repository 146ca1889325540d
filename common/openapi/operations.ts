// Finding what an OpenAPI document says about one HTTP exchange: the path template a request path
// matches (concrete paths before templated ones, as OpenAPI requires; under any server's base path),
// its operation and parameters, the response for a status, the media type for a Content-Type. $refs
// are followed to what they point at, keeping each part's JSON pointer for schema validation.
import type { UnknownObject } from '../json.ts';
import { resolvePointer } from './load-document.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export const isObject = (value: unknown): value is UnknownObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const pointerSegment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** A part of the document and where it is (its JSON pointer, `#/...`). */
export interface Located {
  value: UnknownObject;
  pointer: string;
}

/** Follows `$ref`s (internal ones; load-document.ts refused the rest) to what they point at. */
export function follow(document: UnknownObject, value: unknown, pointer: string): Located | undefined {
  let current = value;
  let at = pointer;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === 'string'; hops += 1) {
    at = current.$ref;
    current = resolvePointer(document, at);
  }
  return isObject(current) ? { value: current, pointer: at } : undefined;
}

export interface PathMatch {
  template: string;
  pathItem: Located;
  /** Path parameters by name, decoded. */
  params: Record<string, string>;
}

export interface OperationMatch extends PathMatch {
  method: string;
  operation: Located;
}

function templateRegex(template: string): { regex: RegExp; names: string[]; literalLength: number } {
  const names: string[] = [];
  let literalLength = 0;
  // A trailing slash is optional both ways (Express routes /api and /api/ alike, as do most servers).
  const source = (template.length > 1 ? template.replace(/\/+$/, '') : '')
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name !== undefined) {
        names.push(name);
        return '([^/]+)';
      }
      literalLength += part.length;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { regex: new RegExp(`^${source}/?$`), names, literalLength };
}

/** The path parts of the document's server URLs ("" always included): requests may carry them. */
function basePaths(document: UnknownObject): string[] {
  const servers = Array.isArray(document.servers) ? document.servers.filter(isObject) : [];
  const paths = new Set<string>(['']);
  for (const server of servers) {
    if (typeof server.url !== 'string') continue;
    try {
      const path = new URL(server.url.replace(/\{[^}]+\}/g, 'x'), 'http://base.invalid').pathname.replace(/\/+$/, '');
      paths.add(path);
    } catch {
      // a server URL we cannot read adds no base path
    }
  }
  return [...paths].sort((a, b) => b.length - a.length);
}

export function matchPath(document: UnknownObject, requestPath: string): PathMatch | undefined {
  const paths = isObject(document.paths) ? document.paths : {};
  const candidates = Object.keys(paths)
    .map((template) => ({ template, ...templateRegex(template) }))
    // Concrete before templated: fewer parameters first, then more literal text.
    .sort((a, b) => a.names.length - b.names.length || b.literalLength - a.literalLength);
  for (const base of basePaths(document)) {
    if (base !== '' && !requestPath.startsWith(`${base}/`)) continue;
    const rest = requestPath.slice(base.length);
    for (const candidate of candidates) {
      const found = candidate.regex.exec(rest);
      if (!found) continue;
      const pathItem = follow(document, paths[candidate.template], `#/paths/${pointerSegment(candidate.template)}`);
      if (!pathItem) continue;
      const params: Record<string, string> = {};
      candidate.names.forEach((name, index) => {
        const raw = found[index + 1]!;
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          params[name] = raw;
        }
      });
      return { template: candidate.template, pathItem, params };
    }
  }
  return undefined;
}

export function operationOf(document: UnknownObject, path: PathMatch, method: string): Located | undefined {
  const key = method.toLowerCase();
  if (!(HTTP_METHODS as readonly string[]).includes(key)) return undefined;
  return follow(document, path.pathItem.value[key], `${path.pathItem.pointer}/${key}`);
}

export interface Parameter extends Located {
  name: string;
  in: string;
  required: boolean;
  /** Where the parameter's schema is, when it has one. */
  schemaPointer?: string;
  style?: string;
  explode?: boolean;
}

/** The operation's parameters with the path item's (the operation's win for the same name and place). */
export function parametersOf(document: UnknownObject, path: PathMatch, operation: Located): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const holder of [path.pathItem, operation]) {
    const list = Array.isArray(holder.value.parameters) ? holder.value.parameters : [];
    list.forEach((raw, index) => {
      const located = follow(document, raw, `${holder.pointer}/parameters/${index}`);
      if (!located || typeof located.value.name !== 'string' || typeof located.value.in !== 'string') return;
      const { name, in: place } = located.value as { name: string; in: string };
      byKey.set(`${place}:${place === 'header' ? name.toLowerCase() : name}`, {
        ...located,
        name,
        in: place,
        required: located.value.required === true || place === 'path',
        ...(located.value.schema !== undefined ? { schemaPointer: `${located.pointer}/schema` } : {}),
        ...(typeof located.value.style === 'string' ? { style: located.value.style } : {}),
        ...(typeof located.value.explode === 'boolean' ? { explode: located.value.explode } : {}),
      });
    });
  }
  return [...byKey.values()];
}

/** The response the document gives for a status: exact, then its range (`4XX`), then `default`. */
export function responseFor(
  document: UnknownObject,
  operation: Located,
  status: number,
): (Located & { key: string }) | undefined {
  const responses = follow(document, operation.value.responses, `${operation.pointer}/responses`);
  if (!responses) return undefined;
  for (const key of [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default']) {
    if (responses.value[key] === undefined) continue;
    const found = follow(document, responses.value[key], `${responses.pointer}/${key}`);
    if (found) return { ...found, key };
  }
  return undefined;
}

/** The essence of a media type: `application/json; charset=utf-8` -> `application/json`. */
export const essence = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

export const isJsonType = (contentType: string) =>
  /^application\/([\w.+-]+\+)?json$|^[\w.+-]+\/[\w.+-]+\+json$/.test(essence(contentType));

/** The document's media type for a Content-Type: exact, then `type/*`, then `*\/*` (and JSON variants of JSON). */
export function mediaTypeFor(content: Located, contentType: string): (Located & { key: string }) | undefined {
  const wanted = essence(contentType);
  const keys = Object.keys(content.value);
  const pick =
    keys.find((key) => essence(key) === wanted) ??
    keys.find((key) => essence(key) === `${wanted.split('/')[0]}/*`) ??
    keys.find((key) => essence(key) === '*/*') ??
    (isJsonType(wanted) ? keys.find((key) => isJsonType(key)) : undefined);
  if (pick === undefined) return undefined;
  const media = content.value[pick];
  return isObject(media)
    ? { value: media, pointer: `${content.pointer}/${pointerSegment(pick)}`, key: pick }
    : undefined;
}
