// The matrix and can-i-deploy: which consumer and provider versions have verified pacts with each
// other. A query names versions ("specified" selectors); with a destination (latest, tag, branch, main
// branch or environment) the broker also works out the versions of every integrated pacticipant there
// ("inferred" selectors), so `can-i-deploy Foo 1.2.3 --to-environment prod` checks Foo against each
// version currently in prod, however many of a pacticipant are deployed.
import type { PrismaClient } from '../prisma-client.ts';
import { ValidationError } from '../domain-errors.ts';
import { deploymentStatus, type DeploymentStatus, type MatrixResult } from './deployment-status.ts';
import { MatrixRowsRepository } from './matrix-rows.repository.ts';
import { MatrixRepository, type MatrixRow, type VersionDecorations } from './matrix.repository.ts';

export type { VersionDecorations };
import type { LatestBy, MatrixOptions, UnresolvedSelector } from './parse-query.ts';
import { NO_SUCH_ID, isSpecified, onlyPacticipantNamed, type ResolvedSelector } from './resolved-selector.ts';

export interface MatrixAnswer extends MatrixResult {
  status: DeploymentStatus;
}

function ignores(
  ignoreSelectors: ResolvedSelector[],
  pacticipantId: number,
  versionId: number | null | undefined,
): boolean {
  return ignoreSelectors.some(
    (s) =>
      s.pacticipantId === pacticipantId &&
      (onlyPacticipantNamed(s.original) ||
        (versionId !== undefined && versionId !== null && versionId !== NO_SUCH_ID && s.versionId === versionId)),
  );
}

/**
 * The grouping a query really gets. With an environment, several versions of a provider can be live at
 * once (released versions, deployments to different application instances); grouping by consumer
 * version and provider (cvp, or cp) would keep only the newest of them and hide an incompatible one that
 * is still running. So a query with an environment always checks each provider version (cvpv). The Pact
 * Broker moved its own can-i-deploy paths to cvpv for this (its issue #903); older clients still send
 * `/matrix?...&latestby=cvp&environment=...`, which it still collapses and we do not.
 */
export function effectiveLatestBy(options: Pick<MatrixOptions, 'latestby' | 'environment'>): LatestBy | undefined {
  if (options.latestby !== undefined && options.environment !== undefined) return 'cvpv';
  return options.latestby;
}

/** Ascending by name; descending by number with missing numbers first (the Pact Broker's row order). */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNumberDesc = (a: number | null, b: number | null) =>
  a !== null && b !== null ? b - a : a === b ? 0 : a !== null ? 1 : -1;

/** The order rows are shown in: consumer, newest consumer version, provider, newest provider version, newest verification. */
export function compareRows(a: MatrixRow, b: MatrixRow): number {
  return (
    byName(a.consumerName, b.consumerName) ||
    byNumberDesc(a.consumerVersionId, b.consumerVersionId) ||
    byName(a.providerName, b.providerName) ||
    byNumberDesc(a.providerVersionId, b.providerVersionId) ||
    byNumberDesc(a.verificationId, b.verificationId)
  );
}

/** Keeps, per group, the row verified by the newest provider version (unverified rows stand alone). */
function applyLatestBy(rows: MatrixRow[], latestby: LatestBy | undefined): MatrixRow[] {
  if (!latestby) return rows;
  const keyOf = (row: MatrixRow) =>
    latestby === 'cvpv'
      ? [row.consumerId, row.consumerVersionId, row.providerId, row.providerVersionId ?? 'none']
      : latestby === 'cvp'
        ? [row.consumerId, row.consumerVersionId, row.providerId]
        : [row.consumerId, row.providerId];
  const groups = new Map<string, MatrixRow>();
  for (const row of rows) {
    const key = JSON.stringify(keyOf(row));
    const current = groups.get(key);
    if (
      !current ||
      (current.providerVersionId !== null && (row.providerVersionId ?? -Infinity) > current.providerVersionId)
    )
      groups.set(key, row);
  }
  return [...groups.values()];
}

export class MatrixService {
  constructor(private readonly prisma: PrismaClient) {}

