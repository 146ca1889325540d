// The broker's route table: every path, method and access level in one place (each resource module
// holds the handlers for one part of the API). Order matters where a literal segment and a parameter
// could both match (`.../branch/latest` before `.../branch/:branch`).
import type { Route } from './http/resource.ts';
import { badgeRoutes } from './resources/badges.ts';
import { dashboardApiRoutes } from './resources/dashboard-api.ts';
import { diffRoutes } from './resources/diffs.ts';
import { environmentRoutes } from './resources/environments.ts';
import { forVerificationRoutes } from './resources/for-verification.ts';
import { indexRoutes } from './resources/index.ts';
import { integrationRoutes } from './resources/integrations.ts';
import { matrixRoutes } from './resources/matrix.ts';
import { pacticipantRoutes } from './resources/pacticipants.ts';
import { pactRoutes } from './resources/pacts.ts';
import { providerContractRoutes } from './resources/provider-contracts.ts';
import { providerStateRoutes } from './resources/provider-states.ts';
import { relationDocRoutes } from './resources/relation-docs.ts';
import { publishContractsRoutes } from './resources/publish-contracts.ts';
import { verificationRoutes } from './resources/verifications.ts';
import { versionRoutes } from './resources/versions.ts';
import { webhookRoutes } from './resources/webhooks.ts';

export const routes: Route[] = [
  ...indexRoutes,
  ...publishContractsRoutes,
  ...providerContractRoutes,
  ...forVerificationRoutes,
  ...verificationRoutes,
  ...badgeRoutes,
  ...diffRoutes,
  ...pactRoutes,
  ...matrixRoutes,
  ...pacticipantRoutes,
  ...versionRoutes,
  ...environmentRoutes,
  ...webhookRoutes,
  ...integrationRoutes,
  ...relationDocRoutes,
  ...providerStateRoutes,
  ...dashboardApiRoutes,
];
