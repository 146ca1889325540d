// The two pacts a diff compares (`pb:diff-previous-distinct`, `pb:diff`, a pact version against
// another): found the same way for the API's text diff (resources/diffs.ts) and the dashboard's
// coloured one (ui/).
import { NotFoundError } from '../domain-errors.ts';
import type { PactRow, PactsService } from './pacts.service.ts';

export type DiffKind = 'previous-distinct' | 'version' | 'pact-version';
export const DIFF_KINDS: readonly DiffKind[] = ['previous-distinct', 'version', 'pact-version'];

/**
 * The names in a diff's URL (its route's parameters, urls.ts DIFF_PATHS): `provider` and `consumer`,
 * then `version` and `version2`, or `sha` and `sha2`, as the kind of diff says.
 */
export type DiffNames = Readonly<Record<string, string | undefined>>;

/** Oldest first; no earlier pact (the previous distinct is missing) gives `undefined` first. */
export async function diffPair(
  pacts: PactsService,
  names: DiffNames,
  kind: DiffKind,
): Promise<[PactRow | undefined, PactRow]> {
  const [provider, consumer] = [names.provider!, names.consumer!];
  if (kind === 'pact-version')
    return [await pacts.bySha(provider, consumer, names.sha2!), await pacts.bySha(provider, consumer, names.sha!)];
  const pact = await pacts.forConsumerVersion(provider, consumer, names.version!);
  if (kind === 'version') return [await pacts.forConsumerVersion(provider, consumer, names.version2!), pact];
  return [await pacts.previousDistinct(pact), pact];
}

/** As diffPair, for pages that need both pacts: no earlier pact is a NotFoundError. */
export async function bothOfDiffPair(
  pacts: PactsService,
  names: DiffNames,
  kind: DiffKind,
): Promise<[PactRow, PactRow]> {
  const [from, to] = await diffPair(pacts, names, kind);
  if (!from)
    throw new NotFoundError(`No earlier pact between ${to.consumerName} and ${to.providerName} has different content`);
  return [from, to];
}
