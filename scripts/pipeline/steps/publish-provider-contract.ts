// Step 4 in the openapi provider mode (PIPELINE_PROVIDER_MODE=openapi), instead of the Verifier: the
// backend's OpenAPI document, generated from its zod schemas and checked against the app
// (provider/openapi/self-check.ts), is published as its provider contract with the official CLI, the
// check's report as the self-verification results. The broker then compares every pact with it, and
// can-i-deploy reads those comparisons like any verification (docs/bidirectional-contracts.md).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiDocument, type OpenApiDocument } from '../../../provider/openapi/document.ts';
import { checkOpenApiDocument } from '../../../provider/openapi/self-check.ts';
import { PROVIDER } from '../config.ts';
import { cli, cliFailure, type Step } from '../step.ts';

export interface PublishProviderContractOptions {
  /** The document to publish (default: the backend's own); tests pass one that differs. */
  document?: () => OpenApiDocument;
}

export function publishProviderContract({
  document = () => buildOpenApiDocument(),
}: PublishProviderContractOptions = {}): Step {
  return {
    title: 'publish provider contract',
    async run(context) {
      const { version, branch } = context.config;
      const oas = document();
      const check = await checkOpenApiDocument(oas);
      context.progress.detail(`self-verification of the OpenAPI document: ${check.passed ? 'passed' : 'FAILED'}`);
      for (const line of check.report.trimEnd().split('\n')) context.progress.detail(`  ${line}`);
      const dir = mkdtempSync(join(tmpdir(), 'provider-contract-'));
      try {
        const documentFile = join(dir, 'oas.json');
        const reportFile = join(dir, 'self-verification.txt');
        writeFileSync(documentFile, `${JSON.stringify(oas, null, 2)}\n`);
        writeFileSync(reportFile, check.report);
        const result = await cli(
          context,
          [
            'pactflow',
            'publish-provider-contract',
            documentFile,
            '--provider',
            PROVIDER,
            '--provider-app-version',
            version,
            '--branch',
            branch,
            '--content-type',
            'application/json',
            '--verification-exit-code',
            check.passed ? '0' : '1',
            '--verification-results',
            reportFile,
            '--verification-results-content-type',
            'text/plain',
            '--verifier',
            'npm run verify:openapi',
          ],
          { command: 'pact' },
        );
        if (result.code !== 0)
          return { ok: false, summary: await cliFailure(context, 'publishing the provider contract failed', result) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const summary = `${PROVIDER} ${version}'s OpenAPI document published; the broker compared the pacts with it`;
      // A failed self-verification is published like a failed verification: can-i-deploy judges it.
      return check.passed
        ? { ok: true, summary }
        : { ok: false, summary: `${summary}, but its self-verification failed`, laterStepsDecide: true };
    },
  };
}
