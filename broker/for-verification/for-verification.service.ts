// Pacts for verification: which pacts a provider build should verify, given consumer version
// selectors, whether each is pending for the provider's branch (or tags), and which work-in-progress
// pacts to add. Pacts picked by several selectors are verified once (merged by content).
import type { PrismaClient } from '../prisma-client.ts';
import { NotFoundError, ValidationError } from '../domain-errors.ts';
import { PacticipantsRepository, type Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import type { Parsed, PactsForVerificationRequest, Selector } from '../schemas/pacts-for-verification.ts';
import { PendingRepository } from './pending.repository.ts';
import { SelectionRepository, type ConsumerFilter, type SelectedRow } from './selection.repository.ts';

/** Why a pact was picked: the selector and the consumer version it resolved to. */
export interface Selection {
  selector: Selector | { kind: 'wip'; consumer?: undefined };
  row: SelectedRow;
  /** Picked by the selector's fallback tag or branch (nothing was found for its own). */
  fallback: boolean;
}

export interface VerifiablePact {
  consumerName: string;
  pactVersionId: number;
  sha: string;
  /** The newest consumer version among the selections (named in the pact's link). */
  consumerVersionNumber: string;
  consumerVersionId: number;
  selections: Selection[];
  /** Only when pending status was asked for (always on WIP pacts). */
  pending?: boolean;
  /** With provider tags (and no branch): the tags it is pending for. */
  pendingTags?: string[];
  wip: boolean;
}

export interface PactsForVerification {
  provider: Pacticipant;
  request: PactsForVerificationRequest;
  pacts: VerifiablePact[];
}

export interface ForVerificationOptions {
  /** Use a selector's fallbackBranch (the Pact Broker accepts it but never applies it). */
  applyFallbackBranch: boolean;
}

/** Whether a selection says "the latest of ..." (kept in the pact URL's metadata). */
export function isLatest(selection: Selection): boolean {
  const { selector } = selection;
  if (selector.kind === 'tag') return selector.latest;
  return ['mainBranch', 'branch', 'matchingBranch', 'eachBranch', 'latest'].includes(selector.kind);
}

export class ForVerificationService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: ForVerificationOptions = { applyFallbackBranch: true },
  ) {}

  /**
   * The request, once the environments its selectors name are known to exist; every problem (of
   * the parse and of the environments) in one 400, as the Pact Broker reports them.
   */
  async checked(parsed: Parsed): Promise<PactsForVerificationRequest> {
    const errors = { ...parsed.errors };
    if (parsed.environments.length > 0) {
      const names = [...new Set(parsed.environments.map((item) => item.name))];
      const known = new Set(
        (await this.prisma.environment.findMany({ where: { name: { in: names } }, select: { name: true } })).map(
          (environment) => environment.name,
        ),
      );
      for (const { index, name } of parsed.environments.filter((item) => !known.has(item.name))) {
        (errors.consumerVersionSelectors ??= []).push(`no environment named '${name}' exists (at index ${index})`);
      }
    }
    if (Object.keys(errors).length > 0 || !parsed.request) throw new ValidationError(errors);
    return parsed.request;
  }

  async find(providerName: string, request: PactsForVerificationRequest): Promise<PactsForVerification> {
    const provider = await new PacticipantsRepository(this.prisma).findByName(providerName);
    if (!provider) throw new NotFoundError(`No provider with name '${providerName}' found`);
    const selection = new SelectionRepository(this.prisma);
    const wantsWip =
      request.includeWipPactsSince !== undefined &&
      (request.providerVersionBranch !== undefined || request.providerVersionTags.length > 0);
    // The selectors' queries and the WIP candidates are independent: they run at once.
    const [selections, heads] = await Promise.all([
      request.consumerVersionSelectors.length > 0
        ? this.explicitSelections(selection, provider.id, request.consumerVersionSelectors)
        : this.defaultSelections(selection, provider.id),
      wantsWip ? selection.heads(provider.id, request.includeWipPactsSince!) : Promise.resolve([]),
    ]);
    const pacts = mergeByContent(selections);
    const explicit = new Set(pacts.map((pact) => pact.pactVersionId));
    const candidates = heads.filter((row) => !explicit.has(row.pactVersionId));
    const needStatus = request.includePendingStatus || candidates.length > 0;
    const status = needStatus
      ? await this.verifiedStatus(provider.id, [...explicit, ...candidates.map((row) => row.pactVersionId)], request)
      : undefined;
    if (request.includePendingStatus) {
      for (const pact of pacts) {
        const { any, pendingTags } = status!(pact.pactVersionId);
        pact.pending = !any;
        if (pendingTags) pact.pendingTags = pendingTags;
      }
    }
    // WIP: heads this provider branch (or these tags) has not verified successfully outside WIP.
    const wip = mergeByContent(
      candidates
        .filter((row) => !status!(row.pactVersionId).outsideWip)
        .map((row) => ({ selector: { kind: 'wip' as const }, row, fallback: false })),
    );
    for (const pact of wip) {
      pact.wip = true;
      pact.pending = true;
      const { wipTags } = status!(pact.pactVersionId);
      if (wipTags) pact.pendingTags = wipTags;
    }
    // The selected pacts first, then the WIP ones, each by consumer and then consumer version.
    return { provider, request, pacts: [...sortPacts(pacts), ...sortPacts(wip)] };
  }

  private async explicitSelections(
    repository: SelectionRepository,
    providerId: number,
    selectors: Selector[],
  ): Promise<Selection[]> {
    const lists = await Promise.all(selectors.map((selector) => this.select(repository, providerId, selector)));
    const selections = lists.flat();
    // A fallback applies only when no selector found a pact for the tag (or branch) at all, for any
    // consumer: the Pact Broker's rule, so one consumer's feature branch does not change what the
    // others are verified against.
    const fallbacks = await Promise.all(
      selectors.map(async (selector): Promise<Selection[]> => {
        const consumers: ConsumerFilter = selector.consumer === undefined ? {} : { name: selector.consumer };
        if (selector.kind === 'tag' && selector.fallbackTag !== undefined) {
          const found = selections.some(
            (s) => s.selector.kind === 'tag' && s.selector.latest && s.row.tag === selector.tag,
          );
          if (found) return [];
          const rows = await repository.tagHeads(providerId, selector.fallbackTag, consumers);
          return rows.map((row) => ({ selector, row, fallback: true }));
        }
        if (selector.kind === 'branch' && selector.fallbackBranch !== undefined && this.options.applyFallbackBranch) {
          const found = selections.some((s) => isBranchSelection(s) && s.row.branch === selector.branch);
          if (found) return [];
          const rows = await repository.branchHeads(providerId, selector.fallbackBranch, consumers);
          return rows.map((row) => ({ selector, row, fallback: true }));
        }
        return [];
      }),
    );
    return [...selections, ...fallbacks.flat()];
  }

  private async select(repository: SelectionRepository, providerId: number, selector: Selector): Promise<Selection[]> {
    const consumers: ConsumerFilter = selector.consumer === undefined ? {} : { name: selector.consumer };
    const picked = (rows: SelectedRow[]): Selection[] => rows.map((row) => ({ selector, row, fallback: false }));
    switch (selector.kind) {
      case 'latest':
        return picked(await repository.latest(providerId, consumers));
      case 'mainBranch':
        return picked(await repository.branchHeads(providerId, undefined, consumers));
      case 'branch':
      case 'matchingBranch':
        return picked(await repository.branchHeads(providerId, selector.branch, consumers));
      case 'eachBranch':
        return picked(await repository.eachBranchHeads(providerId, consumers));
      case 'tag':
        return picked(
          selector.latest
            ? await repository.tagHeads(providerId, selector.tag, consumers)
            : await repository.allForTag(providerId, selector.tag, consumers),
        );
      case 'deployed':
        return picked(await repository.deployed(providerId, selector.environment, consumers));
      case 'released':
        return picked(await repository.released(providerId, selector.environment, consumers));
      case 'environment': {
        const [deployed, released] = await Promise.all([
          repository.deployed(providerId, selector.environment, consumers),
          repository.released(providerId, selector.environment, consumers),
        ]);
        return picked([...deployed, ...released]);
      }
    }
  }

  /**
   * The selectors used when none are given (the Pact Broker's defaults), for each consumer: the head
   * of its main branch when that branch has versions (nothing, if the head has no pact with this
   * provider), else the newest version tagged with the main branch's name, else its latest pact;
   * plus every deployed and every released version.
   */
  private async defaultSelections(repository: SelectionRepository, providerId: number): Promise<Selection[]> {
    const consumers = await repository.consumersMainBranch(providerId);
    const ids = (kind: 'branch' | 'tag' | 'none') =>
      consumers.filter((consumer) => consumer.mainBranch === kind).map((consumer) => consumer.consumerId);
    const [onBranch, asTag, latest] = [ids('branch'), ids('tag'), ids('none')];
    const [mainBranch, mainTag, overallLatest, deployed, released] = await Promise.all([
      onBranch.length > 0 ? repository.branchHeads(providerId, undefined, { ids: onBranch }) : [],
      asTag.length > 0 ? repository.tagHeads(providerId, undefined, { ids: asTag }) : [],
      latest.length > 0 ? repository.latest(providerId, { ids: latest }) : [],
      repository.deployed(providerId, undefined),
      repository.released(providerId, undefined),
    ]);
    const each = (rows: SelectedRow[], selector: (row: SelectedRow) => Selector): Selection[] =>
      rows.map((row) => ({ selector: selector(row), row, fallback: false }));
    return [
      ...each(mainBranch, (row) => ({ kind: 'mainBranch', consumer: row.consumerName })),
      ...each(mainTag, (row) => ({ kind: 'tag', tag: row.tag!, latest: true, consumer: row.consumerName })),
      ...each(overallLatest, (row) => ({ kind: 'latest', consumer: row.consumerName })),
      ...each(deployed, () => ({ kind: 'deployed' })),
      ...each(released, () => ({ kind: 'released' })),
    ];
  }

  /**
   * Whether the provider branch (or, without one, its tags; without either, any version) has verified
   * each pact version successfully: at all (pending status) and outside WIP verifications (WIP).
   */
  private async verifiedStatus(
    providerId: number,
    ids: number[],
    request: PactsForVerificationRequest,
  ): Promise<(id: number) => { any: boolean; outsideWip: boolean; pendingTags?: string[]; wipTags?: string[] }> {
    const pending = new PendingRepository(this.prisma);
    const query = { providerId, pactVersionIds: [...new Set(ids)] };
    const none = { any: false, outsideWip: false };
    if (request.providerVersionBranch !== undefined) {
      const verified = await pending.verifiedForBranch(request.providerVersionBranch, query);
      return (id: number) => verified.get(id) ?? none;
    }
    if (request.providerVersionTags.length > 0) {
      // Verified only when every tag has verified it (pending while any has not).
      const perTag = await Promise.all(request.providerVersionTags.map((tag) => pending.verifiedForTag(tag, query)));
      return (id: number) => ({
        any: perTag.every((verified) => verified.get(id)?.any === true),
        outsideWip: perTag.every((verified) => verified.get(id)?.outsideWip === true),
        pendingTags: request.providerVersionTags.filter((_tag, index) => perTag[index]!.get(id)?.any !== true),
        wipTags: request.providerVersionTags.filter((_tag, index) => perTag[index]!.get(id)?.outsideWip !== true),
      });
    }
    const verified = await pending.verifiedByAnyVersion(query);
    return (id: number) => verified.get(id) ?? none;
  }
}

