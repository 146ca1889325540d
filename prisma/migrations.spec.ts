// The committed migrations are the backend database's definition (see describeMigrationChecks).
import { describeMigrationChecks } from '../db/testing/migration-checks.ts';

describeMigrationChecks({
  kind: 'backend',
  schema: 'prisma/schema.prisma',
  tables: [
    'runs',
    'owned_players',
    'gacha_items',
    'gacha_rolls',
    'upgrade_points',
    'game_sessions',
    'gacha_roll_items',
  ],
  driftModel: 'model GameSession {',
});
