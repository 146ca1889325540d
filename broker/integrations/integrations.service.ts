// Integrations (each consumer/provider pair with pacts) and the broker's counts.
import type { PrismaClient } from '../prisma-client.ts';

export class IntegrationsService {
  constructor(private readonly prisma: PrismaClient) {}

  list() {
    return this.prisma.integration.findMany({
      include: { consumer: { select: { name: true } }, provider: { select: { name: true } } },
      orderBy: [{ consumer: { name: 'asc' } }, { provider: { name: 'asc' } }],
    });
  }

  async counts() {
    const db = this.prisma;
    const [
      pacticipants,
      versions,
      integrations,
      pactVersions,
      pactPublications,
      verifications,
      environments,
      webhooks,
    ] = await Promise.all([
      db.pacticipant.count(),
      db.version.count(),
      db.integration.count(),
      db.pactVersion.count(),
      db.pactPublication.count(),
      db.verification.count(),
      db.environment.count(),
      db.webhook.count(),
    ]);
    return {
      pacticipants,
      versions,
      integrations,
      pactVersions,
      pactPublications,
      verifications,
      environments,
      webhooks,
    };
  }
}
