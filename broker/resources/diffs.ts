// Diffs between pact versions (`pb:diff-previous-distinct`, `pb:diff`), as text: a heading naming the
// two pacts, the changes (pacts/diff.ts, computed in a worker thread) and links to both pacts. The
// dashboard shows the same diffs coloured (ui/).
import { text, type Route, route } from '../http/resource.ts';
import { diffPair, DIFF_KINDS } from '../pacts/diff-pairs.ts';
import type { PactRow } from '../pacts/pacts.service.ts';
import { pactTitle } from '../serializers/pacts.ts';
import { DIFF_PATHS } from '../urls.ts';

export const diffRoutes: Route[] = DIFF_KINDS.map((kind) =>
  route({
    method: 'get',
    path: DIFF_PATHS[kind],
    access: 'read',
    handler: async (call) => {
      const [from, to] = await diffPair(call.services.pacts, call.params, kind);
      if (!from) return text(`No earlier pact with different content was found for the ${pactTitle(to)}.\n`);
      const changes = await call.services.pacts.diffText(from, to);
      const link = (row: PactRow) =>
        [
          `  title: Pact`,
          `  name: ${pactTitle(row)}`,
          `  href: ${call.urls.pact(row.providerName, row.consumerName, row.consumerVersionNumber)}`,
        ].join('\n');
      return text(
        [
          `# Changes from version ${from.consumerVersionNumber} to version ${to.consumerVersionNumber} ` +
            `of the pact between ${to.consumerName} and ${to.providerName}`,
          '',
          `Version ${to.consumerVersionNumber} was published at ${to.createdAt.toISOString()}.`,
          '',
          changes,
          '## Links',
          `pact-version:\n${link(to)}`,
          `comparison-pact-version:\n${link(from)}`,
          '',
        ].join('\n'),
      );
    },
  }),
);
