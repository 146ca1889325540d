// Request bodies: JSON (application/json, application/hal+json, application/merge-patch+json...), or
// no Content-Type at all (some clients omit it on `PUT {}`). A body of another type is a 415.
import express, { type RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from './errors.ts';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

const hasBody = (headers: Record<string, string | string[] | undefined>) =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

export function jsonBody(limit: string): RequestHandler[] {
  return [
    (req, _res, next) => {
      const type = req.headers['content-type'];
      if (hasBody(req.headers) && type !== undefined && !JSON_TYPE.test(type)) {
        throw new UnsupportedMediaTypeError(
          `Send the body as JSON (Content-Type: application/json), not ${type.slice(0, 100)}`,
        );
      }
      next();
    },
    express.json({
      limit,
      strict: true,
      type: (req) => req.headers['content-type'] === undefined || JSON_TYPE.test(req.headers['content-type']),
    }),
  ];
}

export interface MediaType {
  name: string;
  pattern: RegExp;
}

export const JSON_MEDIA_TYPE: MediaType = { name: 'application/json', pattern: /^application\/(hal\+)?json\s*(;|$)/i };
export const MERGE_PATCH_MEDIA_TYPE: MediaType = {
  name: 'application/merge-patch+json',
  pattern: /^application\/merge-patch\+json\s*(;|$)/i,
};

/**
 * Refuses (415) a body whose Content-Type this resource does not take for this method, as the Pact
 * Broker does (PUT takes application/json, PATCH application/merge-patch+json on versions). A request
 * without a Content-Type is taken as JSON: some clients send `PUT {}` without one.
 */
export function requireMediaType(contentType: string | undefined, accepted: MediaType[], what: string): void {
  if (contentType === undefined || accepted.some((type) => type.pattern.test(contentType))) return;
  throw new UnsupportedMediaTypeError(
    `${what} takes ${accepted.map((type) => type.name).join(' or ')}, not ${contentType.slice(0, 100)}`,
  );
}
