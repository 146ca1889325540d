// Helpers for the ported matrix examples: ask the production broker over HTTP and read its answer in
// the short form the Pact Broker's own specs use ("A1 B2 n3": consumer A version 1, provider B version
// 2, verification number 3; "?" where a row has no provider version or verification).
import { expect } from 'chai';
import request from 'supertest';
import type { BrokerTestContext } from '../../../testing/broker-test-context.ts';

export interface MatrixRowBody {
  consumer: { name: string; version: { number: string; branch?: string; tags: { name: string; latest: boolean }[] } };
  provider: { name: string; version: { number: string; tags: { name: string; latest: boolean }[] } | null };
  verificationResult: { success: boolean; _links: { self: { href: string } } } | null;
  ignored?: true;
}

export interface MatrixAnswerBody {
  summary: {
    deployable: boolean | null;
    reason: string;
    success: number;
    failed: number;
    unknown: number;
    ignored?: number;
  };
  notices: { type: string; text: string }[];
  matrix: MatrixRowBody[];
}

/** The verification number from a row's verification result link (…/verification-results/{n}). */
const verificationNumber = (row: MatrixRowBody) =>
  row.verificationResult ? row.verificationResult._links.self.href.split('/').at(-1) : '?';

export const shortRow = (row: MatrixRowBody) =>
  `${row.consumer.name}${row.consumer.version.number} ${row.provider.name}${row.provider.version?.number ?? '?'} n${verificationNumber(row)}`;

export const shortRows = (body: MatrixAnswerBody) => body.matrix.map(shortRow);

/** One selector as `q[]` parameters: a name, or a name with a version number or other fields. */
export type Selector = { pacticipant: string } & Partial<Record<'version' | 'tag' | 'branch' | 'environment', string>> &
  Partial<Record<'latest' | 'mainBranch', boolean>>;

export function matrixQuery(selectors: Selector[], options: Record<string, string | boolean | undefined> = {}): string {
  const parts: string[] = [];
  for (const selector of selectors) {
    for (const [key, value] of Object.entries(selector)) {
      if (value === undefined) continue;
      parts.push(`q[][${key}]=${encodeURIComponent(String(value))}`);
    }
  }
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) parts.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  return parts.join('&');
}

/** GET /matrix?… expecting 200; the parsed answer. */
export async function getMatrix(
  broker: BrokerTestContext,
  selectors: Selector[],
  options: Record<string, string | boolean | undefined> = {},
): Promise<MatrixAnswerBody> {
  const res = await request(broker.server).get(`/matrix?${matrixQuery(selectors, options)}`);
  expect(res.status, res.text).to.equal(200);
  return res.body as MatrixAnswerBody;
}

/** `{ A: '1', B: undefined }` as selectors (the reference specs' build_selectors). */
export const selectors = (versions: Record<string, string | undefined>): Selector[] =>
  Object.entries(versions).map(([pacticipant, version]) =>
    version === undefined ? { pacticipant } : { pacticipant, version },
  );

/**
 * Each notice of an answer as the Pact Broker's reason it stands for (its class name), sorted as the
 * reference's approval files list them. Our wording is our own; the kind of reason is what must match.
 */
const REASON_KINDS: [RegExp, string][] = [
  [/^Every required verification result is published and successful$/, 'Successful'],
  [/^No required dependencies are missing$/, 'NoDependenciesMissing'],
  [/^No verified pact exists between /, 'PactNotEverVerifiedByProvider'],
  [/^The pact between .* failed verification$/, 'VerificationFailed'],
  [/^WARN: no environment /, 'NoEnvironmentSpecified'],
  [/^WARN: no version number was given /, 'SelectorWithoutPacticipantVersionNumberSpecified'],
  [/^WARN: cannot ignore /, 'IgnoreSelectorDoesNotExist'],
  [
    /^(Nothing has been published for |\S.* has no version (tagged|on)|No version of .* is recorded as deployed)/,
    'SpecifiedVersionDoesNotExist',
  ],
];

export function reasonKinds(body: MatrixAnswerBody): string[] {
  return body.notices
    .map((notice) => REASON_KINDS.find(([pattern]) => pattern.test(notice.text))?.[1] ?? `unrecognised: ${notice.text}`)
    .sort();
}
