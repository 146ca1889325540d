// Publishing pacts for a consumer version (deduplicated by content, refusing or merging changed
// content), reading them back in the ways the API offers, and deleting them.
import type { Prisma, PrismaClient } from '../prisma-client.ts';
import { inTransaction } from '../db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.ts';
import { PacticipantsRepository, type Pacticipant } from '../pacticipants/pacticipants.repository.ts';
import { VersionsRepository, type Version } from '../versions/versions.repository.ts';
import { readPact, type JsonObject, type PactContent } from './content.ts';
import { pactDiff } from './diff.ts';
import { mergePacts } from './merge.ts';
import { PactsRepository, type ConsumerVersionFilter, type PactRow } from './pacts.repository.ts';

/** overwrite: a changed pact is refused (409) unless dangerous modification is allowed; merge: PATCH semantics. */
export type PublishMode = 'overwrite' | 'merge';

export interface PublishOutcome {
  row: PactRow;
  /** A publication for this consumer version and provider did not exist before. */
  created: boolean;
  /** The stored content changed (new publication, or a revision). */
  changed: boolean;
  merged: boolean;
}

export interface PactsServiceOptions {
  allowDangerousContractModification: boolean;
}

export class PactsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: PactsServiceOptions,
  ) {}

  /** Publishes one pact inside the caller's transaction (consumer, version and provider exist). */
  async publishInTransaction(tx: Prisma.TransactionClient, consumer: Pacticipant, version: Version, provider: Pacticipant, pact: PactContent, mode: PublishMode): Promise<PublishOutcome> {
    const pacts = new PactsRepository(tx);
    // Two rounds at most: when a concurrent request publishes for the same version between our read
    // and our insert, the second round sees its publication and compares against it.
    for (let round = 0; round < 2; round += 1) {
      const existing = await pacts.publication(version.id, provider.id);
      let content = pact;
      if (existing && mode === 'merge') {
        const result = mergePacts(JSON.parse(existing.content) as JsonObject, pact.json);
        if ('conflicts' in result) throw new ConflictError(result.conflicts.join('; '), { errors: { content: result.conflicts } });
        content = readPact(result.merged);
      }
      if (existing && existing.sha === content.sha) return { row: existing, created: false, changed: false, merged: false };
      if (existing && mode === 'overwrite' && !this.options.allowDangerousContractModification) {
        throw this.changedContentConflict(existing, content);
      }
      const pactVersionId = await pacts.getOrCreatePactVersion(consumer.id, provider.id, content.sha, JSON.stringify(content.json), content.interactionsCount, content.messagesCount);
      if (existing) {
        await pacts.revisePublication(existing.publicationId, pactVersionId);
        await pacts.deleteOrphanPactVersion(existing.pactVersionId);
      } else if (!(await pacts.insertPublication(version.id, consumer.id, provider.id, pactVersionId))) {
        continue;
      }
      await pacts.ensureIntegration(consumer.id, provider.id);
      const row = await pacts.publication(version.id, provider.id);
      return { row: row!, created: !existing, changed: true, merged: Boolean(existing && mode === 'merge') };
    }
    throw new ConflictError('Another request is publishing a pact for the same consumer version; try again');
  }

  private changedContentConflict(existing: PactRow, content: PactContent): ConflictError {
    const message =
      `Cannot change the content of the pact for ${existing.consumerName} version ${existing.consumerVersionNumber} and provider ${existing.providerName}: ` +
      'a consumer version number must identify one contract, or can-i-deploy results become unreliable. ' +
      'Publish the new content with a new consumer version number (the git commit, for example).';
    const diff = pactDiff(JSON.parse(existing.content) as JsonObject, content.json, 'published', 'new');
    return new ConflictError(message, {
      errors: { content: [message] },
      notices: [
        { type: 'error', text: message },
        { type: 'info', text: `Changes to the pact:\n${diff}` },
      ],
    });
  }

  /** The legacy pact resource: PUT (overwrite) or PATCH (merge) the pact at .../version/{v}. */
  async publishAt(names: { consumer: string; provider: string; consumerVersion: string }, pact: PactContent, mode: PublishMode): Promise<PublishOutcome> {
    if (pact.consumerName !== names.consumer) {
      throw ValidationError.field('consumer.name', `The consumer name in the pact ("${pact.consumerName}") does not match the consumer name in the path ("${names.consumer}")`);
    }
    if (pact.providerName !== names.provider) {
      throw ValidationError.field('provider.name', `The provider name in the pact ("${pact.providerName}") does not match the provider name in the path ("${names.provider}")`);
    }
    return inTransaction(this.prisma, async (tx) => {
      const pacticipants = new PacticipantsRepository(tx);
      const consumer = await pacticipants.getOrCreate(names.consumer);
      const provider = await pacticipants.getOrCreate(names.provider);
      const { version } = await new VersionsRepository(tx).getOrCreate(consumer.id, names.consumerVersion);
      return this.publishInTransaction(tx, consumer, version, provider, pact, mode);
    });
  }

  private async integration(providerName: string, consumerName: string): Promise<{ consumer: Pacticipant; provider: Pacticipant }> {
    const pacticipants = new PacticipantsRepository(this.prisma);
    const [provider, consumer] = await Promise.all([pacticipants.findByName(providerName), pacticipants.findByName(consumerName)]);
    if (!provider) throw new NotFoundError(`No provider with name '${providerName}' found`);
    if (!consumer) throw new NotFoundError(`No consumer with name '${consumerName}' found`);
    return { consumer, provider };
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

  async latest(providerName: string, consumerName: string, filter: { tag?: string; branch?: string; untagged?: boolean } = {}): Promise<PactRow> {
    const { consumer, provider } = await this.integration(providerName, consumerName);
    const row = await new PactsRepository(this.prisma).latest(consumer.id, provider.id, filter);
    const which = filter.tag !== undefined ? ` with tag ${filter.tag}` : filter.branch !== undefined ? ` from branch ${filter.branch}` : filter.untagged ? ' untagged' : '';
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
    await inTransaction(this.prisma, (tx) => new PactsRepository(tx).deletePublication(row.publicationId, row.pactVersionId));
  }
}
