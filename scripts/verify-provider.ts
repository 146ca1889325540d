// `npm run verify:provider`: provider verification as CI runs it. The pacts come from PACT_URL (a file,
// or the URL a broker webhook passes), else from the broker at PACT_BROKER_BASE_URL with consumer
// version selectors, else from pacts/ (provider/pact/verification-config.ts has every variable). The
// production backend runs on a database of its own. Prints what it verifies, the Rust verifier's
// report, the provider states used against those handled, and the routes no pact exercises.
// Exit code: 0 verified, 1 verification failed, 2 bad configuration or no database.
import { runShutdown } from '../common/process/shutdown.ts';
import { readGitRevision } from '../common/process/git-revision.ts';
import { describeVerification } from '../provider/pact/pact.setup.ts';
import {
  loadVerificationConfig,
  VerificationConfigError,
  type VerificationConfig,
} from '../provider/pact/verification-config.ts';
import { openVerificationDatabase, type VerificationDatabase } from '../provider/pact/verification-database.ts';
import {
  failureReport,
  pendingFailureReport,
  verifyBackend,
  type VerificationOutcome,
} from '../provider/pact/verify-backend.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true'; // pact-core would otherwise send usage metrics

const out = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let config: VerificationConfig;
  try {
    config = loadVerificationConfig({ git: readGitRevision() });
  } catch (error) {
    if (!(error instanceof VerificationConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  for (const line of describeVerification(config)) out(line);

  let database: VerificationDatabase;
  try {
    database = await openVerificationDatabase();
  } catch (error) {
    process.stderr.write(`No database for the verification: ${(error as Error).message}\n`);
    return 2;
  }
  out(`Database: ${database.description}`);

  let outcome: VerificationOutcome;
  try {
    outcome = await verifyBackend({ databaseUrl: database.url, config });
  } finally {
    await database.close();
  }
  out();
  out(outcome.stateReport.text);
  out(outcome.coverage.text);
  out();
  const pending = pendingFailureReport(outcome);
  if (pending) out(`${pending}\n`);
  if (!outcome.passed) {
    out(failureReport(outcome));
    return 1;
  }
  out('Provider verification passed.');
  return 0;
}

const code = await main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  return 2;
});
await runShutdown();
process.exit(code);
