// What a status badge says: the latest verification of an integration's latest pact (optionally from a
// consumer tag or branch), or can-i-deploy for a pacticipant branch's latest version to an environment.
// Anything not found is "unknown" rather than an error: a badge in a README must always render.
import { NotFoundError, ValidationError } from '../http/errors.ts';
import type { MatrixService } from '../matrix/matrix.service.ts';
import type { PactsService } from '../pacts/pacts.service.ts';
import type { PrismaClient } from '../prisma-client.ts';
import { VerificationsRepository } from '../verifications/verifications.repository.ts';

export type VerificationBadgeStatus = 'verified' | 'failed' | 'unknown';
export type DeployBadgeStatus = 'yes' | 'no' | 'unknown';

const unknownWhenMissing = <T>(error: unknown, fallback: T): T => {
  if (error instanceof NotFoundError || error instanceof ValidationError) return fallback;
  throw error;
};

export class BadgesService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pacts: PactsService,
    private readonly matrix: MatrixService,
  ) {}

  async verificationStatus(
    provider: string,
    consumer: string,
    filter: { tag?: string; branch?: string; untagged?: boolean } = {},
  ): Promise<VerificationBadgeStatus> {
    try {
      const pact = await this.pacts.latest(provider, consumer, filter);
      const verification = await new VerificationsRepository(this.prisma).latest(pact.pactVersionId);
      if (!verification) return 'unknown';
      return verification.success ? 'verified' : 'failed';
    } catch (error) {
      return unknownWhenMissing(error, 'unknown');
    }
  }

  async canIDeploy(pacticipant: string, branch: string, environment: string): Promise<DeployBadgeStatus> {
    try {
      // Every live version of each integrated pacticipant in the environment counts (cvpv), as for can-i-deploy.
      const answer = await this.matrix.find([{ pacticipant, branch, latest: true }], {
        latestby: 'cvpv',
        limit: 100,
        ignore: [],
        environment,
      });
      return answer.status.deployable === true ? 'yes' : answer.status.deployable === false ? 'no' : 'unknown';
    } catch (error) {
      return unknownWhenMissing(error, 'unknown');
    }
  }
}
