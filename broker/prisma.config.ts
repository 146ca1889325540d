// Prisma CLI configuration for the broker's own database (broker/prisma/schema.prisma).
// The backend's is the root prisma.config.ts; both use the offline (WebAssembly) schema engine.
import { defineConfig } from 'prisma/config';
import { useOfflineSchemaEngine } from '../prisma/schema-engine/use-offline-engine.ts';

useOfflineSchemaEngine();

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    // `prisma generate` needs no database; migrate commands read BROKER_DATABASE_URL (db/migrate.ts sets it).
    url: process.env.BROKER_DATABASE_URL ?? 'postgresql://localhost:5432/autofighter_broker',
    ...(process.env.SHADOW_DATABASE_URL ? { shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL } : {}),
  },
});
