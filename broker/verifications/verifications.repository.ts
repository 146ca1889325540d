// Queries over verification results: each belongs to a pact version (so it applies to every consumer
// version that published that content) and to the provider version that verified it.
import type { Db } from '../db.ts';
import { Prisma } from '../prisma-client.ts';

const withRelations = {
  providerVersion: true,
  provider: true,
  consumer: true,
  pactVersion: { select: { sha: true } },
} as const;

export interface NewVerification {
  pactVersionId: number;
  providerVersionId: number;
  consumerId: number;
  providerId: number;
  success: boolean;
  wip: boolean;
  buildUrl?: string | undefined;
  verifiedBy?: Prisma.InputJsonValue | undefined;
  testResults?: Prisma.InputJsonValue | undefined;
  selectors?: Prisma.InputJsonValue | undefined;
  /** Whether the pact was pending for the provider version (from the pact URL's metadata); null: not known. */
  pactPending?: boolean | null;
  /** When it was verified, if not now (results imported from another broker keep their dates). */
  createdAt?: Date;
}

export class VerificationsRepository {
  constructor(private readonly db: Db) {}

  /** Adds a verification numbered after the pact version's last one (the pact version row is locked first); returns its number. */
  async create(verification: NewVerification): Promise<number> {
    await this.db.$queryRaw`SELECT id FROM pact_versions WHERE id = ${verification.pactVersionId} FOR UPDATE`;
    const last = await this.db.verification.aggregate({
      where: { pactVersionId: verification.pactVersionId },
      _max: { number: true },
    });
    const number = (last._max.number ?? 0) + 1;
    // Relations are read after the transaction: Prisma loads `include`s with concurrent queries, which
    // a transaction's single connection can only queue.
    await this.db.verification.create({
      data: {
        ...verification,
        number,
        buildUrl: verification.buildUrl ?? null,
        verifiedBy: verification.verifiedBy ?? Prisma.DbNull,
        testResults: verification.testResults ?? Prisma.DbNull,
        selectors: verification.selectors ?? Prisma.DbNull,
      },
    });
    return number;
  }

  find(pactVersionId: number, number: number) {
    return this.db.verification.findUnique({
      where: { pactVersionId_number: { pactVersionId, number } },
      include: withRelations,
    });
  }

  latest(pactVersionId: number) {
    return this.db.verification.findFirst({
      where: { pactVersionId },
      orderBy: { id: 'desc' },
      include: withRelations,
    });
  }

  list(pactVersionId: number) {
    return this.db.verification.findMany({
      where: { pactVersionId },
      orderBy: { id: 'desc' },
      include: withRelations,
      take: 100,
    });
  }
}

export type VerificationRow = NonNullable<Awaited<ReturnType<VerificationsRepository['find']>>>;
