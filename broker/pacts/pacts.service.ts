// Publishing pacts for a consumer version (deduplicated by content, refusing or merging changed
// content), reading them back in the ways the API offers, and deleting them.
import type { Prisma, PrismaClient } from '../prisma-client.ts';
import { inTransaction } from '../db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../domain-errors.ts';
import { findIntegrationPair, type IntegrationPair } from '../pacticipants/integration-pair.ts';
import { PacticipantsRepository } from '../pacticipants/pacticipants.repository.ts';
import { VersionsRepository, type Version } from '../versions/versions.repository.ts';
import type { PactContent } from './content.ts';
import { PactWork } from './pact-work.ts';
import type { ReadTask } from './pact-work.tasks.ts';
import { PactsRepository, type ConsumerVersionFilter, type PactRow } from './pacts.repository.ts';

export type { PactRow };
import type { EventOrigin, WebhookEvents } from '../webhooks/events.ts';

interface Plan {
  item: PactToPublish;
  content: PactContent;
  existing: PactRow | undefined;
  store: boolean;
  outcome: PublishOutcome;
}

/**
 * Every pact's 409 at once (notices and errors of each, in order), as the Pact Broker reports the
 * conflicts of a publication together; any other failure is thrown as it is.
 */
function throwConflicts(settled: PromiseSettledResult<unknown>[]): void {
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const other = failures.find((reason) => !(reason instanceof ConflictError));
  if (other !== undefined) throw other;
  if (failures.length === 0) return;
  const conflicts = failures as ConflictError[];
  if (conflicts.length === 1) throw conflicts[0];
  const list = (key: 'notices' | 'errors') =>
    conflicts.flatMap((conflict) =>
      key === 'notices'
        ? ((conflict.body.notices as unknown[]) ?? [])
        : ((conflict.body.errors as { contracts?: string[] }).contracts ?? []),
    );
  throw new ConflictError(conflicts.map((conflict) => conflict.message).join('; '), {
    errors: { contracts: list('errors') },
    notices: list('notices'),
  });
}

/** overwrite: a changed pact is refused (409) unless dangerous modification is allowed; merge: PATCH semantics. */
export type PublishMode = 'overwrite' | 'merge';

/** What was published, for responses and notices (what the request already knew, plus the outcome). */
export interface PublishedPact {
  consumerName: string;
  providerName: string;
  consumerVersionNumber: string;
  sha: string;
  revisionNumber: number;
}

export interface PublishOutcome {
  row: PublishedPact;
  /** A publication for this consumer version and provider did not exist before. */
  created: boolean;
  /** The stored content changed (new publication, or a revision). */
  changed: boolean;
  merged: boolean;
}

export interface PactToPublish {
  provider: { id: number; name: string };
  pact: PactContent;
  mode: PublishMode;
}

export interface PactsServiceOptions {
  allowDangerousContractModification: boolean;
}

/** Told of every publication inside its transaction (provider-contracts/ compares new pacts with OpenAPI documents). */
export interface PactsPublishedListener {
  pactsPublished(
    tx: Prisma.TransactionClient,
    consumerId: number,
    published: { providerId: number; sha: string; changed: boolean }[],
    origin?: EventOrigin,
  ): Promise<void>;
}

