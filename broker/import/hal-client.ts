// A small HAL client for reading another Pact Broker: ky does the HTTP (timeouts, retries with
// backoff, Retry-After on 429 and 503), p-limit keeps the number of requests in flight bounded, and a
// shared pause makes every request wait out a 429, not only the one that got it.
import ky, { HTTPError, type KyInstance } from 'ky';
import pLimit, { type LimitFunction } from 'p-limit';

export interface SourceAuth {
  token?: string;
  username?: string;
  password?: string;
}

export interface HalClientOptions {
  baseUrl: string;
  auth?: SourceAuth;
  /** Requests in flight at once. */
  concurrency: number;
  /** Attempts after the first one, for network errors, 429, 5xx. */
  retries?: number;
  timeoutMs?: number;
  /** The longest Retry-After honoured (a longer one is cut to this). */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
}

export interface HalLink {
  href: string;
  name?: string;
  title?: string;
  templated?: boolean;
  [key: string]: unknown;
}

export type HalResource = Record<string, unknown> & {
  _links?: Record<string, HalLink | HalLink[] | undefined>;
  _embedded?: Record<string, unknown>;
};

/** The source answered with something other than success, or not at all, after the retries. */
export class SourceError extends Error {
  constructor(
    message: string,
    /** The HTTP status; none when the source did not answer (refused, reset, timed out). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }

  /** The source is down or overloaded (not: this one item is wrong): going on would only fail more. */
  get unavailable(): boolean {
    return this.status === undefined || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export class HalClient {
  readonly baseUrl: string;
  private readonly http: KyInstance;
  private readonly limit: LimitFunction;
  private pausedUntil = 0;
  /** Counters for the summary. */
  readonly stats = { requests: 0, retries: 0, rateLimited: 0 };

  constructor(private readonly options: HalClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.limit = pLimit(options.concurrency);
    const headers: Record<string, string> = { Accept: 'application/hal+json, application/json' };
    const { auth } = options;
    if (auth?.token) headers.Authorization = `Bearer ${auth.token}`;
    else if (auth?.username !== undefined)
      headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64')}`;
    this.http = ky.create({
      headers,
      timeout: options.timeoutMs ?? 60_000,
      ...(options.signal ? { signal: options.signal } : {}),
      retry: {
        limit: options.retries ?? 6,
        // pacts-for-verification is a POST that only reads: safe to repeat.
        methods: ['get', 'post'],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        maxRetryAfter: options.maxRetryAfterMs ?? 300_000,
        backoffLimit: 10_000,
        retryOnTimeout: true,
      },
      hooks: {
        beforeRequest: [() => this.waitForPause()],
        beforeRetry: [
          () => {
            this.stats.retries += 1;
          },
        ],
        afterResponse: [
          (_request, _options, response) => {
            if (response.status === 429) this.pause(response.headers.get('Retry-After'));
          },
        ],
      },
    });
  }

  /** A 429 pauses every request until its Retry-After (a number of seconds or an HTTP date) has passed. */
  private pause(retryAfter: string | null): void {
    this.stats.rateLimited += 1;
    let ms = 1000;
    if (retryAfter !== null) {
      const seconds = Number(retryAfter);
      ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
    }
    ms = Math.min(Math.max(ms, 0), this.options.maxRetryAfterMs ?? 300_000);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private async waitForPause(): Promise<void> {
    for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** An absolute URL for a path below the base URL, or the URL itself when it is absolute already. */
  url(pathOrUrl: string): string {
    return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
  }

  /** A URL's identity below the base URL (what the ledger keys by). */
  key(url: string): string {
    if (url.startsWith(this.baseUrl)) return url.slice(this.baseUrl.length) || '/';
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  }

  get(url: string): Promise<HalResource> {
    return this.send('get', url);
  }

  post(url: string, body: unknown): Promise<HalResource> {
    return this.send('post', url, body);
  }

  /** GET that answers undefined for a 404 (a resource deleted in the source meanwhile). */
  async getIfFound(url: string): Promise<HalResource | undefined> {
    try {
      return await this.get(url);
    } catch (error) {
      if (error instanceof SourceError && error.status === 404) return undefined;
      throw error;
    }
  }

  private send(method: 'get' | 'post', url: string, body?: unknown): Promise<HalResource> {
    return this.limit(async () => {
      this.stats.requests += 1;
      const target = this.url(url);
      try {
        const response = await this.http(target, { method, ...(body === undefined ? {} : { json: body }) });
        return (await response.json()) as HalResource;
      } catch (error) {
        if (error instanceof HTTPError) {
          const detail = await error.response.text().catch(() => '');
          throw new SourceError(
            `${method.toUpperCase()} ${target} answered ${error.response.status}${detail ? `: ${detail.slice(0, 300)}` : ''}`,
            error.response.status,
          );
        }
        // An abort (Ctrl-C, or the run stopping) stays what it is; anything else means no answer.
        if (this.options.signal?.aborted) throw error;
        throw new SourceError(`${method.toUpperCase()} ${target} got no answer: ${describe(error)}`);
      }
    });
  }

  /** Every item of a collection (`_embedded[key]`), following `next` links page after page. */
  async collect(url: string, key: string): Promise<HalResource[]> {
    const items: HalResource[] = [];
    const seen = new Set<string>();
    for (let next: string | undefined = url; next !== undefined && !seen.has(next);) {
      seen.add(next);
      const page = await this.get(next);
      const embedded = page._embedded?.[key];
      if (Array.isArray(embedded)) items.push(...(embedded as HalResource[]));
      next = link(page, 'next')?.href;
    }
    return items;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': ');
}

/** The (first) link of a relation. */
export function link(resource: HalResource, rel: string): HalLink | undefined {
  const found = resource._links?.[rel];
  return Array.isArray(found) ? found[0] : found;
}

/** Every link of a relation (a relation may hold one link or a list). */
export function links(resource: HalResource, rel: string): HalLink[] {
  const found = resource._links?.[rel];
  if (found === undefined) return [];
  return Array.isArray(found) ? found : [found];
}

/** Fills a templated href's `{name}` placeholders (values percent-encoded as path segments). */
export function expand(href: string, values: Record<string, string>): string {
  return href.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : encodeURIComponent(values[name]),
  );
}
