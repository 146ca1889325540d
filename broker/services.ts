// The broker's composition root: every service, built once per app from the Prisma client and the
// configuration, and handed to the resources (no service locator, no module-level singletons).
import type { BrokerConfig } from './config.ts';
import { BadgesService } from './badges/badges.service.ts';
import { EnvironmentsService } from './environments/environments.service.ts';
import { IntegrationsService } from './integrations/integrations.service.ts';
import { ForVerificationService } from './for-verification/for-verification.service.ts';
import { ProviderStatesService } from './for-verification/provider-states.ts';
import { DiagnosticService } from './diagnostic/diagnostic.service.ts';
import { MatrixService } from './matrix/matrix.service.ts';
import { PacticipantsService } from './pacticipants/pacticipants.service.ts';
import { PactWork } from './pacts/pact-work.ts';
import { PactsService } from './pacts/pacts.service.ts';
import { PublishContractsService } from './pacts/publish-contracts.service.ts';
import { CrossContractVerifier } from './provider-contracts/cross-contract.ts';
import { ProviderContractsService } from './provider-contracts/provider-contracts.service.ts';
import type { PrismaClient } from './prisma-client.ts';
import { VerificationsService } from './verifications/verifications.service.ts';
import { VersionsService } from './versions/versions.service.ts';
import { WebhooksService } from './webhooks/webhooks.service.ts';
import { DeliveryEnqueuer, deliveryJobOptions } from './webhooks/delivery-queue.ts';
import { WebhookEvents } from './webhooks/events.ts';
import { WebhookExecutor } from './webhooks/executor.ts';
import { TargetPolicy } from './webhooks/target-policy.ts';
import { DashboardService } from './ui/dashboard.service.ts';
import { MetricsService } from './metrics/metrics.service.ts';
import { DashboardItemsService } from './integrations/dashboard-items.service.ts';

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
  badges: BadgesService;
  providerContracts: ProviderContractsService;
  providerStates: ProviderStatesService;
  diagnostic: DiagnosticService;
  dashboard: DashboardService;
  metrics: MetricsService;
  dashboardItems: DashboardItemsService;
}

/** Where webhooks may send requests (config.ts documents the settings). */
export function webhookTargetPolicy(config: BrokerConfig): TargetPolicy {
  return new TargetPolicy({
    schemes: config.webhookSchemes,
    methods: config.webhookMethods,
    hosts: config.webhookHosts,
    allowPublicHosts: config.webhookAllowPublicHosts,
    allowPrivateAddresses: config.webhookAllowPrivateAddresses,
  });
}

export function webhookExecutor(config: BrokerConfig): WebhookExecutor {
  return new WebhookExecutor(webhookTargetPolicy(config), {
    timeoutSeconds: config.webhookTimeoutSeconds,
    // As the Pact Broker: a target's response is shown only when the operator whitelisted webhook hosts.
    showResponse: config.webhookShowResponse ?? config.webhookHosts.length > 0,
  });
}

export function createServices(prisma: PrismaClient, config: BrokerConfig): Services {
  const events = new WebhookEvents(new DeliveryEnqueuer(deliveryJobOptions(config)));
  const matrix = new MatrixService(prisma);
  const forVerification = new ForVerificationService(prisma, { applyFallbackBranch: config.applyFallbackBranch });
  const verifications = new VerificationsService(prisma, events);
  const crossContract = new CrossContractVerifier(verifications);
  const pacts = new PactsService(
    prisma,
    { allowDangerousContractModification: config.allowDangerousContractModification },
    events,
    crossContract,
    new PactWork(),
  );
  return {
    pacticipants: new PacticipantsService(prisma),
    versions: new VersionsService(prisma, config.branches),
    pacts,
    publishContracts: new PublishContractsService(prisma, pacts, config.branches),
    forVerification,
    verifications,
    matrix,
    environments: new EnvironmentsService(prisma),
    webhooks: new WebhooksService(prisma, webhookTargetPolicy(config), webhookExecutor(config)),
    integrations: new IntegrationsService(prisma),
    badges: new BadgesService(prisma, matrix),
    providerContracts: new ProviderContractsService(prisma, crossContract),
    providerStates: new ProviderStatesService(prisma, forVerification),
    diagnostic: new DiagnosticService(prisma),
    dashboard: new DashboardService(prisma),
    metrics: new MetricsService(prisma),
    dashboardItems: new DashboardItemsService(prisma),
  };
}
