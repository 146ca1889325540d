// Verification results: published by a provider version against a pact version (found by the content
// SHA in the URL the verifier was given), and read back.
import type { PrismaClient, Prisma } from '../prisma-client.ts';
import { inTransaction } from '../db.ts';
import { decodeMetadata } from '../for-verification/metadata.ts';
import { NotFoundError } from '../domain-errors.ts';
import { findIntegrationPair } from '../pacticipants/integration-pair.ts';
import { PacticipantsRepository } from '../pacticipants/pacticipants.repository.ts';
import type { VerificationResultRequest } from '../schemas/verification-result.ts';
import { VersionsRepository } from '../versions/versions.repository.ts';
import { VerificationsRepository, type NewVerification, type VerificationRow } from './verifications.repository.ts';
import type { EventOrigin, WebhookEvents } from '../webhooks/events.ts';

export class VerificationsService {
  constructor(
    private readonly prisma: PrismaClient,
    /** Triggers the verification webhooks (absent: none are triggered, as for test data). */
    private readonly events?: WebhookEvents,
  ) {}

  private async pactVersion(providerName: string, consumerName: string, sha: string) {
    const { provider, consumer } = await findIntegrationPair(this.prisma, providerName, consumerName);
    const pactVersion = await this.prisma.pactVersion.findUnique({
      where: { consumerId_providerId_sha: { consumerId: consumer.id, providerId: provider.id, sha } },
      select: { id: true },
    });
    if (!pactVersion)
      throw new NotFoundError(`No pact between ${consumerName} and ${providerName} with content SHA ${sha} found`);
    return { provider, consumer, pactVersionId: pactVersion.id };
  }

  async publish(
    names: { provider: string; consumer: string; sha: string; metadata?: string },
    result: VerificationResultRequest,
    origin?: EventOrigin,
  ): Promise<VerificationRow> {
    const { provider, consumer, pactVersionId } = await this.pactVersion(names.provider, names.consumer, names.sha);
    const metadata = names.metadata === undefined ? undefined : decodeMetadata(names.metadata);
    const number = await inTransaction(this.prisma, async (tx) => {
      const { version } = await new VersionsRepository(tx).getOrCreate(provider.id, result.providerApplicationVersion);
      return this.recordInTransaction(
        tx,
        {
          pactVersionId,
          providerVersionId: version.id,
          consumerId: consumer.id,
          providerId: provider.id,
          success: result.success,
          wip: metadata?.wip === true,
          buildUrl: result.buildUrl ?? undefined,
          verifiedBy: result.verifiedBy as Prisma.InputJsonValue | undefined,
          testResults: result.testResults as Prisma.InputJsonValue | undefined,
          selectors: metadata ? (metadata as unknown as Prisma.InputJsonValue) : undefined,
          pactPending: metadata?.pending ?? null,
        },
        origin,
      );
    });
    return (await new VerificationsRepository(this.prisma).find(pactVersionId, number))!;
  }

  /**
   * Stores a verification inside the caller's transaction and triggers its webhooks, as a published one
   * does: the broker's own cross-contract verifications (provider-contracts/) come this way. Its number.
   */
  async recordInTransaction(
    tx: Prisma.TransactionClient,
    verification: NewVerification,
    origin?: EventOrigin,
  ): Promise<number> {
    const number = await new VerificationsRepository(tx).create(verification);
    if (origin && this.events) await this.events.verificationPublished(tx, origin, verification.pactVersionId, number);
    return number;
  }

  async find(
    names: { provider: string; consumer: string; sha: string },
    number: number | 'latest',
  ): Promise<VerificationRow> {
    const { pactVersionId } = await this.pactVersion(names.provider, names.consumer, names.sha);
    const repository = new VerificationsRepository(this.prisma);
    const found =
      number === 'latest' ? await repository.latest(pactVersionId) : await repository.find(pactVersionId, number);
    if (!found) throw new NotFoundError(`No verification result ${number} for this pact found`);
    return found;
  }

  async list(names: { provider: string; consumer: string; sha: string }): Promise<VerificationRow[]> {
    const { pactVersionId } = await this.pactVersion(names.provider, names.consumer, names.sha);
    return new VerificationsRepository(this.prisma).list(pactVersionId);
  }

  /** The newest verification of a pact's content (the pact as found by a pact resource), or 404. */
  async latestForPact(pact: { pactVersionId: number }): Promise<VerificationRow> {
    const found = await new VerificationsRepository(this.prisma).latest(pact.pactVersionId);
    if (!found) throw new NotFoundError('No verification result for this pact found');
    return found;
  }

  /**
   * For one consumer version: the newest verification of each of its pacts, and the providers whose
   * pact has none yet (so "all verified" is only true when every pact has a successful result).
   */
  async summaryForConsumerVersion(consumerName: string, number: string): Promise<VerificationSummary> {
    const consumer = await new PacticipantsRepository(this.prisma).findByName(consumerName);
    const version =
      consumer &&
      (await this.prisma.version.findUnique({
        where: { pacticipantId_number: { pacticipantId: consumer.id, number } },
      }));
    if (!version) throw new NotFoundError(`No version ${number} of ${consumerName} found`);
    const publications = await this.prisma.pactPublication.findMany({
      where: { consumerVersionId: version.id },
      select: { pactVersionId: true, provider: { select: { name: true } } },
    });
    const repository = new VerificationsRepository(this.prisma);
    const latest = await Promise.all(publications.map((each) => repository.latest(each.pactVersionId)));
    const verifications = latest
      .filter((row): row is VerificationRow => row !== null)
      .sort((a, b) => a.provider.name.toLowerCase().localeCompare(b.provider.name.toLowerCase()));
    const verified = new Set(verifications.map((row) => row.provider.name));
    const successful = verifications.filter((row) => row.success).map((row) => row.provider.name);
    return {
      verifications,
      success: successful.length === publications.length,
      successful,
      failed: verifications.filter((row) => !row.success).map((row) => row.provider.name),
      unknown: publications.map((each) => each.provider.name).filter((name) => !verified.has(name)),
    };
  }

  /** Deletes one verification result; its triggered webhooks and their logs go with it (foreign keys cascade). */
  async delete(names: { provider: string; consumer: string; sha: string }, number: number): Promise<void> {
    const { id } = await this.find(names, number);
    await this.prisma.verification.delete({ where: { id } });
  }
}

export interface VerificationSummary {
  verifications: VerificationRow[];
  /** Every pact of the version has a successful newest verification. */
  success: boolean;
  successful: string[];
  failed: string[];
  /** Providers whose pact has no verification yet. */
  unknown: string[];
}
