// The driver adapter the WebAssembly schema engine talks to PostgreSQL through: @prisma/adapter-pg,
// with three fixes the engine needs (each one broke a migrate command without it):
//  1. `"char"` columns (OID 18, e.g. pg_constraint.contype) must reach the engine as Character;
//     adapter-pg rejects OID 18 outright.
//  2. executeScript must send a migration as one query: adapter-pg splits on `;`, which breaks
//     `$$ ... $$` bodies and string literals.
//  3. The shadow database: adapter-pg's own connectToShadowDb keeps using the main database when it is
//     given a connection string, so we create and drop the shadow database ourselves.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import { createDatabase, dropDatabase } from '../../db/databases.ts';
import { withDatabase } from '../../db/connection-url.ts';

const CHAR_OID = 18;
const TEXT_OID = 25;

/** Result rows that came from `"char"` columns, keyed by the rows array pg hands back. */
const charColumnsOfRows = new WeakMap<unknown[], number[]>();

interface RowDescriptionHandler {
  handleRowDescription(this: { _result: { rows: unknown[] } }, message: { fields: { dataTypeID: number }[] }): void;
}

let rowDescriptionPatched = false;
function patchRowDescription(): void {
  if (rowDescriptionPatched) return;
  rowDescriptionPatched = true;
  const prototype = pg.Query.prototype as unknown as RowDescriptionHandler;
  const original = prototype.handleRowDescription;
  prototype.handleRowDescription = function (message) {
    const charColumns: number[] = [];
    message.fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        charColumns.push(index);
        field.dataTypeID = TEXT_OID; // parsed as text: a one-character string
      }
    });
    original.call(this, message);
    if (charColumns.length > 0) charColumnsOfRows.set(this._result.rows, charColumns);
  };
}

function withCharacterColumns(resultSet: SqlResultSet): SqlResultSet {
  const charColumns = charColumnsOfRows.get(resultSet.rows);
  if (!charColumns) return resultSet;
  const columnTypes = [...resultSet.columnTypes];
  for (const index of charColumns) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...resultSet, columnTypes };
}

function fixTransaction(transaction: Transaction): Transaction {
  return new Proxy(transaction, {
    get(target, property, receiver) {
      if (property === 'queryRaw') {
        return async (query: SqlQuery) => withCharacterColumns(await target.queryRaw(query));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface AdapterInternals {
  onError(error: unknown): never;
  underlyingDriver(): pg.Pool;
}

function fixAdapter(adapter: SqlDriverAdapter, onDispose?: () => Promise<void>): SqlDriverAdapter {
  const internals = adapter as unknown as AdapterInternals;
  return new Proxy(adapter, {
    get(target, property, receiver) {
      switch (property) {
        case 'queryRaw':
          return async (query: SqlQuery) => withCharacterColumns(await target.queryRaw(query));
        case 'executeScript':
          return async (script: string) => {
            try {
              await internals.underlyingDriver().query(script);
            } catch (error) {
              internals.onError(error); // turns a pg error into the DriverAdapterError the engine reads
            }
          };
        case 'startTransaction':
          return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
            fixTransaction(await target.startTransaction(...args));
        case 'dispose':
          return async () => {
            await target.dispose();
            await onDispose?.();
          };
        default: {
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

async function connect(url: string, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  patchRowDescription();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  return fixAdapter(adapter, onDispose);
}

export class OfflinePgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';

  constructor(
    private readonly url: string,
    private readonly shadowDatabaseUrl?: string,
  ) {}

  connect(): Promise<SqlDriverAdapter> {
    return connect(this.url);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    if (this.shadowDatabaseUrl) return connect(this.shadowDatabaseUrl);
    const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
    await createDatabase(this.url, name);
    return connect(withDatabase(this.url, name), () => dropDatabase(this.url, name));
  }
}
