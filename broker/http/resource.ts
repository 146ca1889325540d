// What a resource (one route's handler) receives and returns, the `route()` builder that types a
// handler's path parameters from its path template, and the adapter that runs it in Express: path
// parameters are checked once here (text the database can store), the reply is written as HAL.
import type { Request, RequestHandler, Response } from 'express';
import type { RouteParameters } from 'express-serve-static-core';
import type { BrokerConfig } from '../config.ts';
import type { Services } from '../services.ts';
import { Urls } from '../urls.ts';
import type { Access } from './auth.ts';
import { UnprocessableError, ValidationError } from '../domain-errors.ts';
import { baseUrlOf, sendJson } from './hal.ts';
import { requireMediaType, type MediaType } from './json-body.ts';
import { parseInput } from './validate.ts';
import type { z } from 'zod';
import type { QueryObject } from '../rack-query.ts';
import { storableText, MAX_NAME_LENGTH } from '../schemas/common.ts';
import type { EventOrigin } from '../webhooks/events.ts';
import { webhookBaseUrl } from './webhook-origin.ts';

/** The path parameters of a path template: `ParamsOf<'/pacticipants/:pacticipant'>` is `{ pacticipant: string }`. */
export type ParamsOf<Path extends string> = RouteParameters<Path>;

/**
 * One request to a resource. `Params` are its path parameters (by default none may be read); `Body` and
 * `Query` are what the route's `body` and `query` schemas parsed (the raw values when it has none).
 */
export interface Call<Params extends object = object, Body = unknown, Query = QueryObject> {
  req: Request;
  urls: Urls;
  services: Services;
  config: BrokerConfig;
  params: Params;
  query: Query;
  body: Body;
  /** Where URLs sent to webhooks point (never from an untrusted Host header: see webhook-origin.ts). */
  webhookOrigin: EventOrigin;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Set for a body that is not HAL+JSON (text logs, diffs, SVG badges): the body is sent as the string it is. */
  contentType?: string;
}

export type Handler<Params extends object = object, Body = unknown, Query = QueryObject> = (
  call: Call<Params, Body, Query>,
) => Promise<Reply> | Reply;

/** What a schema parses to, or `Raw` for a route that has none. */
type Parsed<S, Raw> = S extends z.ZodType ? z.output<S> : Raw;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a resource module writes for one route; `route()` turns it into a Route. */
export interface RouteSpec<
  Path extends string,
  Params extends object = ParamsOf<Path>,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
> {
  method: Method;
  path: Path;
  /** `read` routes are open to read-only credentials (and to anyone when public read is on). */
  access: Access;
  /** The media types the body may come as: another is a 415, checked before the body is parsed. */
  accepts?: MediaType[];
  /**
   * The body's schema: the handler gets the parsed body (no body parses as `{}`); a bad one is a 400 naming
   * each field, in the Pact Broker's shape (validate.ts).
   */
  body?: B;
  /** Body fields whose items' problems are reported under the list's own key (see validationErrorsOf). */
  bodyLists?: string[];
  /** The query's schema (over the Rack-style query object), reported as the body's is. */
  query?: Q;
  handler: Handler<Params, Parsed<B, unknown>, Parsed<Q, QueryObject>>;
}

declare const built: unique symbol;

/**
 * A route of the broker's table (routes.ts). Only `route()` and `routeOn()` make one, so every
 * handler in the table reads its path parameters by the names its path declares.
 */
export interface Route {
  readonly method: Method;
  readonly path: string;
  readonly access: Access;
  readonly handler: Handler<Record<string, string>>;
  readonly [built]: true;
}

/**
 * A route whose handler gets `params` typed from the path template: for
 * `route({ method: 'get', path: '/pacticipants/:pacticipant', access: 'read', handler })` the handler
 * reads `params.pacticipant` (a string), and a name the path does not declare is a compile error.
 */
