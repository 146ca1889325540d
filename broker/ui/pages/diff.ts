// The changes between two pact contents, as a unified diff (the `diff` library, via pacts/diff.ts):
// text for clients, coloured lines for a browser.
import type { PactRow } from '../../pacts/pacts.repository.ts';
import type { JsonObject } from '../../pacts/content.ts';
import { pactDiff } from '../../pacts/diff.ts';

export function diffText(from: PactRow, to: PactRow): string {
  if (from.sha === to.sha)
    return `No differences: ${from.consumerName} versions ${from.consumerVersionNumber} and ${to.consumerVersionNumber} published the same content.\n`;
  return pactDiff(
    JSON.parse(from.content) as JsonObject,
    JSON.parse(to.content) as JsonObject,
    `version ${from.consumerVersionNumber}`,
    `version ${to.consumerVersionNumber}`,
  );
}

export function diffPage(from: PactRow, to: PactRow) {
  const lines = diffText(from, to)
    .split('\n')
    .map((line) => ({
      text: line,
      kind:
        line.startsWith('+++') || line.startsWith('---')
          ? 'file'
          : line.startsWith('+')
            ? 'add'
            : line.startsWith('-')
              ? 'del'
              : line.startsWith('@@')
                ? 'hunk'
                : 'same',
    }));
  const pactPath = (row: PactRow) =>
    `/pacts/provider/${encodeURIComponent(row.providerName)}/consumer/${encodeURIComponent(row.consumerName)}/version/${encodeURIComponent(row.consumerVersionNumber)}`;
  return {
    title: `Changes to the pact between ${to.consumerName} and ${to.providerName}`,
    nav: 'index',
    consumer: to.consumerName,
    provider: to.providerName,
    from: { version: from.consumerVersionNumber, path: pactPath(from) },
    to: { version: to.consumerVersionNumber, path: pactPath(to) },
    lines,
  };
}
