// The project's databases: each has its Prisma schema (and config), a URL variable and a default name.

export type DatabaseKind = 'backend' | 'broker';

export interface DatabaseKindInfo {
  /** Prisma config file, relative to the project root. */
  prismaConfig: string;
  /** The environment variable holding this database's full URL. */
  urlVariable: string;
  /** The database name used on the embedded server (or on DATABASE_URL's server for the broker). */
  defaultName: string;
}

export const DATABASE_KINDS: Record<DatabaseKind, DatabaseKindInfo> = {
  backend: { prismaConfig: 'prisma.config.ts', urlVariable: 'DATABASE_URL', defaultName: 'autofighter' },
  broker: {
    prismaConfig: 'broker/prisma.config.ts',
    urlVariable: 'BROKER_DATABASE_URL',
    defaultName: 'autofighter_broker',
  },
};
