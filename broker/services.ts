// The broker's composition root: every service, built once per app from the Prisma client and the
// configuration, and handed to the resources (no service locator, no module-level singletons).
import type { BrokerConfig } from './config.ts';
import { EnvironmentsService } from './environments/environments.service.ts';
import { IntegrationsService } from './integrations/integrations.service.ts';
import { ForVerificationService } from './for-verification/for-verification.service.ts';
import { MatrixService } from './matrix/matrix.service.ts';
import { PacticipantsService } from './pacticipants/pacticipants.service.ts';
import { PactsService } from './pacts/pacts.service.ts';
import { PublishContractsService } from './pacts/publish-contracts.service.ts';
import type { PrismaClient } from './prisma-client.ts';
import { VerificationsService } from './verifications/verifications.service.ts';
import { VersionsService } from './versions/versions.service.ts';
import { WebhooksService } from './webhooks/webhooks.service.ts';

export interface Services {
  pacticipants: PacticipantsService;
  versions: VersionsService;
  pacts: PactsService;
  publishContracts: PublishContractsService;
  forVerification: ForVerificationService;
  verifications: VerificationsService;
  matrix: MatrixService;
  environments: EnvironmentsService;
  webhooks: WebhooksService;
  integrations: IntegrationsService;
}

export function createServices(prisma: PrismaClient, config: BrokerConfig): Services {
  const pacts = new PactsService(prisma, { allowDangerousContractModification: config.allowDangerousContractModification });
  return {
    pacticipants: new PacticipantsService(prisma),
    versions: new VersionsService(prisma),
    pacts,
    publishContracts: new PublishContractsService(prisma, pacts),
    forVerification: new ForVerificationService(prisma),
    verifications: new VerificationsService(prisma),
    matrix: new MatrixService(prisma),
    environments: new EnvironmentsService(prisma),
    webhooks: new WebhooksService(prisma, { schemes: config.webhookSchemes, methods: config.webhookMethods }),
    integrations: new IntegrationsService(prisma),
  };
}
