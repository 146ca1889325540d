// Step 4: the backend verifies the pacts the broker selects for it (mainBranch, matchingBranch,
// deployedOrReleased; pending and WIP pacts) and publishes the results as the same commit and branch.
// In process, with the same verifyBackend as `npm run verify:provider` and `npm test`: the production
// app on a database of its own. A failed verification is published too, and can-i-deploy then says
// what it means for deploying (see StepOutcome.laterStepsDecide).
import type { RequestListener } from 'node:http';
import type { Express } from 'express';
import type { VerificationConfig } from '../../../provider/pact/verification-config.ts';
import type { VerificationDatabase } from '../../../provider/pact/verification-database.ts';
import { failureReport, pendingFailureReport, verifyBackend } from '../../../provider/pact/verify-backend.ts';
import { PROVIDER } from '../config.ts';
import type { Step, StepContext } from '../step.ts';

export interface VerifyProviderOptions {
  openDatabase: () => Promise<VerificationDatabase>;
  /** The provider build under verification (default: the production app); see verifyBackend. */
  providerBuild?: (app: Express) => RequestListener;
}

function verificationConfig({ config, broker }: StepContext): VerificationConfig {
  const { verification } = config;
  return {
    source: {
      kind: 'broker',
      baseUrl: broker.url,
      ...(broker.credentials ? { auth: broker.credentials } : {}),
      enablePending: verification.enablePending,
      ...(verification.includeWipPactsSince ? { includeWipPactsSince: verification.includeWipPactsSince } : {}),
    },
    providerVersion: config.version,
    providerBranch: config.branch,
    publishResults: true,
    ...(verification.buildUrl ? { buildUrl: verification.buildUrl } : {}),
    logLevel: verification.logLevel,
  };
}

export function verifyProvider({ openDatabase, providerBuild }: VerifyProviderOptions): Step {
  return {
    title: 'provider verification',
    async run(context) {
      const { progress, config } = context;
      progress.detail(
        `${PROVIDER} ${config.version} on branch ${config.branch}: ` +
          'pacts selected by the broker (mainBranch, matchingBranch, deployedOrReleased), results published',
      );
      const database = await openDatabase();
      progress.detail(`database: ${database.description}`);
      const outcome = await verifyBackend({
        databaseUrl: database.url,
        config: verificationConfig(context),
        ...(providerBuild ? { providerBuild } : {}),
      }).finally(() => database.close());

      progress.detail(outcome.stateReport.text.split('\n')[0]!);
      progress.detail(outcome.coverage.text.split('\n')[0]!);
      const pending = pendingFailureReport(outcome);
      if (pending) progress.detail(pending);
      if (!outcome.results)
        return { ok: false, summary: `the verifier could not run: ${outcome.error ?? 'no results'}` };

      const interactions = outcome.results.interactionResults.length;
      const published = `results published as ${PROVIDER} ${config.version}`;
      if (!outcome.passed) {
        progress.detail(failureReport(outcome));
        // A state guard's complaint is ours alone (the verifier may have published a success): stop.
        if (outcome.stateProblem)
          return { ok: false, summary: `the provider states are not all handled: ${outcome.stateProblem}` };
        const failed = outcome.results.errors.length;
        return {
          ok: false,
          summary: `${failed} of ${interactions} interactions failed; ${published}`,
          laterStepsDecide: true,
        };
      }
      const pendingFailures = outcome.results.pendingErrors.length;
      // A pending pact's failures do not fail verification (Pact's rule for a pact this branch never
      // passed); they are published, and can-i-deploy judges them.
      const pendingNote =
        pendingFailures > 0 ? `, ${pendingFailures} of them failing in a pending pact (not failing this step)` : '';
      return { ok: true, summary: `${interactions} interactions verified${pendingNote}; ${published}` };
    },
  };
}
