// The import's memory in the target database (table imported_records): which source items without a
// natural key here were brought over, written in the same transaction as the item itself, so an
// interrupted run never records what it did not write nor writes what it recorded.
import type { Db } from '../db.ts';

export type LedgerKind = 'pact' | 'verification' | 'webhook-credentials';

export class ImportLedger {
  constructor(
    private readonly db: Db,
    /** The source broker's base URL. */
    readonly source: string,
  ) {}

  /** Everything recorded for a kind: key -> value. */
  async load(kind: LedgerKind): Promise<Map<string, string | null>> {
    const rows = await this.db.importedRecord.findMany({
      where: { source: this.source, kind },
      select: { key: true, value: true },
    });
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  async record(db: Db, kind: LedgerKind, key: string, value?: string): Promise<void> {
    await db.importedRecord.upsert({
      where: { source_kind_key: { source: this.source, kind, key } },
      create: { source: this.source, kind, key, value: value ?? null },
      update: { value: value ?? null },
    });
  }

  /** Several keys of a kind without values at once (ones recorded already stay as they are). */
  async recordMany(db: Db, kind: LedgerKind, keys: string[]): Promise<void> {
    await db.importedRecord.createMany({
      data: keys.map((key) => ({ source: this.source, kind, key })),
      skipDuplicates: true,
    });
  }
}
