// The guard around the state handlers. pact-js only logs a warning when a pact asks for a state that
// has no handler, and only logs a handler that throws: in both cases the interaction still runs, on
// whatever the database holds, and may well pass (a typo in a state name passes quietly). The guard
// records both, and the verification fails afterwards naming the states (verify-backend.ts).
//
// pact-js looks a handler up by name in the `stateHandlers` object it is given; the guard hands it a
// Proxy whose lookup of an unknown name returns a `{ setup }` handler (pact-js's other handler shape)
// that records the name. Not a function: other code probes objects for methods (JSON.stringify asks
// for `toJSON`, pact-js logs its options as JSON) and must not find a callable "handler" there.
import type { StateHandler } from './state-handlers.ts';

/** The handler shapes pact-js accepts: a function, or an object with `setup` (and `teardown`). */
type GuardedHandler = StateHandler | { setup: StateHandler };

export interface StateFailure {
  state: string;
  message: string;
}

/** Interactions without a provider state come with the empty name: there is nothing to set up. */
const NO_STATE = '';

export class StateGuard {
  /** Setups asked for, per state name (handled or not). */
  readonly used = new Map<string, number>();
  readonly missing = new Set<string>();
  readonly failures: StateFailure[] = [];
  readonly handled: readonly string[];
  /** What to give the Verifier as `stateHandlers`. */
  readonly stateHandlers: Record<string, GuardedHandler>;

  constructor(handlers: Record<string, StateHandler>) {
    this.handled = Object.keys(handlers);
    const guarded: Record<string, StateHandler> = Object.create(null);
    for (const [state, handler] of Object.entries(handlers))
      guarded[state] = (params) => this.run(state, handler, params);
    this.stateHandlers = new Proxy(guarded, {
      get: (target, key, receiver) => {
        if (typeof key !== 'string' || Object.hasOwn(target, key)) return Reflect.get(target, key, receiver);
        if (key === NO_STATE) return { setup: async () => undefined };
        return { setup: this.unhandled(key) };
      },
    });
  }

  /** Whether every state asked for had a handler, and every handler succeeded. */
  get ok(): boolean {
    return this.missing.size === 0 && this.failures.length === 0;
  }

  /** Why the verification must fail, or undefined when the guard saw nothing wrong. */
  problem(): string | undefined {
    if (this.ok) return undefined;
    const lines: string[] = [];
    if (this.missing.size > 0) {
      lines.push('Provider states with no handler (the interactions ran without their state):');
      for (const state of this.missing)
        lines.push(`  - "${state}" (${plural(this.used.get(state) ?? 0, 'interaction')})`);
    }
    if (this.failures.length > 0) {
      lines.push('State handlers that failed (the interactions ran without their state):');
      for (const { state, message } of this.failures) lines.push(`  - "${state}": ${message}`);
    }
    return lines.join('\n');
  }

  private count(state: string): void {
    this.used.set(state, (this.used.get(state) ?? 0) + 1);
  }

  private async run(state: string, handler: StateHandler, params: unknown): Promise<Record<string, string> | void> {
    this.count(state);
    try {
      return await handler(params);
    } catch (error) {
      this.failures.push({ state, message: (error as Error).message });
      throw error;
    }
  }

  private unhandled(state: string): StateHandler {
    return async () => {
      this.count(state);
      this.missing.add(state);
    };
  }
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
