// The matrix / can-i-deploy body: the summary (deployable true, false or null, the reasons joined,
// the counts), the reasons again as typed notices, and the rows (considered ones, then ignored ones).
import type { MatrixAnswer } from '../matrix/matrix.service.ts';
import type { MatrixRow, VersionDecorations } from '../matrix/matrix.repository.ts';
import { displayNameFor } from './display-name.ts';
import type { Urls } from '../urls.ts';

function versionBody(
  urls: Urls,
  decorations: VersionDecorations,
  pacticipant: string,
  versionId: number,
  number: string,
) {
  const branches = (decorations.branches.get(versionId) ?? []).map((branch) => ({
    name: branch.name,
    latest: branch.latest,
    _links: { self: { href: urls.branchVersion(pacticipant, branch.name, number) } },
  }));
  return {
    number,
    branch: branches.at(-1)?.name,
    branches,
    branchVersions: branches,
    environments: (decorations.environments.get(versionId) ?? []).map((environment) => ({
      uuid: environment.uuid,
      name: environment.name,
      displayName: displayNameFor(environment.name, environment.displayName),
      production: environment.production,
      _links: { self: { href: urls.environment(environment.uuid) } },
    })),
    tags: (decorations.tags.get(versionId) ?? []).map((tag) => ({
      name: tag.name,
      latest: tag.latest,
      _links: { self: { href: urls.tag(pacticipant, number, tag.name) } },
    })),
    _links: { self: { href: urls.version(pacticipant, number) } },
  };
}

function rowBody(urls: Urls, decorations: VersionDecorations, row: MatrixRow) {
  return {
    consumer: {
      name: row.consumerName,
      version: versionBody(urls, decorations, row.consumerName, row.consumerVersionId, row.consumerVersionNumber),
      _links: { self: { href: urls.pacticipant(row.consumerName) } },
    },
    provider: {
      name: row.providerName,
      version:
        row.providerVersionId === null
          ? null
          : versionBody(urls, decorations, row.providerName, row.providerVersionId, row.providerVersionNumber!),
      _links: { self: { href: urls.pacticipant(row.providerName) } },
    },
    pact: {
      createdAt: row.pactCreatedAt.toISOString(),
      _links: { self: { href: urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber) } },
    },
    verificationResult:
      row.success === null
        ? null
        : {
            success: row.success,
            verifiedAt: row.verifiedAt!.toISOString(),
            _links: {
              self: {
                href: urls.verificationResult(row.providerName, row.consumerName, row.sha, row.verificationNumber!),
              },
            },
          },
  };
}

/**
 * The matrix as a text table (for `Accept: text/plain`, as the Pact Broker offers it): one line per row,
 * then the answer. Hand-written: a table of seven short columns needs no library.
 */
export function matrixText(answer: MatrixAnswer): string {
  const header = ['CONSUMER', 'C_VERSION', 'PROVIDER', 'P_VERSION', 'NUMBER', 'SUCCESS'];
  const rows = [...answer.considered, ...answer.ignored].map((row) => [
    row.consumerName,
    row.consumerVersionNumber,
    row.providerName,
    row.providerVersionNumber ?? '',
    row.verificationNumber === null ? '' : String(row.verificationNumber),
    row.success === null ? '' : String(row.success),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ');
  const table = [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
  const { deployable, reasons } = answer.status;
  return `${table}\n\nDeployable: ${String(deployable)}\nReason: ${reasons.map((reason) => reason.text).join('\n')}\n`;
}

export function matrixBody(urls: Urls, answer: MatrixAnswer, decorations: VersionDecorations) {
  const { status } = answer;
  return {
    summary: {
      deployable: status.deployable,
      reason: status.reasons.map((reason) => reason.text).join('\n'),
      ...status.counts,
    },
    notices: status.reasons,
    matrix: [
      ...answer.considered.map((row) => rowBody(urls, decorations, row)),
      ...answer.ignored.map((row) => ({ ...rowBody(urls, decorations, row), ignored: true })),
    ],
  };
}
