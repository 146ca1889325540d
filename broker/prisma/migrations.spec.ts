// The broker's committed migrations are its database's definition (see describeMigrationChecks).
import { describeMigrationChecks } from '../../db/testing/migration-checks.ts';

describeMigrationChecks({
  kind: 'broker',
  schema: 'broker/prisma/schema.prisma',
  tables: [
    'pacticipants',
    'versions',
    'branches',
    'branch_versions',
    'tags',
    'integrations',
    'pact_versions',
    'pact_publications',
    'verifications',
    'environments',
    'deployed_versions',
    'released_versions',
    'webhooks',
    'labels',
    'triggered_webhooks',
    'webhook_executions',
    'provider_contracts',
    'imported_records',
  ],
  driftModel: 'model Environment {',
});
