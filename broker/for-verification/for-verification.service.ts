// Pacts for verification: which pacts a provider build should verify, given consumer version
// selectors, whether each is pending for the provider's branch (or tags), and which work-in-progress
// pacts to add. Pacts picked by several selectors are verified once (merged by content).
import type { PrismaClient } from '../prisma-client.ts';
import { NotFoundError } from '../http/errors.ts';
import { PacticipantsRepository, type Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import type { PactsForVerificationRequest, Selector } from '../schemas/pacts-for-verification.ts';
import { PendingRepository } from './pending.repository.ts';
import { SelectionRepository, type ConsumerFilter, type SelectedRow } from './selection.repository.ts';

/** Why a pact was picked: the selector and what it resolved to. */
export interface Selection {
  selector: Selector | { kind: 'wip' };
  row: SelectedRow;
  latest: boolean;
  fallback: boolean;
}

export interface VerifiablePact {
  consumerName: string;
  pactVersionId: number;
  sha: string;
  /** The newest consumer version among the selections (named in the pact's link). */
  consumerVersionNumber: string;
  selections: Selection[];
  /** Only when pending status was asked for. */
  pending?: boolean;
  wip: boolean;
}

export interface PactsForVerification {
  provider: Pacticipant;
  request: PactsForVerificationRequest;
  pacts: VerifiablePact[];
}

const LATEST_KINDS = new Set(['mainBranch', 'branch', 'matchingBranch', 'eachBranch', 'latest']);

export class ForVerificationService {
  constructor(private readonly prisma: PrismaClient) {}

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
        ? Promise.all(
            request.consumerVersionSelectors.map((selector) => this.select(selection, provider.id, selector, request)),
          ).then((lists) => lists.flat())
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
    if (request.includePendingStatus) for (const pact of pacts) pact.pending = !status!(pact.pactVersionId).any;
    // WIP: heads this provider branch (or these tags) has not verified successfully outside WIP.
    const wip = mergeByContent(
      candidates
        .filter((row) => !status!(row.pactVersionId).outsideWip)
        .map((row) => ({ selector: { kind: 'wip' as const }, row, latest: true, fallback: false })),
    );
    for (const pact of wip) {
      pact.wip = true;
      pact.pending = true;
    }
    return { provider, request, pacts: sortPacts([...pacts, ...wip]) };
  }

  private async select(
    repository: SelectionRepository,
    providerId: number,
    selector: Selector,
    request: PactsForVerificationRequest,
  ): Promise<Selection[]> {
    const consumers: ConsumerFilter = selector.consumer === undefined ? {} : { name: selector.consumer };
    const picked = (rows: SelectedRow[], fallback = false): Selection[] =>
      rows.map((row) => ({
        selector,
        row,
        latest: LATEST_KINDS.has(selector.kind) || (selector.kind === 'tag' && selector.latest),
        fallback,
      }));
    switch (selector.kind) {
      case 'latest':
        return picked(await repository.latest(providerId, consumers));
      case 'mainBranch':
        return picked(await repository.latestForBranch(providerId, undefined, consumers));
      case 'matchingBranch':
        return picked(await repository.latestForBranch(providerId, request.providerVersionBranch!, consumers));
      case 'eachBranch':
        return picked(await repository.latestForEachBranch(providerId, consumers));
      case 'branch': {
        const rows = await repository.latestForBranch(providerId, selector.branch, consumers);
        if (selector.fallbackBranch === undefined) return picked(rows);
        const missing = await this.consumersWithout(repository, providerId, rows, consumers);
        const fallback =
          missing.length > 0
            ? await repository.latestForBranch(providerId, selector.fallbackBranch, { ...consumers, ids: missing })
            : [];
        return [...picked(rows), ...picked(fallback, true)];
      }
      case 'tag': {
        if (!selector.latest) return picked(await repository.allForTag(providerId, selector.tag, consumers));
        const rows = await repository.latestForTag(providerId, selector.tag, consumers);
        if (selector.fallbackTag === undefined) return picked(rows);
        const missing = await this.consumersWithout(repository, providerId, rows, consumers);
        const fallback =
          missing.length > 0
            ? await repository.latestForTag(providerId, selector.fallbackTag, { ...consumers, ids: missing })
            : [];
        return [...picked(rows), ...picked(fallback, true)];
      }
      case 'deployed':
        return picked(await repository.deployed(providerId, selector.environment, consumers));
      case 'released':
        return picked(await repository.released(providerId, selector.environment, consumers));
      case 'deployedOrReleased': {
        const [deployed, released] = await Promise.all([
          repository.deployed(providerId, selector.environment, consumers),
          repository.released(providerId, selector.environment, consumers),
        ]);
        return picked([...deployed, ...released]);
      }
    }
  }

  /** Consumers of the provider (within the filter) that none of `rows` belongs to. */
  private async consumersWithout(
    repository: SelectionRepository,
    providerId: number,
    rows: SelectedRow[],
    consumers: ConsumerFilter,
  ): Promise<number[]> {
    const found = new Set(rows.map((row) => row.consumerId));
    const all = await repository.consumerIds(providerId);
    return all.filter((id) => !found.has(id) && (consumers.ids === undefined || consumers.ids.includes(id)));
  }

  /**
   * The selectors used when none are given (the Pact Broker's defaults): for each consumer, the latest
   * pact from its main branch, else the latest tagged with its main branch's name, else its latest;
   * plus every deployed and released version.
   */
  private async defaultSelections(repository: SelectionRepository, providerId: number): Promise<Selection[]> {
    const mainBranch = await repository.latestForBranch(providerId, undefined);
    const withMain = new Set(mainBranch.map((row) => row.consumerId));
    const candidates = (await repository.consumersWithMainBranch(providerId)).filter((id) => !withMain.has(id));
    const mainTag =
      candidates.length > 0 ? await repository.latestForTag(providerId, undefined, { ids: candidates }) : [];
    const covered = new Set([...withMain, ...mainTag.map((row) => row.consumerId)]);
    const rest = (await repository.consumerIds(providerId)).filter((id) => !covered.has(id));
    const [latest, deployed, released] = await Promise.all([
      rest.length > 0 ? repository.latest(providerId, { ids: rest }) : Promise.resolve([]),
      repository.deployed(providerId, undefined),
      repository.released(providerId, undefined),
    ]);
    const as = (selector: Selector, rows: SelectedRow[], latestFlag: boolean) =>
      rows.map((row) => ({ selector, row, latest: latestFlag, fallback: false }));
    return [
      ...as({ kind: 'mainBranch' }, mainBranch, true),
      ...mainTag.map((row) => ({
        selector: { kind: 'tag', tag: row.tag!, latest: true } as Selector,
        row,
        latest: true,
        fallback: false,
      })),
      ...as({ kind: 'latest' }, latest, true),
      ...as({ kind: 'deployed' }, deployed, false),
      ...as({ kind: 'released' }, released, false),
    ];
  }

  /**
   * Whether the provider branch (or, without one, its tags; without either, any version) has verified
   * each pact version successfully: at all (pending status) and outside WIP verifications (WIP).
   */
  private async verifiedStatus(providerId: number, ids: number[], request: PactsForVerificationRequest) {
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
      });
    }
    const verified = await pending.verifiedByAnyVersion(query);
    return (id: number) => verified.get(id) ?? none;
  }
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
        selections: [selection],
        wip: false,
      });
      continue;
    }
    existing.selections.push(selection);
    const newest = existing.selections.reduce((a, b) => (b.row.consumerVersionId > a.row.consumerVersionId ? b : a));
    existing.consumerVersionNumber = newest.row.consumerVersionNumber;
  }
  return [...byVersion.values()];
}

function sortPacts(pacts: VerifiablePact[]): VerifiablePact[] {
  const newest = (pact: VerifiablePact) =>
    Math.max(...pact.selections.map((selection) => selection.row.consumerVersionId));
  return pacts.sort(
    (a, b) => a.consumerName.localeCompare(b.consumerName) || Number(a.wip) - Number(b.wip) || newest(a) - newest(b),
  );
}
