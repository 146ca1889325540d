// What a status badge says, by the Pact Broker's rules.
//
// Pact badges (latest, latest with a consumer tag, latest untagged, latest on a consumer branch, and the
// matrix badge with a provider tag too) look at two things: the latest pact, and the latest verification
// of the newest consumer version (with that tag or branch) whose pact was verified. Then:
//   never verified (or no pact)                          -> unknown
//   verified successfully, still the latest content     -> verified
//   verified successfully, but the pact changed since    -> changed
//   failed, and the pact was pending for that provider   -> failed (pending)
//   failed                                               -> failed (even if the pact changed since)
// can-i-deploy and can-i-merge badges ask the matrix; anything they cannot find is named on the badge.
import type { MatrixService } from '../matrix/matrix.service.ts';
import type { PrismaClient } from '../prisma-client.ts';

export type PactBadgeStatus = 'success' | 'failed' | 'failed_pending' | 'stale' | 'never';

export interface PactBadgeFilter {
  tag?: string;
  untagged?: boolean;
  branch?: string;
  /** The matrix badge: the verification must be by a provider version with this tag. */
  providerTag?: string;
}

export interface PactBadge {
  /** Whether the pact was found (a badge for an unknown one says "pact not found"). */
  found: boolean;
  status: PactBadgeStatus;
  /** For the comment before the SVG: what the badge was worked out from ("?" when none). */
  consumerVersion: string;
  revision: string;
  providerVersion: string;
  verificationNumber: string;
}

export type DeployBadge = { deployable: boolean | undefined } | { notFound: string };

interface LatestPactRow {
  pact_version_id: number;
  consumer_version: string;
  revision_number: number;
}

interface VerificationRow {
  pact_version_id: number;
  success: boolean;
  pact_pending: boolean | null;
  number: number;
  provider_version: string;
}

