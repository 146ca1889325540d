// Diffs between pact versions (`pb:diff-previous-distinct`, `pb:diff`), as text; the dashboard shows
// the same diffs coloured (ui/).
import { NotFoundError } from '../http/errors.ts';
import { text, type Call, type Route } from '../http/resource.ts';
import type { PactRow } from '../pacts/pacts.repository.ts';
import { diffText } from '../ui/pages/diff.ts';

const PACT = '/pacts/provider/:provider/consumer/:consumer';

/** The two pacts a diff route compares, oldest first. */
export async function diffPair(
  { params, services }: Pick<Call, 'params' | 'services'>,
  kind: 'previous-distinct' | 'version' | 'pact-version',
): Promise<[PactRow, PactRow]> {
  const { provider, consumer } = params as { provider: string; consumer: string };
  if (kind === 'pact-version')
    return [
      await services.pacts.bySha(provider, consumer, params.sha2!),
      await services.pacts.bySha(provider, consumer, params.sha!),
    ];
  const pact = await services.pacts.forConsumerVersion(provider, consumer, params.version!);
  if (kind === 'version') return [await services.pacts.forConsumerVersion(provider, consumer, params.version2!), pact];
  const previous = await services.pacts.previousDistinct(pact);
  if (!previous) throw new NotFoundError(`No earlier pact between ${consumer} and ${provider} has different content`);
  return [previous, pact];
}

export const DIFF_PATHS = {
  'previous-distinct': `${PACT}/version/:version/diff/previous-distinct`,
  version: `${PACT}/version/:version/diff/version/:version2`,
  'pact-version': `${PACT}/pact-version/:sha/diff/pact-version/:sha2`,
} as const;

export const diffRoutes: Route[] = (Object.keys(DIFF_PATHS) as (keyof typeof DIFF_PATHS)[]).map((kind) => ({
  method: 'get',
  path: DIFF_PATHS[kind],
  access: 'read',
  handler: async (call) => {
    const [from, to] = await diffPair(call, kind);
    return text(diffText(from, to));
  },
}));
