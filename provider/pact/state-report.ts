// The provider states the pacts use, set against the states the backend handles: printed after each
// verification (from what the Verifier asked for) and checked on the committed pacts by a spec.
import { plural } from './state-guard.ts';

export interface StateReport {
  /** Used by a pact, no handler: verification fails on these. */
  missing: string[];
  /** Handled, used by no pact verified: harmless, maybe stale. */
  unused: string[];
  text: string;
}

export function stateReport(used: ReadonlyMap<string, number>, handled: readonly string[]): StateReport {
  const handledSet = new Set(handled);
  const missing = [...used.keys()].filter((state) => !handledSet.has(state));
  const unused = handled.filter((state) => !used.has(state));
  const lines = [
    `Provider states: ${used.size} used by the pacts, ${handled.length} handled, ${missing.length} without a handler`,
  ];
  for (const [state, count] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${handledSet.has(state) ? 'ok     ' : 'MISSING'}  ${state} (${plural(count, 'interaction')})`);
  }
  for (const state of unused) lines.push(`  unused   ${state}`);
  return { missing, unused, text: lines.join('\n') };
}
