// The changes between two pact contents (PactsService.diffText, see pacts/diff.ts), as coloured
// lines for a browser.
import type { PactRow } from '../../pacts/pacts.service.ts';
import type { Urls } from '../../urls.ts';

export function diffPage(urls: Urls, from: PactRow, to: PactRow, text: string) {
  const lines = text.split('\n').map((line) => ({
    text: line,
    kind:
      line.startsWith('+++') || line.startsWith('---') || line.startsWith('@@@')
        ? 'file'
        : line.startsWith('+')
          ? 'add'
          : line.startsWith('-')
            ? 'del'
            : line.startsWith('@@')
              ? 'hunk'
              : 'same',
  }));
  const pactPath = (row: PactRow) => urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber);
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
