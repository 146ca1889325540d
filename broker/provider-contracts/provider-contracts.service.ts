// Publishing a provider contract (an OpenAPI document and the provider's verification of it) for a
// provider version, with its branch and tags, and comparing it with every pact of the provider, all in
// one transaction. A document that is not usable OpenAPI is refused with a 400 before anything is written.
import { createHash } from 'node:crypto';
import { loadOpenApiDocument, OpenApiDocumentError, parseDocumentText } from '../../common/openapi/load-document.ts';
import { inTransaction } from '../db.ts';
import { NotFoundError, ValidationError } from '../domain-errors.ts';
import { PacticipantsRepository } from '../pacticipants/pacticipants.repository.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { VersionsRepository, type Version } from '../versions/versions.repository.ts';
import type { EventOrigin } from '../webhooks/events.ts';
import type { Notice } from '../pacts/publish-contracts.service.ts';
import type { CrossContractVerifier, RecordedComparison } from './cross-contract.ts';
import type { PublishProviderContractRequest } from './publish-schema.ts';
import { ProviderContractsRepository } from './provider-contracts.repository.ts';

export interface PublishedProviderContract {
  provider: { id: number; name: string };
  version: Version;
  branch: string | undefined;
  tags: string[];
  comparisons: RecordedComparison[];
  notices: Notice[];
}

/** Strict base64 (the alphabet, correct padding) of UTF-8 text: anything else is a 400, not silently other bytes. */
function decodeBase64(text: string, field: string): string {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
    throw ValidationError.field(field, 'is not valid base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    throw ValidationError.field(field, 'does not decode to UTF-8 text');
  }
}

function comparisonNotices(comparisons: RecordedComparison[], selfVerified: boolean | null): Notice[] {
  if (comparisons.length === 0)
    return [
      { type: 'info', text: 'No consumer pacts with this provider yet: each will be compared when it is published' },
    ];
  const notices: Notice[] = comparisons.map(({ consumerName, sha, success, comparison }) => {
    const failed = comparison.interactions.filter((interaction) => !interaction.success);
    if (failed.length === 0)
      return {
        type: success ? 'success' : 'warning',
        text:
          `Pact of ${consumerName} (content ${sha.slice(0, 12)}): ` +
          `all ${comparison.interactions.length} interactions compatible with the document`,
      };
    const first = failed[0]!;
    return {
      type: 'error',
      text:
        `Pact of ${consumerName} (content ${sha.slice(0, 12)}): ${failed.length} of ${comparison.interactions.length} interactions incompatible; ` +
        `"${first.description}": ${first.mismatches.map((mismatch) => mismatch.description).join('; ')}`,
    };
  });
  if (selfVerified !== true)
    notices.push({
      type: 'warning',
      text:
        selfVerified === false
          ? "The provider's verification of its own document failed: no pact counts as verified by this version"
          : 'No self-verification results were published (--verification-exit-code or --verification-success): ' +
            'no pact counts as verified by this version',
    });
  return notices;
}

export class ProviderContractsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly crossContract: CrossContractVerifier,
  ) {}

  async publish(
    providerName: string,
    request: PublishProviderContractRequest,
    origin?: EventOrigin,
  ): Promise<PublishedProviderContract> {
    // Everything is checked before anything is written.
    const content = decodeBase64(request.contract.content, 'contract.content');
    try {
      await loadOpenApiDocument(parseDocumentText(content, request.contract.contentType));
    } catch (error) {
      if (error instanceof OpenApiDocumentError) throw new ValidationError({ 'contract.content': error.problems });
      throw error;
    }
    const results = request.contract.selfVerificationResults;
    const resultsText =
      results?.content === undefined
        ? undefined
        : decodeBase64(results.content, 'contract.selfVerificationResults.content');
    const sha = createHash('sha256').update(content).digest('hex');
    const tags = [...new Set(request.tags ?? [])];

    return inTransaction(this.prisma, async (tx) => {
      const provider = await new PacticipantsRepository(tx).getOrCreate(providerName);
      const versions = new VersionsRepository(tx);
      const { version, created } = await versions.getOrCreate(
        provider.id,
        request.pacticipantVersionNumber,
        request.buildUrl,
      );
      await versions.putOnBranchAndTag(provider.id, version.id, request.branch, tags);
      const repository = new ProviderContractsRepository(tx);
      const contract = {
        providerId: provider.id,
        providerVersionId: version.id,
        specification: request.contract.specification,
        contentType: request.contract.contentType,
        content,
        sha,
        selfVerificationSuccess: results ? results.success : null,
        selfVerification: results
          ? {
              ...(resultsText !== undefined ? { content: resultsText } : {}),
              ...(results.contentType ? { contentType: results.contentType } : {}),
              ...(results.format ? { format: results.format } : {}),
              ...(results.verifier ? { verifier: results.verifier } : {}),
              ...(results.verifierVersion ? { verifierVersion: results.verifierVersion } : {}),
            }
          : null,
        buildUrl: request.buildUrl ?? null,
      };
      const id = await repository.put(contract);
      const comparisons = await this.crossContract.verify(
        tx,
        { ...contract, id, providerVersionNumber: version.number },
        await repository.pactVersionsOf(provider.id),
        origin,
      );
      const parts = [
        request.branch ? `branch ${request.branch}` : undefined,
        tags.length > 0 ? `tags ${tags.join(', ')}` : undefined,
      ].filter(Boolean);
      const notices: Notice[] = [
        {
          type: 'success',
          text:
            `${created ? 'Created' : 'Updated'} ${provider.name} version ${version.number}` +
            `${parts.length > 0 ? ` with ${parts.join(' and ')}` : ''}`,
        },
        {
          type: 'success',
          text:
            `Provider contract for ${provider.name} version ${version.number} published (self-verification: ` +
            `${contract.selfVerificationSuccess === null ? 'none' : contract.selfVerificationSuccess ? 'passed' : 'failed'})`,
        },
        ...comparisonNotices(comparisons, contract.selfVerificationSuccess),
      ];
      return { provider, version, branch: request.branch, tags, comparisons, notices };
    });
  }

  async find(providerName: string, versionNumber: string) {
    const provider = await new PacticipantsRepository(this.prisma).findByName(providerName);
    if (!provider) throw new NotFoundError(`No provider with name '${providerName}' found`);
    const repository = new ProviderContractsRepository(this.prisma);
    const contract = await repository.findForVersion(provider.id, versionNumber);
    if (!contract) throw new NotFoundError(`No provider contract for ${providerName} version ${versionNumber} found`);
    return { contract, comparisons: await repository.comparisonsOf(contract.providerVersionId) };
  }

  /** The provider contracts a pact content was compared with (for the pact's page). */
  comparisonsOfPact(pactVersionId: number) {
    return new ProviderContractsRepository(this.prisma).comparisonsOfPact(pactVersionId);
  }
}

export type ProviderContractDetails = Awaited<ReturnType<ProviderContractsService['find']>>;
