// The proof that an import is complete: the questions clients ask a broker get the same answers from
// the source and from ours. For every integration, the matrix of a sample of consumer versions; for a
// sample of each pacticipant's versions (with every version deployed or released now), can-i-deploy
// to each environment; for each provider, pacts for verification with the default selectors. Answers
// are compared after normalising what legitimately differs: base URLs, content SHAs (mapped through
// the import's record), verification numbers, URL metadata (it holds database ids), date formats.
import { createTwoFilesPatch } from 'diff';
import { canonicalJson } from '../pacts/content.ts';
import { expand, link, type HalClient, type HalResource } from './hal-client.ts';
import { matrixPath, SourceBroker } from './source.ts';

export type CheckKind = 'integrations' | 'matrix' | 'can-i-deploy' | 'for-verification';

export interface Difference {
  check: CheckKind;
  what: string;
  /** A unified diff of the normalised answers (source first), cut to a few dozen lines. */
  diff: string;
}

export interface ComparisonReport {
  checks: Record<CheckKind, { compared: number; differing: number }>;
  differences: Difference[];
}

export interface CompareOptions {
  source: HalClient;
  target: HalClient;
  /** The source's content SHAs -> ours for the same pacts (from the import's record). */
  shaMap: Map<string, string>;
  /** Versions sampled per integration and per pacticipant, besides the newest, the oldest and the deployed ones. */
  sample?: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An answer with what may legitimately differ between two brokers made equal. */
export function normalize(value: unknown, base: string, shaMap?: Map<string, string>): unknown {
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return new Date(value).toISOString();
    return value
      .split(base)
      .join('{base}')
      .replace(/https?:\/\/[^/\s"]+/g, '{base}')
      .replace(/\b[0-9a-f]{40}\b/g, (sha) => shaMap?.get(sha) ?? sha)
      .replace(/\/verification-results\/\d+/g, '/verification-results/{n}')
      .replace(/\/metadata\/[^/\s"]+/g, '/metadata/{m}');
  }
  if (Array.isArray(value)) return value.map((item) => normalize(item, base, shaMap));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'curies')
        .map(([key, item]) => [key, normalize(item, base, shaMap)]),
    );
  }
  return value;
}

/** Up to n + 2 items spread over a list: the first, the last and n in between. */
export function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n + 2) return items;
  const picked = new Set<number>([0, items.length - 1]);
  for (let i = 1; i <= n; i += 1) picked.add(Math.round((i * (items.length - 1)) / (n + 1)));
  return [...picked].sort((a, b) => a - b).map((index) => items[index]!);
}

function unifiedDiff(what: string, source: string, target: string): string {
  const patch = createTwoFilesPatch(`source ${what}`, `ours ${what}`, source, target, '', '', { context: 2 });
  const lines = patch.split('\n').slice(2);
  return lines.length > 40
    ? [...lines.slice(0, 40), `... (${lines.length - 40} more lines)`].join('\n')
    : lines.join('\n');
}

const pretty = (value: unknown) => JSON.stringify(JSON.parse(canonicalJson(value)), null, 2);

/** The matrix rows in a stable order (brokers may order rows of the same time differently). */
function matrixAnswer(body: HalResource) {
  if ('error' in body) return body;
  const rows = Array.isArray(body.matrix) ? [...(body.matrix as unknown[])] : [];
  return {
    summary: body.summary,
    notices: Array.isArray(body.notices) ? [...(body.notices as unknown[])].map(canonicalJson).sort() : body.notices,
    matrix: rows.map(canonicalJson).sort(),
  };
}

function pactsForVerificationAnswer(body: HalResource) {
  const pacts = (body._embedded?.pacts ?? []) as HalResource[];
  return pacts.map(canonicalJson).sort();
}

