// `${pactbroker.X}` template variables in a webhook's URL, headers and body, replaced with the values of
// the event that triggered it. Unknown variables are left as written (so a typo shows in the logs).
// Hand-written: a single regular expression; a template engine would also interpret other syntax that
// webhook bodies legitimately contain.
import type { StoredWebhookRequest } from './webhook-request.ts';

/** 'pactbroker.pactUrl' -> value */
export type TemplateParameters = Record<string, string>;

const VARIABLE = /\$\{(pactbroker\.[A-Za-z]+)\}/g;

export function renderText(
  text: string,
  parameters: TemplateParameters,
  encode: (value: string) => string = (value) => value,
): string {
  return text.replace(VARIABLE, (whole, name: string) =>
    Object.hasOwn(parameters, name) ? encode(parameters[name]!) : whole,
  );
}

function renderJson(value: unknown, parameters: TemplateParameters): unknown {
  if (typeof value === 'string') return renderText(value, parameters);
  if (Array.isArray(value)) return value.map((item) => renderJson(item, parameters));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [renderText(key, parameters), renderJson(item, parameters)]),
    );
  }
  return value;
}

export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body to send (a JSON body is serialised after its strings are rendered). */
  body: string | undefined;
  username?: string;
  password?: string;
}

/** Form-style escaping of a value put into the URL (spaces become "+"), as the Pact Broker's CGI.escape does. */
export const escapeForUrl = (value: string): string =>
  encodeURIComponent(value)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

export function renderRequest(request: StoredWebhookRequest, parameters: TemplateParameters): RenderedRequest {
  const headers = Object.fromEntries(
    // Header names in lower case, as they are stored (HTTP header names are case-insensitive).
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), renderText(value, parameters)]),
  );
  let body: string | undefined;
  if (typeof request.body === 'string') body = renderText(request.body, parameters);
  else if (request.body !== undefined && request.body !== null)
    body = JSON.stringify(renderJson(request.body, parameters));
  return {
    method: request.method.toUpperCase(),
    // Values in the URL are escaped, so a branch named "feat/x y" cannot change the URL's shape.
    url: renderText(request.url, parameters, escapeForUrl),
    headers,
    body,
    ...(request.username ? { username: renderText(request.username, parameters) } : {}),
    ...(request.password ? { password: renderText(request.password, parameters) } : {}),
  };
}
