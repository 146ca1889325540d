// What a mutation run found: each mutation's outcome, and whether the contract did its job (every
// breaking change failed verification, no compatible change did, nothing could not be judged).
import type { Mutation } from './mutations.ts';

export interface Outcome {
  mutation: Mutation;
  /** passed / failed: what provider verification said; error: it could not say (no verdict). */
  verification: 'passed' | 'failed' | 'error';
  /** The interactions that failed, or why there is no verdict. */
  detail: string[];
  seconds: number;
}

export interface Verdict {
  ok: boolean;
  breaking: number;
  caught: number;
  compatible: number;
  falseAlarms: number;
  missed: Outcome[];
  alarms: Outcome[];
  errors: Outcome[];
  lines: string[];
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`);

export function judge(outcomes: readonly Outcome[]): Verdict {
  const judged = outcomes.filter((outcome) => outcome.verification !== 'error');
  const errors = outcomes.filter((outcome) => outcome.verification === 'error');
  const breaking = judged.filter((outcome) => outcome.mutation.kind === 'breaking');
  const compatible = judged.filter((outcome) => outcome.mutation.kind === 'compatible');
  const missed = breaking.filter((outcome) => outcome.verification === 'passed');
  const alarms = compatible.filter((outcome) => outcome.verification === 'failed');
  const caught = breaking.length - missed.length;
  const lines = [
    `Breaking changes caught: ${caught} of ${breaking.length} (${percent(caught, breaking.length)})`,
    `Compatible changes passed: ${compatible.length - alarms.length} of ${compatible.length}; false alarms: ${alarms.length}`,
  ];
  if (errors.length > 0) lines.push(`Not judged (verification could not run): ${errors.length}`);
  for (const outcome of missed) lines.push(`  MISSED       ${outcome.mutation.id}: ${outcome.mutation.change}`);
  for (const outcome of alarms) lines.push(`  FALSE ALARM  ${outcome.mutation.id}: ${outcome.mutation.change}`);
  for (const outcome of errors) lines.push(`  NO VERDICT   ${outcome.mutation.id}: ${outcome.detail.join(' ')}`);
  return {
    ok: missed.length === 0 && alarms.length === 0 && errors.length === 0 && judged.length > 0,
    breaking: breaking.length,
    caught,
    compatible: compatible.length,
    falseAlarms: alarms.length,
    missed,
    alarms,
    errors,
    lines,
  };
}
