// Queries over environments (test, production...).
import type { Db } from '../db.ts';
import type { Environment } from '../../generated/broker-client/client.ts';
import { Prisma } from '../prisma-client.ts';

export type { Environment };

export interface EnvironmentFields {
  name: string;
  displayName?: string | null;
  production: boolean;
  contacts?: Prisma.InputJsonValue | null;
}

export class EnvironmentsRepository {
  constructor(private readonly db: Db) {}

  list(name?: string): Promise<Environment[]> {
    return this.db.environment.findMany({ where: name === undefined ? {} : { name }, orderBy: { name: 'asc' } });
  }

  byUuid(uuid: string): Promise<Environment | null> {
    return this.db.environment.findUnique({ where: { uuid } });
  }

  byName(name: string): Promise<Environment | null> {
    return this.db.environment.findUnique({ where: { name } });
  }

  /** Creates it, or returns undefined when the name (or uuid) is taken. */
  async create(uuid: string, fields: EnvironmentFields): Promise<Environment | undefined> {
    const [created] = await this.db.environment.createManyAndReturn({
      data: [{ uuid, ...this.data(fields) }],
      skipDuplicates: true,
    });
    return created;
  }

  update(id: number, fields: EnvironmentFields): Promise<Environment> {
    return this.db.environment.update({ where: { id }, data: this.data(fields) });
  }

  async delete(id: number): Promise<void> {
    await this.db.environment.delete({ where: { id } });
  }

  private data(fields: EnvironmentFields) {
    const { contacts, ...rest } = fields;
    return { ...rest, contacts: contacts ?? Prisma.DbNull };
  }
}
