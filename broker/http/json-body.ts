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
