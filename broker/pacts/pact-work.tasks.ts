// The pact work that runs in worker threads (pact-work.ts): reading, diffing and merging whole pacts.
// Each task takes and returns plain data (texts and JSON), as a worker's messages must; problems are
// returned, not thrown, since an error loses its class on the way back.
import { ValidationError } from '../domain-errors.ts';
import { readPact, readPactText, type UnknownObject, type Names, type PactContent } from './content.ts';
import { pactDiff } from './diff.ts';
import { mergePacts } from './merge.ts';

export type ReadTask = ({ text: string } | { value: unknown }) & { field: string; names?: Partial<Names> };

export type ReadOutcome = { content: PactContent } | { errors: Record<string, string[]> };

/** A pact read (checked, hashed, interaction ids added), or what is wrong with it. */
export function read(task: ReadTask): ReadOutcome {
  try {
    const names = task.names ?? {};
    return {
      content: 'text' in task ? readPactText(task.text, task.field, names) : readPact(task.value, task.field, names),
    };
  } catch (error) {
    if (error instanceof ValidationError && !Array.isArray(error.errors)) return { errors: error.errors };
    throw error;
  }
}

export interface DiffTask {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
}

export function diff({ before, after, beforeLabel, afterLabel }: DiffTask): string {
  return pactDiff(JSON.parse(before) as UnknownObject, JSON.parse(after) as UnknownObject, beforeLabel, afterLabel);
}

export interface MergeTask {
  existing: string;
  additional: string;
}

export type MergeOutcome = { content: PactContent } | { conflicts: string[] };

/** Merges `additional` into `existing` and reads the result (content hash, interaction ids). */
export function merge({ existing, additional }: MergeTask): MergeOutcome {
  const result = mergePacts(JSON.parse(existing) as UnknownObject, JSON.parse(additional) as UnknownObject);
  return 'conflicts' in result ? result : { content: readPact(result.merged) };
}
