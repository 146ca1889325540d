// Cross-contract verification as verifications: each comparison of a consumer pact with a provider
// version's OpenAPI document is stored through the verification service, inside the transaction that
// published either side, so the matrix, can-i-deploy, badges, the dashboard and webhooks treat it like
// a result a Pact verifier published. It succeeds when every interaction is compatible and the provider
// published a passing verification of its own document (an unverified document promises nothing).
import { loadOpenApiDocument } from '../../common/openapi/load-document.ts';
import { parseDocumentText } from '../../common/openapi/load-document.ts';
import { SchemaChecker } from '../../common/openapi/schema-checker.ts';
import packageJson from '../../package.json' with { type: 'json' };
import type { EventOrigin } from '../webhooks/events.ts';
import type { Prisma } from '../prisma-client.ts';
import type { PactsPublishedListener } from '../pacts/pacts.service.ts';
import type { VerificationsService } from '../verifications/verifications.service.ts';
import { comparePact, type ComparedDocument, type Comparison } from './compare/compare.ts';
import {
  CROSS_CONTRACT_VERIFIER,
  ProviderContractsRepository,
  type ContractRow,
  type PactVersionRow,
} from './provider-contracts.repository.ts';

/** Compiled documents kept (by content SHA): compiling the schemas is the costly part of a comparison. */
const CACHED_DOCUMENTS = 20;

export interface RecordedComparison {
  consumerName: string;
  sha: string;
  success: boolean;
  comparison: Comparison;
}

function testResults(comparison: Comparison) {
  return [
    ...comparison.interactions.map((interaction) => ({
      ...(interaction.interactionId ? { interactionId: interaction.interactionId } : {}),
      interactionDescription: interaction.description,
      ...(interaction.operation ? { operation: interaction.operation } : {}),
      success: interaction.success,
      mismatches: interaction.mismatches,
      ...(interaction.warnings.length > 0 ? { warnings: interaction.warnings } : {}),
    })),
    ...comparison.skipped.map((description) => ({
      interactionDescription: description,
      success: true,
      skipped: 'not an HTTP interaction: an OpenAPI document does not describe it',
    })),
  ];
}

export class CrossContractVerifier implements PactsPublishedListener {
  private readonly documents = new Map<string, Promise<ComparedDocument>>();

  constructor(private readonly verifications: VerificationsService) {}

  /** The contract's document, read and compiled once (stored contracts were checked when published). */
  compiled(contract: { sha: string; content: string; contentType: string }): Promise<ComparedDocument> {
    let found = this.documents.get(contract.sha);
    if (!found) {
      found = loadOpenApiDocument(parseDocumentText(contract.content, contract.contentType)).then(({ document }) => ({
        document,
        schemas: new SchemaChecker(document),
        parameterSchemas: new SchemaChecker(document, { coerce: true }),
      }));
      found.catch(() => this.documents.delete(contract.sha));
      this.documents.set(contract.sha, found);
      if (this.documents.size > CACHED_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    }
    return found;
  }

  /** Compares the pacts with the contract and records each result as a verification by the contract's provider version. */
  async verify(
    tx: Prisma.TransactionClient,
    contract: ContractRow,
    pacts: PactVersionRow[],
    origin?: EventOrigin,
  ): Promise<RecordedComparison[]> {
    const document = await this.compiled(contract);
    const recorded: RecordedComparison[] = [];
    for (const pact of pacts) {
      const comparison = comparePact(document, JSON.parse(pact.content) as Record<string, unknown>);
      const selfVerified = contract.selfVerificationSuccess === true;
      const success = comparison.success && selfVerified;
      await this.verifications.recordInTransaction(
        tx,
        {
          pactVersionId: pact.pactVersionId,
          providerVersionId: contract.providerVersionId,
          consumerId: pact.consumerId,
          providerId: contract.providerId,
          success,
          wip: false,
          buildUrl: contract.buildUrl ?? undefined,
          verifiedBy: {
            implementation: CROSS_CONTRACT_VERIFIER,
            version: packageJson.version,
            providerContract: { sha: contract.sha, selfVerificationSuccess: contract.selfVerificationSuccess },
            ...(selfVerified
              ? {}
              : {
                  reason:
                    contract.selfVerificationSuccess === false
                      ? "the provider's verification of its own document failed"
                      : 'the provider published no verification of its own document',
                }),
          },
          testResults: testResults(comparison) as Prisma.InputJsonValue,
        },
        origin,
      );
      recorded.push({ consumerName: pact.consumerName, sha: pact.sha, success, comparison });
    }
    return recorded;
  }

  /** New pact contents are compared with the provider contracts that matter for them (see contractsToCompare). */
  async pactsPublished(
    tx: Prisma.TransactionClient,
    consumerId: number,
    published: { providerId: number; sha: string; changed: boolean }[],
    origin?: EventOrigin,
  ): Promise<void> {
    const changed = published.filter((pact) => pact.changed);
    const repository = new ProviderContractsRepository(tx);
    if (changed.length === 0 || !(await repository.anyFor(changed.map((pact) => pact.providerId)))) return;
    const contracts = await repository.contractsToCompare([...new Set(changed.map((pact) => pact.providerId))]);
    for (const pact of changed) {
      const row = await repository.pactVersion(consumerId, pact.providerId, pact.sha);
      if (!row) continue;
      for (const contract of contracts.filter((candidate) => candidate.providerId === pact.providerId)) {
        // Content another consumer version published before is compared already.
        if (await repository.verified(row.pactVersionId, contract.providerVersionId)) continue;
        await this.verify(tx, contract, [row], origin);
      }
    }
  }
}
