// The request part of a webhook definition as stored in `webhooks.request` (JSONB, as given).
import type { Prisma } from '../prisma-client.ts';
export interface StoredWebhookRequest {
  method: string;
  url: string;
  headers?: Record<string, string> | null;
  body?: unknown;
  username?: string | null;
  password?: string | null;
}

export const storedRequest = (json: unknown): StoredWebhookRequest => json as StoredWebhookRequest;

/** Whether the request's body uses a template variable (the Pact Broker looks in the body only). */
export function usesParameter(request: StoredWebhookRequest, name: string): boolean {
  if (request.body === undefined || request.body === null) return false;
  const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  return text.includes(`\${${name}}`);
}

/** "POST ci.example.org": how the Pact Broker names a webhook's request (hosts with templates read "placeholder"). */
export function requestDescription(request: StoredWebhookRequest): string {
  let host: string;
  try {
    host = new URL(request.url.replace(/\$\{pactbroker\.[^}]+\}/g, 'placeholder')).hostname;
  } catch {
    host = '';
  }
  return `${request.method.toUpperCase()} ${host}`;
}

/** The request as given, without absent (null) parts, for the JSONB column. */
export function storableRequest(request: {
  method: string;
  url: string;
  headers?: Record<string, string> | null | undefined;
  body?: unknown;
  username?: string | null | undefined;
  password?: string | null | undefined;
}): Prisma.InputJsonObject {
  const present = Object.entries(request).filter(([, value]) => value !== undefined && value !== null);
  return Object.fromEntries(
    present.map(([key, value]) =>
      // Header names are case-insensitive; the Pact Broker keeps (and shows) them in lower case.
      key === 'headers'
        ? [
            key,
            Object.fromEntries(Object.entries(value as Record<string, string>).map(([n, v]) => [n.toLowerCase(), v])),
          ]
        : [key, value],
    ),
  ) as Prisma.InputJsonObject;
}