  async find(selectors: UnresolvedSelector[], options: MatrixOptions): Promise<MatrixAnswer> {
    const repository = new MatrixRepository(this.prisma);
    const names = [...new Set([...selectors, ...options.ignore].map((s) => s.pacticipant!))];
    const [found, environmentExists] = await Promise.all([
      repository.pacticipants(names),
      options.environment === undefined ? Promise.resolve(true) : repository.environmentExists(options.environment),
    ]);
    const pacticipants = new Map(found.map((p) => [p.name, { id: p.id, mainBranch: p.mainBranch }]));
    const errors = selectors
      .filter((s) => !pacticipants.has(s.pacticipant!))
      .map((s) => `Pacticipant ${s.pacticipant} not found`);
    if (!environmentExists) errors.push(`Environment with name '${options.environment}' does not exist`);
    if (errors.length > 0) throw new ValidationError([...new Set(errors)]);

    const [ignoreSelectors, resolved] = await Promise.all([
      this.resolve(repository, options.ignore, 'ignore', pacticipants),
      this.resolve(repository, selectors, 'specified', pacticipants),
    ]);
    const specified = markIgnored(resolved, ignoreSelectors);
    const infer = Boolean(
      options.latest ||
      options.tag !== undefined ||
      options.branch !== undefined ||
      options.environment !== undefined ||
      options.mainBranch,
    );
    const integrations = await this.integrations(repository, specified, infer);

    let all = specified;
    if (infer) {
      // The other pacticipant of each integration, at the destination: one lookup for all of them.
      const specifiedNames = new Set(specified.map((s) => s.pacticipantName));
      const others = new Map<string, { id: number; mainBranch: string | null }>();
      for (const i of integrations) {
        if (!specifiedNames.has(i.consumerName))
          others.set(i.consumerName, { id: i.consumerId, mainBranch: i.consumerMainBranch });
        if (!specifiedNames.has(i.providerName))
          others.set(i.providerName, { id: i.providerId, mainBranch: i.providerMainBranch });
      }
      const destination: Omit<UnresolvedSelector, 'pacticipant'> = {
        ...(options.tag !== undefined ? { tag: options.tag } : {}),
        ...(options.branch !== undefined ? { branch: options.branch } : {}),
        ...(options.mainBranch ? { mainBranch: true } : {}),
        ...(options.latest ? { latest: true } : {}),
        ...(options.environment !== undefined ? { environment: options.environment } : {}),
      };
      const versions = await repository.versionsFor([...others.values()], destination);
      const inferred = [...others.entries()].flatMap(([name, p]) =>
        expand({ pacticipant: name, ...destination }, 'inferred', p.id, versions.get(p.id) ?? []),
      );
      all = [...specified, ...markIgnored(inferred, ignoreSelectors)];
    }

    const specifiedIds = [...new Set(specified.map((s) => s.pacticipantId))];
    const rowsRepository = new MatrixRowsRepository(this.prisma);
    const latestby = effectiveLatestBy(options);
    // Without latestby the matrix shows every verification; with it, only the latest per provider version counts.
    const latestOnly = latestby !== undefined;
    let rows =
      all.length === 1
        ? await rowsRepository.rowsForOne(all[0]!, options.limit, latestOnly)
        : await rowsRepository.rowsBetween(all, specifiedIds, options.limit, latestOnly);
    rows = applyLatestBy(rows, latestby);
    if (options.success) rows = rows.filter((row) => options.success!.includes(row.success));
    rows.sort(compareRows);
    const considered = rows.filter(
      (row) =>
        !(
          ignores(ignoreSelectors, row.consumerId, row.consumerVersionId) ||
          ignores(ignoreSelectors, row.providerId, row.providerVersionId)
        ),
    );
    const ignored = rows.filter((row) => !considered.includes(row));
    const result: MatrixResult = { selectors: all, ignoreSelectors, integrations, options, considered, ignored };
    return { ...result, status: deploymentStatus(result) };
  }

  /**
   * can-i-deploy of one version: to an environment each live version of every other pacticipant is
   * checked (cvpv); to a tag, its latest. The API's `/can-i-deploy` and the dashboard's page ask the
   * same question through here, so their answers cannot differ.
   */
  canIDeploy(
    pacticipant: string,
    version: string,
    to: { environment: string } | { tag: string },
    ignore: UnresolvedSelector[] = [],
  ): Promise<MatrixAnswer> {
    const options: MatrixOptions =
      'tag' in to
        ? { latestby: 'cvp', limit: 100, ignore, tag: to.tag, latest: true }
        : { latestby: 'cvpv', limit: 100, ignore, environment: to.environment };
    return this.find([{ pacticipant, version }], options);
  }

  async pacticipantExists(name: string): Promise<boolean> {
    return (await new MatrixRepository(this.prisma).pacticipants([name])).length > 0;
  }

