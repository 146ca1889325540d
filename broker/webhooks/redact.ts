// What never leaves the broker from a webhook: its credentials. Webhook definitions, test executions,
// delivery logs (before they are stored) and error messages all go through these functions, because
// anyone who may read the broker (a read-only user, or everyone with public read) may read those.
//
// The rule (docs/broker-webhooks.md describes it for users):
//   - a header, query parameter or JSON/form body field is sensitive when its name contains one of
//     key, token, secret, passw, pwd, auth, signature, cookie, credential or session (any case), or is
//     exactly `sig` or `code`: its value is shown as REDACTED;
//   - the basic auth password, and the whole user-info part of a URL (`user:password@`);
//   - a value made only of `${pactbroker.*}` template references is not a secret and is shown;
//   - in logs and execution results, every sensitive value found in the request is also replaced
//     wherever else it appears (a target that echoes the request back in its response).
// Hand-written: no library redacts HTTP requests by a name rule while leaving template references alone.
export const REDACTED = '**********';

const SENSITIVE_NAME = /key|token|secret|passw|pwd|auth|signature|cookie|credential|session/i;
const SENSITIVE_EXACT = /^(sig|code)$/i;
const TEMPLATE_REFERENCE = /\$\{pactbroker\.[A-Za-z]+\}/g;
/** Secrets shorter than this are not searched for in free text (they would match ordinary words). */
const MIN_SCRUBBED_LENGTH = 4;

export const isSensitiveName = (name: string): boolean => SENSITIVE_NAME.test(name) || SENSITIVE_EXACT.test(name);

/** A value made only of template references (and spaces): shown, it tells how the webhook is built. */
export const isTemplateOnly = (value: string): boolean =>
  value.includes('${pactbroker.') && value.replace(TEMPLATE_REFERENCE, '').trim() === '';

const shouldRedact = (name: string, value: unknown): boolean =>
  isSensitiveName(name) && !(typeof value === 'string' && isTemplateOnly(value));

export function redactHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, shouldRedact(name, value) ? REDACTED : value]),
  );
}

/** `a=1&token=x` with sensitive parameters' values replaced, keeping everything else as written. */
function redactQueryText(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const name = safeDecode(pair.slice(0, equals));
      return shouldRedact(name, safeDecode(pair.slice(equals + 1))) ? `${pair.slice(0, equals + 1)}${REDACTED}` : pair;
    })
    .join('&');
}

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi;

/** One URL with its user-info and sensitive query values replaced (the rest is left exactly as written). */
function redactOneUrl(url: string): string {
  const withoutUserInfo = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, `$1${REDACTED}@`);
  const queryStart = withoutUserInfo.indexOf('?');
  if (queryStart < 0) return withoutUserInfo;
  const hashStart = withoutUserInfo.indexOf('#', queryStart);
  const end = hashStart < 0 ? withoutUserInfo.length : hashStart;
  return (
    withoutUserInfo.slice(0, queryStart + 1) +
    redactQueryText(withoutUserInfo.slice(queryStart + 1, end)) +
    withoutUserInfo.slice(end)
  );
}

/** The text (a URL, or a message containing URLs) with credentials in its URLs replaced. */
export function redactUrl(text: string): string {
  return text.replace(URL_IN_TEXT, redactOneUrl);
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [
        name,
        shouldRedact(name, item) && (item === null || typeof item !== 'object') ? REDACTED : redactJson(item),
      ]),
    );
  }
  return value;
}

const FORM_BODY = /^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*$/;

/**
 * A webhook body (JSON value, or the text sent) with sensitive fields' values replaced: JSON objects at
 * any depth, a text body that is JSON, or a form-encoded text body. Other text is returned as it is.
 */
export function redactBody<T>(body: T): T {
  if (typeof body !== 'string') return redactJson(body) as T;
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const redacted = redactJson(parsed);
      return (JSON.stringify(redacted) === JSON.stringify(parsed) ? body : JSON.stringify(redacted)) as T;
    } catch {
      return body;
    }
  }
  if (FORM_BODY.test(trimmed)) return redactQueryText(trimmed) as T;
  return body;
}

