// A real HTTP server standing in for the outside world's webhook targets (a CI server, a chat): it
// records every request and answers with the statuses a test scripts (200 once the script runs out).
import type { IncomingHttpHeaders } from 'node:http';
import { listen, type RunningServer } from '../../../common/http/listen.ts';
import type { UnknownObject } from '../../pacts/content.ts';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  private statuses: (number | 'hold')[] = [];
  private running: RunningServer | undefined;

  get url(): string {
    return this.running!.url.replace('localhost', '127.0.0.1');
  }

  /** The next responses' statuses, in order; 'hold' records the request and never answers it (a target that hangs). */
  answer(...statuses: (number | 'hold')[]): void {
    this.statuses = statuses;
  }

  async start(): Promise<void> {
    this.running = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const status = this.statuses.shift() ?? 200;
        if (status === 'hold') return; // the connection stays open until the sender gives up or dies
        res
          .writeHead(status, { 'Content-Type': 'text/plain', 'Set-Cookie': 'session=receiver-secret' })
          .end(status < 300 ? 'thanks' : 'try again later');
      });
    });
  }

  reset(): void {
    this.received.length = 0;
    this.statuses = [];
  }

  async stop(): Promise<void> {
    await this.running?.close();
  }
}

/**
 * Waits until `check` returns a value (not undefined), polling; fails with `what` after a generous
 * deadline. The deadline only stops a test that would otherwise hang: nothing asserts on timing.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  deadlineMs = 20_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A `POST /contracts/publish` body publishing one pact for a consumer version on a branch. */
export function publishBody(pact: UnknownObject, version: string, branch = 'main') {
  const consumer = (pact.consumer as { name: string }).name;
  const provider = (pact.provider as { name: string }).name;
  const content = Buffer.from(JSON.stringify(pact)).toString('base64');
  return {
    pacticipantName: consumer,
    pacticipantVersionNumber: version,
    branch,
    tags: ['dev'],
    contracts: [
      {
        consumerName: consumer,
        providerName: provider,
        specification: 'pact',
        contentType: 'application/json',
        content,
      },
    ],
  };
}
