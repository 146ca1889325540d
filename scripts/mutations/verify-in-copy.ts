// Run inside a scratch copy by the mutation test (verify-copy.ts): provider verification of the copy's
// backend against the committed pact, with the same verifyBackend that `npm run verify:provider`, the
// provider spec and the pipeline run, and the same report. It differs from `npm run verify:provider` in
// one thing only: its database is given (MUTATION_DATABASE_URL, copied from a migrated template), so
// the ninety-odd runs are not each spent migrating a new database.
// Exit code: 0 verified, 1 verification failed, 2 no database given.
import { z } from 'zod';
import { localVerificationConfig } from '../../provider/pact/verification-config.ts';
import { failureReport, verifyBackend } from '../../provider/pact/verify-backend.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true';

const databaseUrl = z.url().safeParse(process.env.MUTATION_DATABASE_URL);
if (!databaseUrl.success) {
  process.stderr.write('MUTATION_DATABASE_URL must name the database to verify on\n');
  process.exit(2);
}
const outcome = await verifyBackend({ databaseUrl: databaseUrl.data, config: localVerificationConfig() });
process.stdout.write(outcome.passed ? 'Provider verification passed.\n' : `${failureReport(outcome)}\n`);
process.exit(outcome.passed ? 0 : 1);