  environmentExists(name: string): Promise<boolean> {
    return new MatrixRepository(this.prisma).environmentExists(name);
  }

  /** The newest version of a pacticipant on a branch (undefined: no such pacticipant, branch or version). */
  latestVersionOnBranch(pacticipant: string, branch: string) {
    return this.latestVersion(pacticipant, { branch, latest: true });
  }

  /** The newest version of a pacticipant with a tag. */
  latestVersionWithTag(pacticipant: string, tag: string) {
    return this.latestVersion(pacticipant, { tag, latest: true });
  }

  private async latestVersion(name: string, selector: Omit<UnresolvedSelector, 'pacticipant'>) {
    const repository = new MatrixRepository(this.prisma);
    const [pacticipant] = await repository.pacticipants([name]);
    if (!pacticipant) return undefined;
    const versions = await repository.versionsFor(
      [{ id: pacticipant.id, mainBranch: pacticipant.mainBranch }],
      selector,
    );
    return versions.get(pacticipant.id)?.[0];
  }

  /** Branches, tags and environments of every version in the answer's rows. */
  decorations(answer: MatrixAnswer): Promise<VersionDecorations> {
    const ids = [...answer.considered, ...answer.ignored].flatMap((row) =>
      row.providerVersionId === null ? [row.consumerVersionId] : [row.consumerVersionId, row.providerVersionId],
    );
    return new MatrixRowsRepository(this.prisma).decorations(ids);
  }

  /** Resolves selectors to versions; one that matches several versions becomes one selector per version. */
  private async resolve(
    repository: MatrixRepository,
    selectors: UnresolvedSelector[],
    type: ResolvedSelector['type'],
    pacticipants: Map<string, { id: number; mainBranch: string | null }>,
  ): Promise<ResolvedSelector[]> {
    const resolved = await Promise.all(
      selectors.map(async (original): Promise<ResolvedSelector[]> => {
        const pacticipant = pacticipants.get(original.pacticipant!);
        if (!pacticipant)
          return [
            {
              pacticipantName: original.pacticipant!,
              original,
              type,
              oneOfMany: false,
              pacticipantId: NO_SUCH_ID,
              ignore: false,
            },
          ];
        if (onlyPacticipantNamed(original)) return expand(original, type, pacticipant.id, undefined);
        const versions = await repository.versionsFor([pacticipant], original);
        return expand(original, type, pacticipant.id, versions.get(pacticipant.id) ?? []);
      }),
    );
    return resolved.flat();
  }

  /**
   * The integrations a query involves. With a destination (or a single selector): every integration
   * of a selected version, where a consumer requires its providers but a provider does not require
   * its consumers. Otherwise only the integrations between the selected versions.
   */
  private async integrations(repository: MatrixRepository, specified: ResolvedSelector[], infer: boolean) {
    if (infer || specified.length === 1) return repository.integrationsOf(specified);
    const names = new Set(specified.filter(isSpecified).map((s) => s.pacticipantName));
    return (await repository.integrationsBetween(specified)).map((pair) => ({
      ...pair,
      required: names.has(pair.consumerName),
      consumerMainBranch: null,
      providerMainBranch: null,
    }));
  }
}

/** A selector per version found (none found: one that matches nothing; undefined: all versions). */
function expand(
  original: UnresolvedSelector,
  type: ResolvedSelector['type'],
  pacticipantId: number,
  versions: { id: number; number: string }[] | undefined,
): ResolvedSelector[] {
  const base = {
    pacticipantName: original.pacticipant!,
    pacticipantId,
    original,
    type,
    ignore: false,
    oneOfMany: false,
  };
  if (versions === undefined) return [base];
  if (versions.length === 0)
    return [
      {
        ...base,
        versionId: NO_SUCH_ID,
        ...(original.version !== undefined ? { versionNumber: original.version } : {}),
      },
    ];
  return versions.map((version) => ({
    ...base,
    versionId: version.id,
    versionNumber: version.number,
    oneOfMany: versions.length > 1,
  }));
}

/** Marks the selectors an ignore selector covers (their failures or gaps do not block). */
function markIgnored(selectors: ResolvedSelector[], ignoreSelectors: ResolvedSelector[]): ResolvedSelector[] {
  return selectors.map((s) => ({ ...s, ignore: ignores(ignoreSelectors, s.pacticipantId, s.versionId) }));
}