export function route<
  Path extends string,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<Path, ParamsOf<Path>, B, Q>): Route {
  return checkedRoute(spec);
}

/**
 * `Path` when its template declares (at least) the parameters `Params`, otherwise `never`: a helper that
 * puts one resource on several paths takes `path: PathWith<P, Params>`, so each call site is checked.
 */
export type PathWith<Path extends string, Params extends object> = Path &
  (ParamsOf<Path> extends Params ? unknown : never);

/** As route(), for a helper whose `path` argument was checked by PathWith: the handler reads `Params`. */
export function routeOn<
  Params extends object,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<string, Params, B, Q>): Route {
  return checkedRoute(spec);
}

/**
 * The route with its input checked before its handler runs: the media type, then the query, then the body
 * (the order the Pact Broker answers in). Express sets exactly the parameters the path declares, and
 * checkedParams checks each is usable text, so the handler's typed view of them holds.
 */
function checkedRoute<Params extends object, B extends z.ZodType | undefined, Q extends z.ZodType | undefined>(
  spec: RouteSpec<string, Params, B, Q>,
): Route {
  const { method, path, access, accepts, body, bodyLists = [], query, handler } = spec;
  const what = `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;
  const checked = (call: Call<Record<string, string>>) => {
    if (accepts) requireMediaType(call.req.headers['content-type'], accepts, what);
    const input = {
      ...call,
      query: query ? parseInput(query, call.query, 'query') : call.query,
      body: body ? parseInput(body, call.body ?? {}, 'body', bodyLists) : call.body,
    };
    return handler(input as unknown as Call<Params, Parsed<B, unknown>, Parsed<Q, QueryObject>>);
  };
  const plain = handler as unknown as Route['handler'];
  return { method, path, access, handler: accepts || body || query ? checked : plain } as unknown as Route;
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  ...(headers ? { headers } : {}),
});
export const created = (body: unknown, location?: string): Reply => ({
  status: 201,
  body,
  ...(location ? { headers: { Location: location } } : {}),
});
export const noContent = (): Reply => ({ status: 204 });
export const text = (
  body: string,
  contentType = 'text/plain;charset=utf-8',
  headers?: Record<string, string>,
): Reply => ({ status: 200, body, contentType, ...(headers ? { headers } : {}) });

function checkedParams(params: Record<string, string>): Record<string, string> {
  // A new line or tab is almost always a copy-paste slip (an unstripped `git rev-parse HEAD`): the
  // Pact Broker answers 422 for them rather than storing a version named so.
  for (const value of Object.values(params)) {
    if (value.includes('\n'))
      throw new UnprocessableError(
        'The URL path contains a new line character; remove it (is a version number unstripped?)',
      );
    if (value.includes('\t')) throw new UnprocessableError('The URL path contains a tab character; remove it');
  }
  const errors: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value.length > MAX_NAME_LENGTH) errors[name] = [`must be at most ${MAX_NAME_LENGTH} characters`];
    else if (!storableText(value)) errors[name] = ['must not contain NUL characters or unpaired surrogates'];
    else if (value.trim() === '') errors[name] = ['cannot be blank'];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return params;
}

export function runResource(handler: Route['handler'], services: Services, config: BrokerConfig): RequestHandler {
  return async (req: Request, res: Response) => {
    const reply = await handler({
      req,
      urls: new Urls(baseUrlOf(req, config.baseUrl)),
      services,
      config,
      params: checkedParams(req.params as Record<string, string>),
      query: req.query as unknown as QueryObject,
      body: req.body,
      webhookOrigin: { baseUrl: webhookBaseUrl(req, config) },
    });
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    if (reply.contentType !== undefined) {
      const payload = Buffer.from(String(reply.body ?? ''), 'utf8');
      res
        .status(reply.status)
        .setHeader('Content-Type', reply.contentType)
        .setHeader('Content-Length', payload.length)
        .end(payload);
      return;
    }
    sendJson(res, reply.status, reply.body);
  };
}
