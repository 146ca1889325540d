// The `/metadata/{m}` segment of pact URLs handed to verifiers: url-safe base64 (no padding) of a
// Rack-style nested query, with the Pact Broker's short keys:
//   s[][cv] consumer version id, s[][b] branch, s[][t] tag, s[][l] latest, s[][e] environment; p pending; w wip.
// When the verification result comes back to that URL, the broker learns why the pact was verified.
import { buildRackQuery, parseRackQuery, type QueryValue } from '../rack-query.ts';

export interface SelectorMetadata {
  consumerVersionId: number;
  branch?: string;
  tag?: string;
  latest?: boolean;
  environment?: string;
}

export interface PactMetadata {
  selectors: SelectorMetadata[];
  pending?: boolean;
  wip?: boolean;
}

export function encodeMetadata(metadata: PactMetadata): string {
  // `cv` first in every selector: Rack's parser starts a new list element when a key repeats, so a
  // key present in every element, written first, keeps the elements apart.
  const s = metadata.selectors.map((selector) => ({
    cv: selector.consumerVersionId,
    ...(selector.branch !== undefined ? { b: selector.branch } : {}),
    ...(selector.tag !== undefined ? { t: selector.tag } : {}),
    ...(selector.latest !== undefined ? { l: selector.latest } : {}),
    ...(selector.environment !== undefined ? { e: selector.environment } : {}),
  }));
  const query = buildRackQuery({ ...(metadata.wip ? { w: true } : { s, p: metadata.pending }) });
  return Buffer.from(query, 'utf8').toString('base64url');
}

const text = (value: QueryValue | undefined) => (typeof value === 'string' ? value : undefined);

/** The metadata in a pact URL, or undefined when it is not ours to read. */
export function decodeMetadata(encoded: string): PactMetadata | undefined {
  try {
    const params = parseRackQuery(Buffer.from(encoded, 'base64url').toString('utf8'));
    const list = Array.isArray(params.s) ? params.s : [];
    const selectors = list.flatMap((item): SelectorMetadata[] => {
      if (typeof item !== 'object' || Array.isArray(item)) return [];
      const id = Number(text(item.cv));
      if (!Number.isSafeInteger(id)) return [];
      const selector: SelectorMetadata = { consumerVersionId: id };
      if (text(item.b) !== undefined) selector.branch = text(item.b)!;
      if (text(item.t) !== undefined) selector.tag = text(item.t)!;
      if (text(item.l) !== undefined) selector.latest = text(item.l) === 'true';
      if (text(item.e) !== undefined) selector.environment = text(item.e)!;
      return [selector];
    });
    const result: PactMetadata = { selectors };
    if (text(params.p) !== undefined) result.pending = text(params.p) === 'true';
    if (text(params.w) === 'true') result.wip = true;
    return result;
  } catch {
    return undefined;
  }
}
