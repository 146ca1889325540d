// Queries over provider contracts (one per provider version) and the pacts they are compared with.
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';

export interface NewProviderContract {
  providerId: number;
  providerVersionId: number;
  specification: string;
  contentType: string;
  content: string;
  sha: string;
  selfVerificationSuccess: boolean | null;
  selfVerification: Prisma.InputJsonValue | null;
  buildUrl: string | null;
}

/** What a comparison needs of a contract. */
export interface ContractRow {
  id: number;
  providerId: number;
  providerVersionId: number;
  providerVersionNumber: string;
  sha: string;
  content: string;
  contentType: string;
  selfVerificationSuccess: boolean | null;
  buildUrl: string | null;
}

export interface PactVersionRow {
  pactVersionId: number;
  consumerId: number;
  consumerName: string;
  sha: string;
  content: string;
}

/** A new contract is compared with this many of the provider's pact contents at most, newest first. */
export const MAX_PACTS_PER_CONTRACT = 200;

export class ProviderContractsRepository {
  constructor(private readonly db: Db) {}

  /** Stores the version's contract, replacing the one it had. */
  async put(contract: NewProviderContract): Promise<number> {
    const data = {
      ...contract,
      selfVerification: contract.selfVerification ?? Prisma.DbNull,
    };
    const row = await this.db.providerContract.upsert({
      where: { providerVersionId: contract.providerVersionId },
      create: data,
      update: { ...data, createdAt: new Date() },
      select: { id: true },
    });
    return row.id;
  }

  findForVersion(providerId: number, versionNumber: string) {
    return this.db.providerContract.findFirst({
      where: { providerId, providerVersion: { number: versionNumber } },
      include: {
        provider: true,
        providerVersion: {
          include: { branchVersions: { select: { branchName: true } }, tags: { select: { name: true } } },
        },
      },
    });
  }

  /** The provider's distinct pact contents, newest first. */
  pactVersionsOf(providerId: number): Promise<PactVersionRow[]> {
    return this.db.$queryRaw<PactVersionRow[]>`
      SELECT pv.id AS "pactVersionId", pv.consumer_id AS "consumerId", c.name AS "consumerName", pv.sha, pv.content
      FROM pact_versions pv JOIN pacticipants c ON c.id = pv.consumer_id
      WHERE pv.provider_id = ${providerId}
      ORDER BY pv.id DESC LIMIT ${MAX_PACTS_PER_CONTRACT}`;
  }

  pactVersion(consumerId: number, providerId: number, sha: string): Promise<PactVersionRow | undefined> {
    return this.db.$queryRaw<PactVersionRow[]>`
      SELECT pv.id AS "pactVersionId", pv.consumer_id AS "consumerId", c.name AS "consumerName", pv.sha, pv.content
      FROM pact_versions pv JOIN pacticipants c ON c.id = pv.consumer_id
      WHERE pv.consumer_id = ${consumerId} AND pv.provider_id = ${providerId} AND pv.sha = ${sha}`.then(
      (rows) => rows[0],
    );
  }

