// can-i-deploy's answer from a matrix result: deployable true, false or null (unknown), the counts,
// and the reasons. Unknown is never "yes": a required pact that no selected provider version has
// verified makes the answer unknown, so a CLI polling with --retry-while-unknown keeps waiting.
import type { MatrixRow } from './matrix.repository.ts';
import type { MatrixOptions } from './parse-query.ts';
import {
  describeMissingVersion,
  describeSelector,
  isSpecified,
  onlyPacticipantNamed,
  pacticipantMissing,
  versionMissing,
  type ResolvedSelector,
} from './resolved-selector.ts';

export interface MatrixIntegration {
  consumerId: number;
  consumerName: string;
  providerId: number;
  providerName: string;
  /** The consumer is being deployed, so its provider must be there: a missing verification blocks. */
  required: boolean;
}

export interface MatrixResult {
  selectors: ResolvedSelector[];
  ignoreSelectors: ResolvedSelector[];
  integrations: MatrixIntegration[];
  options: MatrixOptions;
  considered: MatrixRow[];
  ignored: MatrixRow[];
}

export type ReasonType = 'success' | 'info' | 'warning' | 'error';

export interface Reason {
  type: ReasonType;
  text: string;
}

export interface DeploymentStatus {
  deployable: boolean | null;
  reasons: Reason[];
  counts: { success: number; failed: number; unknown: number; ignored?: number };
}

/** The selector behind a row's pacticipant, or a stand-in built from the row. */
function selectorFor(result: MatrixResult, name: string, id: number, versionNumber: string | null): ResolvedSelector {
  const candidates = result.selectors.filter((selector) => selector.pacticipantName === name);
  if (candidates.length === 1) return candidates[0]!;
  const byVersion =
    versionNumber === null ? undefined : candidates.find((selector) => selector.versionNumber === versionNumber);
  if (byVersion) return byVersion;
  // A row without a provider version stands for all of the selected versions (say, each one in an environment).
  const numbers = candidates.flatMap((selector) =>
    selector.versionNumber === undefined || versionMissing(selector) ? [] : [selector.versionNumber],
  );
  if (versionNumber === null && numbers.length > 1)
    return { ...candidates[0]!, versionNumber: numbers.join(', '), oneOfMany: true };
  return {
    pacticipantId: id,
    pacticipantName: name,
    ...(versionNumber === null ? {} : { versionNumber, versionId: 0 }),
    original: versionNumber === null ? { pacticipant: name } : { pacticipant: name, version: versionNumber },
    type: 'inferred',
    ignore: false,
    oneOfMany: false,
  };
}

function pair(result: MatrixResult, row: MatrixRow): string[] {
  return [
    describeSelector(selectorFor(result, row.consumerName, row.consumerId, row.consumerVersionNumber)),
    describeSelector(selectorFor(result, row.providerName, row.providerId, row.providerVersionNumber)),
  ];
}

export function deploymentStatus(result: MatrixResult): DeploymentStatus {
  const { considered, ignored } = result;
  const allRows = [...considered, ...ignored];
  const requiredWithoutRow = result.integrations.filter(
    (integration) =>
      integration.required &&
      !allRows.some((row) => row.consumerId === integration.consumerId && row.providerId === integration.providerId),
  );
  const missingSpecified = result.selectors.filter(
    (selector) => isSpecified(selector) && !selector.ignore && versionMissing(selector),
  );
  const unverified = considered.filter((row) => row.success === null);
  const failed = considered.filter((row) => row.success === false);

  let deployable: boolean | null;
  if (missingSpecified.length > 0) deployable = false;
  else if (unverified.length > 0 || requiredWithoutRow.length > 0) deployable = null;
  else deployable = considered.every((row) => row.success === true);

  const errors: Reason[] = missingSpecified.map((selector) => ({
    type: 'error',
    text: describeMissingVersion(selector),
  }));
  if (errors.length === 0) {
    for (const integration of requiredWithoutRow) {
      const consumer = selectorFor(result, integration.consumerName, integration.consumerId, null);
      const provider = selectorFor(result, integration.providerName, integration.providerId, null);
      errors.push({
        type: 'error',
        text: `No verified pact exists between ${describeSelector(consumer)} and ${describeSelector(provider)}`,
      });
    }
    for (const row of failed) {
      const [consumer, provider] = pair(result, row);
      errors.push({ type: 'error', text: `The pact between ${consumer} and ${provider} failed verification` });
    }
    for (const row of unverified) {
      const [consumer, provider] = pair(result, row);
      errors.push({ type: 'error', text: `No verified pact exists between ${consumer} and ${provider}` });
    }
  }

  const warnings: Reason[] = result.ignoreSelectors
    .filter((selector) => pacticipantMissing(selector) || versionMissing(selector))
    .map((selector) => ({
      type: 'warning',
      text: `WARN: cannot ignore ${describeSelector(selector)}: it does not exist`,
    }));
  const specified = result.selectors.filter(isSpecified);
  const { tag, environment, mainBranch } = result.options;
  if (specified.length === 1 && tag === undefined && environment === undefined && !mainBranch) {
    warnings.push({
      type: 'warning',
      text: 'WARN: no environment (or tag) was given; name where you are deploying, or the answer may not be reliable',
    });
  }
  const versioned = specified.filter((selector) => !onlyPacticipantNamed(selector.original));
  if (versioned.length > 0 && !versioned.some((selector) => selector.original.version !== undefined)) {
    warnings.push({
      type: 'warning',
      text:
        'WARN: no version number was given for the pacticipant to deploy; name the exact version ' +
        '(not a tag or branch), or the answer can race with new publications',
    });
  }

  const success: Reason[] =
    errors.length > 0 || requiredWithoutRow.length > 0 || !considered.every((row) => row.success === true)
      ? []
      : [
          {
            type: 'success',
            text:
              considered.length > 0
                ? 'Every required verification result is published and successful'
                : 'No required dependencies are missing',
          },
        ];

  const unique = (reasons: Reason[]) =>
    reasons.filter((reason, index) => reasons.findIndex((other) => other.text === reason.text) === index);
  return {
    deployable,
    reasons: unique([...warnings, ...(errors.length > 0 ? errors : success)]),
    counts: {
      success: considered.filter((row) => row.success === true).length,
      failed: failed.length,
      unknown: requiredWithoutRow.length + unverified.length,
      ...(result.ignoreSelectors.length > 0 ? { ignored: ignored.length } : {}),
    },
  };
}
