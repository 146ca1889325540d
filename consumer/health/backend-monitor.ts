// What the router knows about the backend's health: a fresh probe of the backend's GET /health on
// each ask (through the BackendClient), plus the last failure seen by a probe or by the proxy.
import type { BackendClient } from '../backend-client/backend-client.ts';
import { BackendUnavailableError } from '../backend-client/errors.ts';

export interface BackendFailure {
  message: string;
  at: string;
}

export interface BackendStatus {
  /** Reachable, and reports itself healthy (its database connected). */
  healthy: boolean;
  /** What the backend said (`healthy`, `degraded`), or `unreachable` when it said nothing usable. */
  status: 'healthy' | 'degraded' | 'unreachable';
  latency_ms: number;
  checked_at: string;
  last_error: BackendFailure | null;
}

export class BackendMonitor {
  private lastError: BackendFailure | null = null;

  constructor(
    private readonly client: BackendClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Probes the backend now. Never throws: an unreachable backend is a status, not an error. */
  async check(requestId?: string): Promise<BackendStatus> {
    const started = performance.now();
    let status: BackendStatus['status'];
    try {
      const health = await this.client.health(requestId ? { requestId } : {});
      status = health.status === 'healthy' ? 'healthy' : 'degraded';
      if (status === 'degraded')
        this.recordFailure(`the backend reports itself degraded${databaseProblem(health.checks?.database?.error)}`);
    } catch (error) {
      status = 'unreachable';
      this.recordFailure(error instanceof Error ? error.message : String(error));
    }
    return {
      healthy: status === 'healthy',
      status,
      latency_ms: Math.round((performance.now() - started) * 100) / 100,
      checked_at: this.now().toISOString(),
      last_error: this.lastError,
    };
  }

  /** The proxy reports the failures it meets, so health shows them even between probes. */
  recordFailure(error: BackendUnavailableError | string): void {
    this.lastError = { message: typeof error === 'string' ? error : error.message, at: this.now().toISOString() };
  }
}

function databaseProblem(error: string | undefined): string {
  return error ? ` (database: ${error})` : '';
}
