// The broker a pipeline run talks to, and what to say when it does not answer.
import type { BrokerCredentials } from './config.ts';

export interface PipelineBroker {
  url: string;
  credentials?: BrokerCredentials;
  /** PACT_BROKER_HTTP_RETRIES for the CLI. */
  httpRetries: number;
  /** Where it comes from, for people: "PACT_BROKER_BASE_URL", "its own, on ...". */
  description: string;
}

/**
 * Whether the broker answers its heartbeat (a public endpoint, no credentials needed): undefined when it
 * does, else why not. Asked after a CLI command failed, to tell "the broker is down" from other errors
 * in words rather than in the CLI's "error sending request for url".
 */
export async function brokerUnreachable(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}/diagnostic/status/heartbeat`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status >= 500 ? `its heartbeat answers ${res.status}` : undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}
