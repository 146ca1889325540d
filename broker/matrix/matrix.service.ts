// The matrix and can-i-deploy: which consumer and provider versions have verified pacts with each
// other. A query names versions ("specified" selectors); with a destination (latest, tag, branch, main
// branch or environment) the broker also works out the versions of every integrated pacticipant there
// ("inferred" selectors), so `can-i-deploy Foo 1.2.3 --to-environment prod` checks Foo against each
// version currently in prod, however many of a pacticipant are deployed.
import type { PrismaClient } from '../prisma-client.ts';
import { ValidationError } from '../http/errors.ts';
import type { Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import { deploymentStatus, type DeploymentStatus, type MatrixIntegration, type MatrixResult } from './deployment-status.ts';
import { MatrixRepository, type MatrixRow, type VersionDecorations } from './matrix.repository.ts';
import type { LatestBy, MatrixOptions, UnresolvedSelector } from './parse-query.ts';
import { NO_SUCH_ID, isSpecified, onlyPacticipantNamed, type ResolvedSelector } from './resolved-selector.ts';

export interface MatrixAnswer extends MatrixResult {
  status: DeploymentStatus;
}

function ignores(ignoreSelectors: ResolvedSelector[], pacticipantId: number, versionId: number | null | undefined): boolean {
  return ignoreSelectors.some(
    (s) => s.pacticipantId === pacticipantId && (onlyPacticipantNamed(s.original) || (versionId !== undefined && versionId !== null && s.versionId === versionId)),
  );
}

/** Keeps, per group, the row verified by the newest provider version (unverified rows stand alone). */
function applyLatestBy(rows: MatrixRow[], latestby: LatestBy | undefined): MatrixRow[] {
  if (!latestby) return rows;
  const keyOf = (row: MatrixRow) =>
    latestby === 'cvpv' ? [row.consumerId, row.consumerVersionId, row.providerId, row.providerVersionId ?? 'none']
    : latestby === 'cvp' ? [row.consumerId, row.consumerVersionId, row.providerId]
    : [row.consumerId, row.providerId];
  const groups = new Map<string, MatrixRow>();
  for (const row of rows) {
    const key = JSON.stringify(keyOf(row));
    const current = groups.get(key);
    if (!current || (current.providerVersionId !== null && (row.providerVersionId ?? -Infinity) > current.providerVersionId)) groups.set(key, row);
  }
  return [...groups.values()];
}

export class MatrixService {
  constructor(private readonly prisma: PrismaClient) {}

  async find(selectors: UnresolvedSelector[], options: MatrixOptions): Promise<MatrixAnswer> {
    const repository = new MatrixRepository(this.prisma);
    const names = [...new Set([...selectors, ...options.ignore].map((s) => s.pacticipant!))];
    const pacticipants = new Map((await repository.pacticipants(names)).map((p) => [p.name, p]));
    const errors = selectors.filter((s) => !pacticipants.has(s.pacticipant!)).map((s) => `Pacticipant ${s.pacticipant} not found`);
    if (options.environment !== undefined && !(await repository.environmentExists(options.environment))) {
      errors.push(`Environment with name '${options.environment}' does not exist`);
    }
    if (errors.length > 0) throw new ValidationError([...new Set(errors)]);

    const ignoreSelectors = await this.resolve(repository, options.ignore, 'ignore', pacticipants, []);
    const specified = await this.resolve(repository, selectors, 'specified', pacticipants, ignoreSelectors);
    const infer = Boolean(options.latest || options.tag !== undefined || options.branch !== undefined || options.environment !== undefined || options.mainBranch);
    const integrations = await this.integrations(repository, specified, infer);

    let all = specified;
    if (infer) {
      const specifiedNames = new Set(specified.map((s) => s.pacticipantName));
      const inferredNames = [...new Set(integrations.flatMap((i) => [i.consumerName, i.providerName]))].filter((name) => !specifiedNames.has(name));
      const byName = new Map(pacticipants);
      for (const pacticipant of await repository.pacticipants(inferredNames.filter((name) => !byName.has(name)))) byName.set(pacticipant.name, pacticipant);
      const unresolved = inferredNames.map((name): UnresolvedSelector => ({
        pacticipant: name,
        ...(options.tag !== undefined ? { tag: options.tag } : {}),
        ...(options.branch !== undefined ? { branch: options.branch } : {}),
        ...(options.mainBranch ? { mainBranch: true } : {}),
        ...(options.latest ? { latest: true } : {}),
        ...(options.environment !== undefined ? { environment: options.environment } : {}),
      }));
      all = [...specified, ...(await this.resolve(repository, unresolved, 'inferred', byName, ignoreSelectors))];
    }

    const specifiedIds = [...new Set(specified.map((s) => s.pacticipantId))];
    let rows = all.length === 1 ? await repository.rowsForOne(all[0]!, options.limit) : await repository.rowsBetween(all, specifiedIds, options.limit);
    rows = applyLatestBy(rows, options.latestby);
    if (options.success) rows = rows.filter((row) => options.success!.includes(row.success));
    const considered = rows.filter((row) => !(ignores(ignoreSelectors, row.consumerId, row.consumerVersionId) || ignores(ignoreSelectors, row.providerId, row.providerVersionId)));
    const ignored = rows.filter((row) => !considered.includes(row));
    const result: MatrixResult = { selectors: all, ignoreSelectors, integrations, options, considered, ignored };
    return { ...result, status: deploymentStatus(result) };
  }

  /** Branches, tags and environments of every version in the answer's rows. */
  decorations(answer: MatrixAnswer): Promise<VersionDecorations> {
    const ids = [...answer.considered, ...answer.ignored].flatMap((row) => (row.providerVersionId === null ? [row.consumerVersionId] : [row.consumerVersionId, row.providerVersionId]));
    return new MatrixRepository(this.prisma).decorations(ids);
  }

  /** Resolves selectors to versions; one that matches several versions becomes one selector per version. */
  private async resolve(
    repository: MatrixRepository,
    selectors: UnresolvedSelector[],
    type: ResolvedSelector['type'],
    pacticipants: Map<string, Pacticipant>,
    ignoreSelectors: ResolvedSelector[],
  ): Promise<ResolvedSelector[]> {
    const resolved = await Promise.all(selectors.map(async (original): Promise<ResolvedSelector[]> => {
      const name = original.pacticipant!;
      const pacticipant = pacticipants.get(name);
      const base = { pacticipantName: name, original, type, oneOfMany: false };
      if (!pacticipant) return [{ ...base, pacticipantId: NO_SUCH_ID, ignore: false }];
      const ignore = (versionId?: number) => type !== 'ignore' && ignores(ignoreSelectors, pacticipant.id, versionId);
      if (onlyPacticipantNamed(original)) return [{ ...base, pacticipantId: pacticipant.id, ignore: ignore() }];
      const versions = await repository.versionsFor(pacticipant, original);
      if (versions.length === 0) {
        return [{ ...base, pacticipantId: pacticipant.id, versionId: NO_SUCH_ID, ...(original.version !== undefined ? { versionNumber: original.version } : {}), ignore: ignore() }];
      }
      return versions.map((version) => ({
        ...base,
        pacticipantId: pacticipant.id,
        versionId: version.id,
        versionNumber: version.number,
        ignore: ignore(version.id),
        oneOfMany: versions.length > 1,
      }));
    }));
    return resolved.flat();
  }

  /**
   * The integrations a query involves. With a destination (or a single selector): every integration
   * of a selected version, where a consumer requires its providers but a provider does not require
   * its consumers. Otherwise only the integrations between the selected versions.
   */
  private async integrations(repository: MatrixRepository, specified: ResolvedSelector[], infer: boolean): Promise<MatrixIntegration[]> {
    if (infer || specified.length === 1) {
      const [asConsumer, asProvider] = await Promise.all([
        repository.integrationsAsConsumer(specified),
        repository.integrationsAsProvider([...new Set(specified.map((s) => s.pacticipantId))]),
      ]);
      const byPair = new Map<string, MatrixIntegration>();
      for (const pair of asConsumer) byPair.set(`${pair.consumerId}:${pair.providerId}`, { ...pair, required: true });
      for (const pair of asProvider) if (!byPair.has(`${pair.consumerId}:${pair.providerId}`)) byPair.set(`${pair.consumerId}:${pair.providerId}`, { ...pair, required: false });
      return [...byPair.values()];
    }
    const names = new Set(specified.filter(isSpecified).map((s) => s.pacticipantName));
    return (await repository.integrationsBetween(specified)).map((pair) => ({ ...pair, required: names.has(pair.consumerName) }));
  }
}
