// Prisma CLI configuration for the backend database (prisma/schema.prisma).
// The broker has its own: broker/prisma.config.ts.
import { defineConfig } from 'prisma/config';
import { useOfflineSchemaEngine } from './prisma/schema-engine/use-offline-engine.ts';

useOfflineSchemaEngine();

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    // `prisma generate` needs no database; migrate commands read DATABASE_URL (scripts/prisma.ts and db/migrate.ts set it).
    url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/autofighter',
    ...(process.env.SHADOW_DATABASE_URL ? { shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL } : {}),
  },
});
