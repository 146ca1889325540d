// The Rust verifier's results. Its report is printed from native code straight to stdout, but
// pact-core also hands the same run back as JSON (`pactffi_verifier_json`): pact-js resolves with it,
// or rejects with it as the error's message when verification fails. That JSON is read here, so
// failures can be named without capturing the process's output.
import { z } from 'zod';

const mismatchSchema = z.looseObject({
  type: z.string(),
  mismatch: z.string().optional(),
  path: z.string().optional(),
});
const failureSchema = z.looseObject({
  interaction: z.string(),
  mismatch: z.looseObject({
    type: z.string(),
    mismatches: z.array(mismatchSchema).optional(),
    message: z.string().optional(),
  }),
});
const resultsSchema = z.looseObject({
  result: z.boolean(),
  errors: z.array(failureSchema).default([]),
  pendingErrors: z.array(failureSchema).default([]),
  interactionResults: z
    .array(
      z.looseObject({
        description: z.string(),
        result: z.string(),
        duration: z.string().optional(),
        pending: z.boolean().optional(),
      }),
    )
    .default([]),
  output: z.array(z.string()).default([]),
});

export type VerifierResults = z.infer<typeof resultsSchema>;
export type VerificationFailure = z.infer<typeof failureSchema>;

/** The results, from what pact-js resolved with or the message it rejected with; undefined if that is not them. */
export function parseVerifierResults(text: unknown): VerifierResults | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const parsed = resultsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** One line per mismatch: what was expected where, and what the backend did. */
export function describeFailure({ interaction, mismatch }: VerificationFailure): string[] {
  const details = mismatch.mismatches?.length
    ? mismatch.mismatches.map(
        (item) => `    ${item.type}${item.path ? ` at ${item.path}` : ''}: ${item.mismatch ?? '(no detail)'}`,
      )
    : [`    ${mismatch.message ?? mismatch.type}`];
  return [`  ${interaction}`, ...details];
}