export async function compareBrokers(options: CompareOptions): Promise<ComparisonReport> {
  const { source, target, shaMap } = options;
  const sample = options.sample ?? 3;
  const report: ComparisonReport = {
    checks: {
      integrations: { compared: 0, differing: 0 },
      matrix: { compared: 0, differing: 0 },
      'can-i-deploy': { compared: 0, differing: 0 },
      'for-verification': { compared: 0, differing: 0 },
    },
    differences: [],
  };
  // Normalised first, then shaped (rows sorted), so the order compared is that of the normalised rows.
  const compare = (
    check: CheckKind,
    what: string,
    fromSource: unknown,
    fromTarget: unknown,
    shape: (answer: HalResource) => unknown = (answer) => answer,
  ) => {
    report.checks[check].compared += 1;
    const a = pretty(shape(normalize(fromSource, source.baseUrl, shaMap) as HalResource));
    const b = pretty(shape(normalize(fromTarget, target.baseUrl) as HalResource));
    if (a === b) return;
    report.checks[check].differing += 1;
    report.differences.push({ check, what, diff: unifiedDiff(what, a, b) });
  };
  const both = async (what: (client: HalClient) => Promise<HalResource>) => Promise.all([what(source), what(target)]);
  const answer = async (client: HalClient, url: string): Promise<HalResource> => {
    try {
      return await client.get(url);
    } catch (error) {
      return {
        error: (error as Error).message.replace(client.baseUrl, '{base}').replace(/ answered (\d+).*/s, ' answered $1'),
      };
    }
  };

  const reader = new SourceBroker(source);
  const ours = new SourceBroker(target);
  const [integrations, ourIntegrations, pacticipants, environments] = await Promise.all([
    reader.integrations(),
    ours.integrations(),
    reader.pacticipants(),
    reader.environments(),
  ]);
  const pairs = (list: { consumer: string; provider: string }[]) =>
    list.map((item) => `${item.consumer} -> ${item.provider}`).sort();
  compare('integrations', 'the integrations', pairs(integrations), pairs(ourIntegrations));

  // The matrix of sampled consumer versions of every integration (side by side: the clients bound it).
  const matrices = await Promise.all(
    integrations.map(async (integration) => spread(await reader.publications(integration), sample)),
  );
  await Promise.all(
    matrices.flat().map(async (publication) => {
      const [a, b] = await both((client) => answer(client, client.url(matrixPath(publication))));
      const what = `matrix of ${publication.consumer} ${publication.consumerVersion} and ${publication.provider}`;
      compare('matrix', what, a, b, matrixAnswer);
    }),
  );

  // can-i-deploy for sampled versions of every pacticipant in an integration, to every environment.
  const current = new Map<string, Set<string>>();
  for (const environment of environments) {
    const [deployed, released] = await Promise.all([
      reader.currentDeployments(environment),
      reader.currentReleases(environment),
    ]);
    for (const item of [...deployed, ...released]) {
      if (!current.has(item.pacticipant)) current.set(item.pacticipant, new Set());
      current.get(item.pacticipant)!.add(item.version);
    }
  }
  const involved = new Set(integrations.flatMap((integration) => [integration.consumer, integration.provider]));
  const questions = await Promise.all(
    pacticipants
      .filter((candidate) => involved.has(candidate.name))
      .map(async (pacticipant) => {
        const resource = await source.get(pacticipant.href);
        const versionsHref = link(resource, 'pb:versions')?.href ?? `${pacticipant.href}/versions`;
        const numbers = (await source.collect(versionsHref, 'versions')).map((version) => String(version.number));
        const chosen = new Set([...spread(numbers, sample), ...(current.get(pacticipant.name) ?? [])]);
        return [...chosen].flatMap((version) =>
          environments.map((environment) => ({
            pacticipant: pacticipant.name,
            version,
            environment: environment.name,
          })),
        );
      }),
  );
  await Promise.all(
    questions.flat().map(async (question) => {
      const query = new URLSearchParams(question).toString();
      const [a, b] = await both((client) => answer(client, client.url(`/can-i-deploy?${query}`)));
      const what = `can-i-deploy ${question.pacticipant} ${question.version} to ${question.environment}`;
      compare('can-i-deploy', what, a, b, matrixAnswer);
    }),
  );

  // Pacts for verification, default selectors, for every provider (as its main branch, when it has one).
  const providers = [...new Set(integrations.map((integration) => integration.provider))].sort();
  for (const provider of providers) {
    const mainBranch = pacticipants.find((candidate) => candidate.name === provider)?.mainBranch;
    const body = {
      includePendingStatus: true,
      ...(mainBranch ? { providerVersionBranch: mainBranch, includeWipPactsSince: '2000-01-01' } : {}),
    };
    const [a, b] = await both(async (client) => {
      try {
        // Found as a verifier finds it: the index's templated relation.
        const template = await (client === source ? reader : ours).relation('pb:provider-pacts-for-verification');
        return await client.post(expand(template, { provider }), body);
      } catch (error) {
        return { error: (error as Error).message.replace(client.baseUrl, '{base}') };
      }
    });
    compare('for-verification', `pacts for verification of ${provider}`, a, b, (answer) =>
      'error' in answer ? answer : pactsForVerificationAnswer(answer),
    );
  }
  report.differences.sort((a, b) => a.what.localeCompare(b.what));
  return report;
}
