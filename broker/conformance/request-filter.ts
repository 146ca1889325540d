// The two rewrites a verifier needs between the Pact Broker client's pact and a real broker:
//
// 1. Placeholder paths. The client's tests follow HAL links, so its pact records requests to paths
//    such as /HAL-REL-PLACEHOLDER-PB-PACTICIPANT-VERSION-Foo-5556b81... standing for "wherever the
//    broker's link pointed". Each placeholder names its relation and arguments; this maps it to the
//    broker's real path (looking up names the client upper-cased, and environment UUIDs, in the data).
// 2. Matrix query order. The mock server records query parameters grouped by name, which loses the
//    order the broker's `q[][...]` parsing depends on (see http/rack-query.ts). The client wrote each
//    query as the versioned selectors first, then the rest, so the values are regrouped that way:
//    the n-th version belongs to the n-th pacticipant, and pacticipants without a version take the
//    remaining keys (latest, tag, branch...).
import type { RequestHandler } from 'express';

export interface PlaceholderLookup {
  /** The stored spelling of a pacticipant name given in any case. */
  pacticipantName(name: string): Promise<string | undefined>;
  versionNumber(pacticipant: string, number: string): Promise<string | undefined>;
  environmentUuid(name: string): Promise<string | undefined>;
}

type Rule = [
  pattern: RegExp,
  rewrite: (match: RegExpMatchArray, lookup: PlaceholderLookup) => Promise<string | undefined> | string,
];

const UUID = '[0-9a-fA-F-]{36}';
const enc = encodeURIComponent;

const RULES: Rule[] = [
  [/^\/HAL-REL-PLACEHOLDER-PB-PUBLISH-CONTRACTS$/, () => '/contracts/publish'],
  [/^\/HAL-REL-PLACEHOLDER-PB-WEBHOOKS$/, () => '/webhooks'],
  [/^\/HAL-REL-PLACEHOLDER-PB-ENVIRONMENTS$/, () => '/environments'],
  [new RegExp(`^/HAL-REL-PLACEHOLDER-PB-ENVIRONMENT-(${UUID})$`), (m) => `/environments/${m[1]}`],
  [new RegExp(`^/PLACEHOLDER-DEPLOYED-VERSION-(${UUID})$`), (m) => `/deployed-versions/${m[1]}`],
  [
    new RegExp(`^/PLACEHOLDER-ENVIRONMENT-CURRENTLY-DEPLOYED-(${UUID})$`),
    (m) => `/environments/${m[1]}/deployed-versions/currently-deployed`,
  ],
  [
    /^\/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-TAGGED-VERSION-(.+)-([^-]+)$/,
    (m) => `/pacticipants/${enc(m[1]!)}/latest-version/${enc(m[2]!)}`,
  ],
  [/^\/HAL-REL-PLACEHOLDER-INDEX-PB-LATEST-VERSION-(.+)$/, (m) => `/pacticipants/${enc(m[1]!)}/latest-version`],
  [
    /^\/HAL-REL-PLACEHOLDER-(?:INDEX-)?PB-PACTICIPANT-VERSION-(.+)-([^-]+)$/,
    (m) => `/pacticipants/${enc(m[1]!)}/versions/${enc(m[2]!)}`,
  ],
  [
    /^\/HAL-REL-PLACEHOLDER-PB-PACTICIPANT-BRANCH-(.+)-([^-]+)$/,
    (m) => `/pacticipants/${enc(m[1]!)}/branches/${enc(m[2]!)}`,
  ],
  [
    /^\/HAL-REL-PLACEHOLDER-PB-RECORD-(DEPLOYMENT|RELEASE)-(.+)-([^-]+)-([^-]+)$/,
    async (m, lookup) => {
      const pacticipant = await lookup.pacticipantName(m[2]!);
      const version = pacticipant && (await lookup.versionNumber(pacticipant, m[3]!));
      const environment = await lookup.environmentUuid(m[4]!);
      if (!pacticipant || !version || !environment) return undefined;
      const kind = m[1] === 'DEPLOYMENT' ? 'deployed' : 'released';
      return `/pacticipants/${enc(pacticipant)}/versions/${enc(version)}/${kind}-versions/environment/${environment}`;
    },
  ],
];

/** The real path for a placeholder path, or undefined when it is not one this knows. */
export async function resolvePlaceholder(path: string, lookup: PlaceholderLookup): Promise<string | undefined> {
  const decoded = decodeURIComponent(path);
  for (const [pattern, rewrite] of RULES) {
    const match = decoded.match(pattern);
    if (match) return rewrite(match, lookup);
  }
  return undefined;
}

function decodePair(pair: string): [string, string] {
  const equals = pair.indexOf('=');
  const decode = (text: string) => decodeURIComponent(text.replaceAll('+', ' '));
  return equals === -1 ? [decode(pair), ''] : [decode(pair.slice(0, equals)), decode(pair.slice(equals + 1))];
}

/** A matrix query string with its `q[]` selectors regrouped in the order the client wrote them. */
export function regroupMatrixQuery(query: string): string {
  const pairs = query
    .split('&')
    .filter((pair) => pair !== '')
    .map(decodePair);
  const selectorValues = new Map<string, string[]>();
  const rest: [string, string][] = [];
  for (const [key, value] of pairs) {
    const field = /^q\[\]\[([^\]]+)\]$/.exec(key)?.[1];
    if (field) selectorValues.set(field, [...(selectorValues.get(field) ?? []), value]);
    else rest.push([key, value]);
  }
  const pacticipants = selectorValues.get('pacticipant') ?? [];
  if (pacticipants.length === 0) return query;
  const versions = selectorValues.get('version') ?? [];
  const others = [...selectorValues.entries()].filter(([field]) => field !== 'pacticipant' && field !== 'version');
  const encode = ([key, value]: [string, string]) =>
    `${key.replaceAll('[', '%5B').replaceAll(']', '%5D')}=${encodeURIComponent(value)}`;
  const selectors = pacticipants.flatMap((pacticipant, index): [string, string][] => {
    if (index < versions.length)
      return [
        ['q[][pacticipant]', pacticipant],
        ['q[][version]', versions[index]!],
      ];
    const unversioned = index - versions.length;
    return [
      ['q[][pacticipant]', pacticipant],
      ...others.flatMap(([field, values]): [string, string][] =>
        values[unversioned] === undefined ? [] : [[`q[][${field}]`, values[unversioned]!]],
      ),
    ];
  });
  return [...selectors, ...rest].map(encode).join('&');
}

/** Express middleware for pact-js's Verifier `requestFilter`. */
export function conformanceRequestFilter(lookup: PlaceholderLookup): RequestHandler {
  return (req, _res, next) => {
    const [path, query = ''] = req.url.split(/\?(.*)/s, 2) as [string, string | undefined];
    resolvePlaceholder(path, lookup)
      .then((resolved) => {
        const newPath = resolved ?? path;
        const newQuery = newPath === '/matrix' && query !== '' ? regroupMatrixQuery(query) : query;
        req.url = newQuery === '' ? newPath : `${newPath}?${newQuery}`;
        next();
      })
      .catch(next);
  };
}
