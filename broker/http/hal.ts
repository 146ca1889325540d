// Writing HAL+JSON responses exactly as the Pact Broker does (`application/hal+json;charset=utf-8`,
// which some clients compare as a string), and working out the base URL every link is built from.
import type { Request, Response } from 'express';

export const HAL_JSON = 'application/hal+json;charset=utf-8';
export const PROBLEM_JSON = 'application/problem+json;charset=utf-8';

export interface Link {
  href: string;
  title?: string;
  name?: string;
  templated?: boolean;
}

export function sendJson(res: Response, status: number, body: unknown, contentType = HAL_JSON): void {
  res.status(status);
  if (body === undefined) {
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', payload.length);
  res.end(payload);
}

/** The broker's externally visible base URL: configured, or the scheme and host this request used. */
export function baseUrlOf(req: Request, configured: string | undefined): string {
  if (configured) return configured;
  const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost';
  return `${req.protocol}://${host}`;
}
