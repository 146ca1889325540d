// Diffs between pact versions (`pb:diff-previous-distinct`, `pb:diff`), as text: a heading naming the
// two pacts, the changes (pacts/diff.ts, computed in a worker thread) and links to both pacts. The
// dashboard shows the same diffs coloured (ui/).
import { NotFoundError } from '../http/errors.ts';
import { text, type Call, type Route } from '../http/resource.ts';
import type { PactRow } from '../pacts/pacts.repository.ts';
import { pactTitle } from '../serializers/pacts.ts';

const PACT = '/pacts/provider/:provider/consumer/:consumer';

type DiffKind = 'previous-distinct' | 'version' | 'pact-version';

/** The two pacts a diff route compares, oldest first (no earlier one: the previous distinct is missing). */
export async function diffPair(
  { params, services }: Pick<Call, 'params' | 'services'>,
  kind: DiffKind,
): Promise<[PactRow | undefined, PactRow]> {
  const { provider, consumer } = params as { provider: string; consumer: string };
  if (kind === 'pact-version')
    return [
      await services.pacts.bySha(provider, consumer, params.sha2!),
      await services.pacts.bySha(provider, consumer, params.sha!),
    ];
  const pact = await services.pacts.forConsumerVersion(provider, consumer, params.version!);
  if (kind === 'version') return [await services.pacts.forConsumerVersion(provider, consumer, params.version2!), pact];
  return [await services.pacts.previousDistinct(pact), pact];
}

/** As diffPair, for pages that need both pacts. */
export async function bothOfDiffPair(
  call: Pick<Call, 'params' | 'services'>,
  kind: DiffKind,
): Promise<[PactRow, PactRow]> {
  const [from, to] = await diffPair(call, kind);
  if (!from)
    throw new NotFoundError(`No earlier pact between ${to.consumerName} and ${to.providerName} has different content`);
  return [from, to];
}

export const DIFF_PATHS = {
  'previous-distinct': `${PACT}/version/:version/diff/previous-distinct`,
  version: `${PACT}/version/:version/diff/version/:version2`,
  'pact-version': `${PACT}/pact-version/:sha/diff/pact-version/:sha2`,
} as const;

export const diffRoutes: Route[] = (Object.keys(DIFF_PATHS) as DiffKind[]).map((kind) => ({
  method: 'get',
  path: DIFF_PATHS[kind],
  access: 'read',
  handler: async (call) => {
    const [from, to] = await diffPair(call, kind);
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
        `# Changes from version ${from.consumerVersionNumber} to version ${to.consumerVersionNumber} of the pact between ${to.consumerName} and ${to.providerName}`,
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
}));
