// The request part of a webhook definition as stored in `webhooks.request` (JSONB, as given).
export interface StoredWebhookRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  username?: string | null;
  password?: string | null;
}

export const storedRequest = (json: unknown): StoredWebhookRequest => json as StoredWebhookRequest;