function isBranchSelection(selection: Selection): boolean {
  return ['branch', 'matchingBranch', 'mainBranch', 'eachBranch'].includes(selection.selector.kind);
}

function mergeByContent(selections: Selection[]): VerifiablePact[] {
  const byVersion = new Map<number, VerifiablePact>();
  for (const selection of selections) {
    const { row } = selection;
    const existing = byVersion.get(row.pactVersionId);
    if (!existing) {
      byVersion.set(row.pactVersionId, {
        consumerName: row.consumerName,
        pactVersionId: row.pactVersionId,
        sha: row.sha,
        consumerVersionNumber: row.consumerVersionNumber,
        consumerVersionId: row.consumerVersionId,
        selections: [selection],
        wip: false,
      });
      continue;
    }
    existing.selections.push(selection);
    if (row.consumerVersionId > existing.consumerVersionId) {
      existing.consumerVersionNumber = row.consumerVersionNumber;
      existing.consumerVersionId = row.consumerVersionId;
    }
  }
  return [...byVersion.values()];
}

function sortPacts(pacts: VerifiablePact[]): VerifiablePact[] {
  return pacts.sort(
    (a, b) =>
      a.consumerName.toLowerCase().localeCompare(b.consumerName.toLowerCase()) ||
      a.consumerVersionId - b.consumerVersionId,
  );
}
