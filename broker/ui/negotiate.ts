// Content negotiation between the dashboard and the API on the same URLs: HTML only for a client that
// prefers it (a browser's Accept puts text/html first). Pact clients send application/hal+json or
// application/json, curl and supertest send */* or nothing: they all keep getting JSON.
import type { Request } from 'express';

const API_TYPES = ['application/hal+json', 'application/json', 'application/problem+json', 'text/plain'];

export function wantsHtml(req: Request): boolean {
  if (!req.headers.accept) return false;
  return req.accepts([...API_TYPES, 'text/html']) === 'text/html';
}