function collectJsonSecrets(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((item) => collectJsonSecrets(item, into));
  else if (value !== null && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) {
      if (shouldRedact(name, item) && (typeof item === 'string' || typeof item === 'number')) into.add(String(item));
      else collectJsonSecrets(item, into);
    }
  }
}

function collectQuerySecrets(query: string, into: Set<string>): void {
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const value = safeDecode(pair.slice(equals + 1));
    if (shouldRedact(safeDecode(pair.slice(0, equals)), value)) {
      into.add(value);
      into.add(pair.slice(equals + 1));
    }
  }
}

export interface SentRequest {
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

/** Every secret value in a request as sent, for scrubbing free text (logs, responses, errors). */
export function secretsOf(request: SentRequest): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(request.headers)) {
    if (!shouldRedact(name, value)) continue;
    secrets.add(value);
    const credentials = /^\s*\S+\s+(\S+)\s*$/.exec(value)?.[1]; // "Bearer abc" -> abc
    if (credentials) secrets.add(credentials);
  }
  if (request.password) {
    secrets.add(request.password);
    secrets.add(Buffer.from(`${request.username ?? ''}:${request.password}`).toString('base64'));
  }
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(request.url)?.[1];
  if (userInfo) {
    secrets.add(userInfo);
    const password = userInfo.split(':')[1];
    if (password) {
      secrets.add(password);
      secrets.add(safeDecode(password));
    }
    secrets.add(Buffer.from(safeDecode(userInfo)).toString('base64'));
  }
  const query = request.url.split('?')[1]?.split('#')[0];
  if (query) collectQuerySecrets(query, secrets);
  if (request.body !== undefined) {
    const trimmed = request.body.trim();
    try {
      collectJsonSecrets(JSON.parse(trimmed), secrets);
    } catch {
      if (FORM_BODY.test(trimmed)) collectQuerySecrets(trimmed, secrets);
    }
  }
  return [...secrets].filter((secret) => secret.length >= MIN_SCRUBBED_LENGTH && secret !== REDACTED);
}

/** The text with every occurrence of each secret replaced (longest first, so none is left half-shown). */
export function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) result = result.split(secret).join(REDACTED);
  return result;
}

function restoreJson(given: unknown, existing: unknown): unknown {
  if (given === REDACTED) return existing ?? given;
  if (Array.isArray(given))
    return given.map((item, index) => restoreJson(item, Array.isArray(existing) ? existing[index] : undefined));
  if (given !== null && typeof given === 'object') {
    const before = existing !== null && typeof existing === 'object' ? (existing as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(given).map(([name, item]) => [name, restoreJson(item, before[name])]));
  }
  return given;
}

/**
 * A webhook request sent back as it was shown (read, edited, PUT) must not replace its secrets with
 * stars: wherever the new definition has the REDACTED mask, or leaves the password out, the stored
 * value is kept, as the Pact Broker keeps a password or header sent back starred.
 */
export function keepRedactedSecrets<R extends SentRequestTemplate>(given: R, existing: SentRequestTemplate): R {
  const headers = given.headers
    ? Object.fromEntries(
        Object.entries(given.headers).map(([name, value]) => {
          const before = Object.entries(existing.headers ?? {}).find(
            ([other]) => other.toLowerCase() === name.toLowerCase(),
          );
          return [name, value === REDACTED && before ? before[1] : value];
        }),
      )
    : given.headers;
  const keepPassword = (given.password === undefined || given.password === REDACTED) && existing.password;
  return {
    ...given,
    headers,
    url: existing.url && given.url === redactUrl(existing.url) ? existing.url : given.url,
    ...(given.body !== undefined ? { body: restoreJson(given.body, existing.body) } : {}),
    ...(keepPassword ? { password: existing.password } : {}),
  };
}

export interface SentRequestTemplate {
  url: string;
  headers?: Record<string, string> | null | undefined;
  body?: unknown;
  password?: string | null | undefined;
}