  /**
   * The contracts a new pact with these providers is compared with: the newest on each provider branch,
   * those of provider versions deployed or released (and still supported), and each provider's newest.
   * The same provider versions a pact verification would be wanted from.
   */
  contractsToCompare(providerIds: number[]): Promise<ContractRow[]> {
    if (providerIds.length === 0) return Promise.resolve([]);
    return this.db.$queryRaw<ContractRow[]>`
      SELECT pc.id, pc.provider_id AS "providerId", pc.provider_version_id AS "providerVersionId",
             v.number AS "providerVersionNumber", pc.sha, pc.content, pc.content_type AS "contentType",
             pc.self_verification_success AS "selfVerificationSuccess", pc.build_url AS "buildUrl"
      FROM provider_contracts pc JOIN versions v ON v.id = pc.provider_version_id
      WHERE pc.provider_id = ANY(${providerIds}::int[]) AND (
        pc.id IN (
          SELECT DISTINCT ON (bv.branch_id) c.id FROM provider_contracts c
          JOIN branch_versions bv ON bv.version_id = c.provider_version_id
          WHERE c.provider_id = ANY(${providerIds}::int[])
          ORDER BY bv.branch_id, c.provider_version_id DESC)
        OR pc.id IN (
          SELECT DISTINCT ON (c.provider_id) c.id FROM provider_contracts c
          WHERE c.provider_id = ANY(${providerIds}::int[])
          ORDER BY c.provider_id, c.provider_version_id DESC)
        OR pc.provider_version_id IN (
          SELECT version_id FROM deployed_versions WHERE undeployed_at IS NULL AND pacticipant_id = ANY(${providerIds}::int[]))
        OR pc.provider_version_id IN (
          SELECT version_id FROM released_versions WHERE support_ended_at IS NULL AND pacticipant_id = ANY(${providerIds}::int[]))
      )
      ORDER BY pc.provider_version_id`;
  }

  /** Whether any verification of this pact content by this provider version exists already. */
  async verified(pactVersionId: number, providerVersionId: number): Promise<boolean> {
    const found = await this.db.verification.findFirst({
      where: { pactVersionId, providerVersionId },
      select: { id: true },
    });
    return found !== null;
  }

  /** Whether any of these providers has a contract (one query, so pacts of other providers cost nothing more). */
  async anyFor(providerIds: number[]): Promise<boolean> {
    return (await this.db.providerContract.count({ where: { providerId: { in: providerIds } }, take: 1 })) > 0;
  }

  /** The newest verification of each pact content by this provider version, with its consumer versions. */
  comparisonsOf(providerVersionId: number) {
    return this.db.$queryRaw<
      {
        pactVersionId: number;
        sha: string;
        consumerName: string;
        number: number;
        success: boolean;
        testResults: unknown;
        verifiedBy: unknown;
        createdAt: Date;
        consumerVersions: string[];
      }[]
    >`
      SELECT DISTINCT ON (v.pact_version_id) v.pact_version_id AS "pactVersionId", pv.sha, c.name AS "consumerName",
             v.number, v.success, v.test_results AS "testResults", v.verified_by AS "verifiedBy", v.created_at AS "createdAt",
             ARRAY(SELECT cv.number FROM pact_publications p JOIN versions cv ON cv.id = p.consumer_version_id
                   WHERE p.pact_version_id = v.pact_version_id ORDER BY cv.id DESC LIMIT 10) AS "consumerVersions"
      FROM verifications v JOIN pact_versions pv ON pv.id = v.pact_version_id JOIN pacticipants c ON c.id = v.consumer_id
      WHERE v.provider_version_id = ${providerVersionId} AND v.verified_by->>'implementation' = ${CROSS_CONTRACT_VERIFIER}
      ORDER BY v.pact_version_id DESC, v.id DESC`;
  }

  /** The newest comparison of one pact content with each provider contract that has one. */
  comparisonsOfPact(pactVersionId: number) {
    return this.db.$queryRaw<
      { providerName: string; providerVersionNumber: string; success: boolean; number: number }[]
    >`
      SELECT DISTINCT ON (v.provider_version_id) p.name AS "providerName", pvn.number AS "providerVersionNumber", v.success, v.number
      FROM verifications v
      JOIN provider_contracts pc ON pc.provider_version_id = v.provider_version_id
      JOIN versions pvn ON pvn.id = v.provider_version_id JOIN pacticipants p ON p.id = v.provider_id
      WHERE v.pact_version_id = ${pactVersionId} AND v.verified_by->>'implementation' = ${CROSS_CONTRACT_VERIFIER}
      ORDER BY v.provider_version_id DESC, v.id DESC LIMIT 20`;
  }
}

/** verified_by.implementation of the verifications the broker makes itself. */
export const CROSS_CONTRACT_VERIFIER = 'autofighter-broker cross-contract verification';