export class BadgesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly matrix: MatrixService,
  ) {}

  private async pacticipantId(name: string): Promise<number | undefined> {
    const found = await this.prisma.pacticipant.findUnique({ where: { name }, select: { id: true } });
    return found?.id;
  }

  async pactBadge(provider: string, consumer: string, filter: PactBadgeFilter = {}): Promise<PactBadge> {
    const none: PactBadge = {
      found: false,
      status: 'never',
      consumerVersion: '?',
      revision: '?',
      providerVersion: '?',
      verificationNumber: '?',
    };
    const [consumerId, providerId] = await Promise.all([this.pacticipantId(consumer), this.pacticipantId(provider)]);
    if (consumerId === undefined || providerId === undefined) return none;
    const tag = filter.tag ?? null;
    const branch = filter.branch ?? null;
    const untagged = filter.untagged === true;
    // The consumer versions a badge is about: with the tag, on the branch, or without any tag.
    const [pact] = await this.prisma.$queryRaw<LatestPactRow[]>`
      SELECT p.pact_version_id, cv.number AS consumer_version, p.revision_number
      FROM pact_publications p JOIN versions cv ON cv.id = p.consumer_version_id
      WHERE p.consumer_id = ${consumerId} AND p.provider_id = ${providerId}
        AND (${tag}::text IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.version_id = cv.id AND t.name = ${tag}))
        AND (${branch}::text IS NULL OR EXISTS (SELECT 1 FROM branch_versions bv WHERE bv.version_id = cv.id AND bv.branch_name = ${branch}))
        AND (NOT ${untagged} OR NOT EXISTS (SELECT 1 FROM tags t WHERE t.version_id = cv.id))
      ORDER BY cv.id DESC LIMIT 1`;
    if (!pact) return none;
    const providerTag = filter.providerTag ?? null;
    // The newest such consumer version whose pact content has a verification (by a provider version
    // with the provider tag, for the matrix badge), and that content's latest such verification.
    const [verification] = await this.prisma.$queryRaw<VerificationRow[]>`
      SELECT ver.pact_version_id, ver.success, ver.pact_pending, ver.number, pv.number AS provider_version
      FROM pact_publications p
      JOIN versions cv ON cv.id = p.consumer_version_id
      JOIN LATERAL (
        SELECT v.* FROM verifications v
        WHERE v.pact_version_id = p.pact_version_id
          AND (${providerTag}::text IS NULL OR EXISTS (
             SELECT 1 FROM tags pt WHERE pt.version_id = v.provider_version_id AND pt.name = ${providerTag}))
        ORDER BY v.provider_version_id DESC, v.id DESC LIMIT 1) ver ON true
      JOIN versions pv ON pv.id = ver.provider_version_id
      WHERE p.consumer_id = ${consumerId} AND p.provider_id = ${providerId}
        AND (${tag}::text IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.version_id = cv.id AND t.name = ${tag}))
        AND (${branch}::text IS NULL OR EXISTS (SELECT 1 FROM branch_versions bv WHERE bv.version_id = cv.id AND bv.branch_name = ${branch}))
        AND (NOT ${untagged} OR NOT EXISTS (SELECT 1 FROM tags t WHERE t.version_id = cv.id))
      ORDER BY cv.id DESC, ver.number DESC LIMIT 1`;
    const known = {
      found: true,
      consumerVersion: pact.consumer_version,
      revision: String(pact.revision_number),
    };
    if (!verification) return { ...none, ...known };
    let status: PactBadgeStatus;
    if (verification.success) status = verification.pact_version_id === pact.pact_version_id ? 'success' : 'stale';
    else status = verification.pact_pending === true ? 'failed_pending' : 'failed';
    return {
      ...known,
      status,
      providerVersion: verification.provider_version,
      verificationNumber: String(verification.number),
    };
  }

  /** can-i-deploy for the latest version of a branch to an environment (every deployed version evaluated). */
  async canIDeployBranch(pacticipant: string, branch: string, environment: string): Promise<DeployBadge> {
    const id = await this.pacticipantId(pacticipant);
    if (id === undefined) return { notFound: 'pacticipant' };
    const latest = await this.prisma.version.findFirst({
      where: { pacticipantId: id, branchVersions: { some: { branchName: branch } } },
      select: { id: true },
    });
    if (!latest) {
      const known = await this.prisma.branch.findUnique({
        where: { pacticipantId_name: { pacticipantId: id, name: branch } },
      });
      return { notFound: known ? 'version' : 'branch' };
    }
    if (!(await this.prisma.environment.findUnique({ where: { name: environment }, select: { id: true } })))
      return { notFound: 'environment' };
    const answer = await this.matrix.find([{ pacticipant, branch, latest: true }], {
      latestby: 'cvpv',
      limit: 100,
      ignore: [],
      environment,
    });
    return { deployable: answer.status.deployable ?? undefined };
  }

  /** can-i-deploy for the latest version with a tag to the versions with another tag. */
  async canIDeployTag(pacticipant: string, tag: string, to: string): Promise<DeployBadge> {
    const id = await this.pacticipantId(pacticipant);
    if (id === undefined) return { notFound: 'pacticipant' };
    const latest = await this.prisma.version.findFirst({
      where: { pacticipantId: id, tags: { some: { name: tag } } },
      select: { id: true },
    });
    if (!latest) return { notFound: 'version' };
    const answer = await this.matrix.find([{ pacticipant, tag, latest: true }], {
      latestby: 'cvp',
      limit: 100,
      ignore: [],
      latest: true,
      tag: to,
    });
    return { deployable: answer.status.deployable ?? undefined };
  }

  /** Whether the latest version of the main branch works with the latest main branch versions of the others. */
  async canIMerge(pacticipant: string): Promise<DeployBadge> {
    const found = await this.prisma.pacticipant.findUnique({ where: { name: pacticipant } });
    if (!found) return { notFound: 'pacticipant' };
    const latest =
      found.mainBranch === null
        ? null
        : await this.prisma.version.findFirst({
            where: { pacticipantId: found.id, branchVersions: { some: { branchName: found.mainBranch } } },
            orderBy: { id: 'desc' },
            select: { number: true },
          });
    if (!latest) return { notFound: 'main branch version' };
    const answer = await this.matrix.find([{ pacticipant, version: latest.number }], {
      latestby: 'cvp',
      limit: 100,
      ignore: [],
      latest: true,
      mainBranch: true,
    });
    return { deployable: answer.status.deployable ?? undefined };
  }
}