export class PactsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: PactsServiceOptions,
    /** Triggers webhooks for publications (absent: none are triggered, as for test data). */
    private readonly events?: WebhookEvents,
    private readonly listener?: PactsPublishedListener,
    /** Diffs and merges run in worker threads. */
    private readonly work: PactWork = new PactWork(),
  ) {}

  /**
   * Publishes a consumer version's pacts inside the caller's transaction (consumer, version and
   * providers exist), with a fixed number of statements however many pacts there are: the existing
   * publications are read once, new contents stored in one insert, new publications in another.
   */
  async publishAllInTransaction(
    tx: Prisma.TransactionClient,
    consumer: { id: number },
    version: Version & { created?: boolean },
    items: PactToPublish[],
    origin?: EventOrigin,
  ): Promise<PublishOutcome[]> {
    const pacts = new PactsRepository(tx);
    const outcomes = new Map<number, PublishOutcome>();
    let pending = items;
    // Two rounds at most: when a concurrent request publishes for the same version between our read
    // and our insert, the second round sees its publication and compares against it.
    for (let round = 0; round < 2 && pending.length > 0; round += 1) {
      // A version this transaction created has no publications (others wait on its uncommitted row).
      const existing =
        version.created && round === 0
          ? new Map<number, PactRow>()
          : await pacts.publicationsOf(
              version.id,
              pending.map((item) => item.provider.id),
            );
      const settled = await Promise.allSettled(
        pending.map((item) => this.plan(item, existing.get(item.provider.id), version.number)),
      );
      throwConflicts(settled);
      const plans = settled.map((result) => (result as PromiseFulfilledResult<Plan>).value);
      for (const plan of plans) if (!plan.store) outcomes.set(plan.item.provider.id, plan.outcome);
      const toStore = plans.filter((plan) => plan.store);
      const ids = await pacts.pactVersionIds(
        consumer.id,
        toStore.map(({ item, content }) => ({
          providerId: item.provider.id,
          sha: content.sha,
          content: content.text,
          interactionsCount: content.interactionsCount,
          messagesCount: content.messagesCount,
        })),
      );
      const idOf = (plan: (typeof toStore)[number]) => ids.get(`${plan.item.provider.id}:${plan.content.sha}`)!;
      for (const plan of toStore.filter((candidate) => candidate.existing)) {
        await pacts.revisePublication(plan.existing!.publicationId, idOf(plan));
        await pacts.deleteOrphanPactVersion(plan.existing!.pactVersionId);
        outcomes.set(plan.item.provider.id, plan.outcome);
      }
      const fresh = toStore.filter((candidate) => !candidate.existing);
      const inserted = await pacts.insertPublications(
        version.id,
        consumer.id,
        fresh.map((plan) => ({ providerId: plan.item.provider.id, pactVersionId: idOf(plan) })),
      );
      for (const plan of fresh)
        if (inserted.has(plan.item.provider.id)) outcomes.set(plan.item.provider.id, plan.outcome);
      pending = fresh.filter((plan) => !inserted.has(plan.item.provider.id)).map((plan) => plan.item);
    }
    if (pending.length > 0)
      throw new ConflictError('Another request is publishing pacts for the same consumer version; try again');
    // New publications added their integrations; revisions and unchanged ones already had theirs.
    const results = items.map((item) => outcomes.get(item.provider.id)!);
    if (origin && this.events) {
      await this.events.pactsPublished(
        tx,
        origin,
        consumer.id,
        version.id,
        items.map((item, index) => ({ providerId: item.provider.id, changed: results[index]!.changed })),
      );
    }
    await this.listener?.pactsPublished(
      tx,
      consumer.id,
      items.map((item, index) => ({
        providerId: item.provider.id,
        sha: results[index]!.row.sha,
        changed: results[index]!.changed,
      })),
      origin,
    );
    return results;
  }

  /** What publishing one pact over the existing publication (if any) means: nothing, a new one, a revision, or a 409. */
  private async plan(item: PactToPublish, existing: PactRow | undefined, consumerVersionNumber: string): Promise<Plan> {
    let content = item.pact;
    if (existing && item.mode === 'merge') {
      const result = await this.work.merge({ existing: existing.content, additional: item.pact.text });
      if ('conflicts' in result)
        throw new ConflictError(result.conflicts.join('; '), {
          errors: { contracts: result.conflicts },
          notices: result.conflicts.map((text) => ({ type: 'error', text })),
        });
      content = result.content;
    }
    const unchanged = existing !== undefined && existing.sha === content.sha;
    if (existing && !unchanged && item.mode === 'overwrite' && !this.options.allowDangerousContractModification) {
      throw await this.changedContentConflict(existing, content);
    }
    const row: PublishedPact = {
      consumerName: content.consumerName,
      providerName: item.provider.name,
      consumerVersionNumber,
      sha: content.sha,
      revisionNumber: existing ? existing.revisionNumber + (unchanged ? 0 : 1) : 1,
    };
    const outcome: PublishOutcome = {
      row,
      created: !existing,
      changed: !unchanged,
      merged: Boolean(existing && !unchanged && item.mode === 'merge'),
    };
    return { item, content, existing, store: !unchanged, outcome };
  }

  /** The 409 for changed content: the reason, and the changes (one error and one info notice). */
  private async changedContentConflict(existing: PactRow, content: PactContent): Promise<ConflictError> {
    const message =
      `Cannot change the content of the pact for ${existing.consumerName} version ${existing.consumerVersionNumber} ` +
      `and provider ${existing.providerName}: ` +
      'a consumer version number must identify one contract, or can-i-deploy results become unreliable. ' +
      'Publish the new content with a new consumer version number (the git commit, for example).';
    const diff = await this.work.diff({
      before: existing.content,
      after: content.text,
      beforeLabel: 'published',
      afterLabel: 'new',
    });
    return new ConflictError(message, {
      errors: { contracts: [message] },
      notices: [
        { type: 'error', text: message },
        { type: 'info', text: `Changes to the pact:\n${diff}` },
      ],
    });
  }

  /** The legacy pact resource: PUT (overwrite) or PATCH (merge) the pact at .../version/{v}. */
  async publishAt(
    names: { consumer: string; provider: string; consumerVersion: string },
    pact: PactContent,
    mode: PublishMode,
    origin?: EventOrigin,
  ): Promise<{ outcome: PublishOutcome; row: PactRow }> {
    if (pact.consumerName !== names.consumer) {
      throw ValidationError.field(
        'consumer.name',
        `The consumer name in the pact ("${pact.consumerName}") does not match the consumer name in the path ("${names.consumer}")`,
      );
    }
    if (pact.providerName !== names.provider) {
      throw ValidationError.field(
        'provider.name',
        `The provider name in the pact ("${pact.providerName}") does not match the provider name in the path ("${names.provider}")`,
      );
    }
    const outcome = await inTransaction(this.prisma, async (tx) => {
      const pacticipants = new PacticipantsRepository(tx);
      const consumer = await pacticipants.getOrCreate(names.consumer);
      const provider = await pacticipants.getOrCreate(names.provider);
      const { version } = await new VersionsRepository(tx).getOrCreate(consumer.id, names.consumerVersion);
      const [published] = await this.publishAllInTransaction(tx, consumer, version, [{ provider, pact, mode }], origin);
      return published!;
    });
    return { outcome, row: await this.forConsumerVersion(names.provider, names.consumer, names.consumerVersion) };
  }

  private integration(providerName: string, consumerName: string): Promise<IntegrationPair> {
    return findIntegrationPair(this.prisma, providerName, consumerName);
  }

  private found(row: PactRow | undefined, what: string): PactRow {
    if (!row) throw new NotFoundError(`No pact found ${what}`);
    return row;
  }

  async forConsumerVersion(providerName: string, consumerName: string, consumerVersion: string): Promise<PactRow> {
    const { consumer, provider } = await this.integration(providerName, consumerName);
    const row = await new PactsRepository(this.prisma).forConsumerVersion(consumer.id, provider.id, consumerVersion);
    return this.found(row, `between ${consumerName} version ${consumerVersion} and ${providerName}`);
  }

  async latest(
    providerName: string,
    consumerName: string,
    filter: { tag?: string; branch?: string; untagged?: boolean } = {},
  ): Promise<PactRow> {
    const { consumer, provider } = await this.integration(providerName, consumerName);
    const row = await new PactsRepository(this.prisma).latest(consumer.id, provider.id, filter);
    const which =
      filter.tag !== undefined
        ? ` with tag ${filter.tag}`
        : filter.branch !== undefined
          ? ` from branch ${filter.branch}`
          : filter.untagged
            ? ' untagged'
            : '';
    return this.found(row, `between ${consumerName}${which} and ${providerName}`);
  }

  async bySha(providerName: string, consumerName: string, sha: string): Promise<PactRow> {
    const { consumer, provider } = await this.integration(providerName, consumerName);
    const row = await new PactsRepository(this.prisma).bySha(consumer.id, provider.id, sha);
    return this.found(row, `between ${consumerName} and ${providerName} with content SHA ${sha}`);
  }

  async versionsOf(providerName: string, consumerName: string): Promise<PactRow[]> {
    const { consumer, provider } = await this.integration(providerName, consumerName);
    return new PactsRepository(this.prisma).forIntegration(consumer.id, provider.id);
  }

  async onBranch(
    providerName: string,
    consumerName: string,
    filter: ConsumerVersionFilter,
    latest: boolean,
  ): Promise<PactRow[]> {
    const { consumer, provider } = await this.integration(providerName, consumerName);
    return new PactsRepository(this.prisma).onBranch(consumer.id, provider.id, filter, latest);
  }

  /** Reads a pact from a request (see PactWork.read): `size` is about how many bytes of JSON it is. */
  read(task: ReadTask, size: number): Promise<PactContent> {
    return this.work.read(task, size);
  }

  /** The changes from one pact to another, as text (computed in a worker thread). */
  async diffText(from: PactRow, to: PactRow): Promise<string> {
    if (from.sha === to.sha)
      return (
        `No differences: ${from.consumerName} versions ${from.consumerVersionNumber} and ${to.consumerVersionNumber} ` +
        'published the same content.\n'
      );
    return this.work.diff({
      before: from.content,
      after: to.content,
      beforeLabel: `version ${from.consumerVersionNumber}`,
      afterLabel: `version ${to.consumerVersionNumber}`,
    });
  }

  async previousDistinct(row: PactRow): Promise<PactRow | undefined> {
    return new PactsRepository(this.prisma).previousDistinct(row);
  }

  async latestForProvider(providerName: string, filter: ConsumerVersionFilter = {}): Promise<PactRow[]> {
    const provider = await new PacticipantsRepository(this.prisma).findByName(providerName);
    if (!provider) throw new NotFoundError(`No provider with name '${providerName}' found`);
    return new PactsRepository(this.prisma).latestForProvider(provider.id, filter);
  }

  async allForProvider(providerName: string, filter: ConsumerVersionFilter = {}): Promise<PactRow[]> {
    const provider = await new PacticipantsRepository(this.prisma).findByName(providerName);
    if (!provider) throw new NotFoundError(`No provider with name '${providerName}' found`);
    return new PactsRepository(this.prisma).allForProvider(provider.id, filter);
  }

  latestForEveryIntegration(): Promise<PactRow[]> {
    return new PactsRepository(this.prisma).latestForEveryIntegration();
  }

  async delete(providerName: string, consumerName: string, consumerVersion: string): Promise<void> {
    const row = await this.forConsumerVersion(providerName, consumerName, consumerVersion);
    await inTransaction(this.prisma, (tx) =>
      new PactsRepository(tx).deletePublication(row.publicationId, row.pactVersionId),
    );
  }

  /**
   * Deletes an integration's pacts (all of them, or those of consumer versions with a tag or on a
   * branch) in one transaction, with what depends on them (see PactsRepository.deleteMatching).
   * 404 when the consumer or provider is unknown; returns how many publications went.
   */
  async deleteAll(providerName: string, consumerName: string, filter: ConsumerVersionFilter = {}): Promise<number> {
    const { consumer, provider } = await this.integration(providerName, consumerName);
    return inTransaction(this.prisma, (tx) => new PactsRepository(tx).deleteMatching(consumer.id, provider.id, filter));
  }

  /** The newest pact of an integration, or undefined (after a deletion, say). */
  async latestOrNone(providerName: string, consumerName: string): Promise<PactRow | undefined> {
    const { consumer, provider } = await this.integration(providerName, consumerName);
    return new PactsRepository(this.prisma).latest(consumer.id, provider.id);
  }
}
