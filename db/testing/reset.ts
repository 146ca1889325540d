// Empties a test database between tests. The table list and its order come from the live schema
// (pg_catalog), so a new table or foreign key needs no change here.
//
// Rows are removed with DELETE, children before parents, in one round trip: on a test's handful of
// rows that is much faster than TRUNCATE, which replaces every table's files (measured by
// `npm run bench:tests`, figures in docs/benchmarks.md). Foreign keys in a cycle fall back to TRUNCATE ... CASCADE.
import pg from 'pg';

export interface TableGraph {
  tables: string[];
  /** table -> the tables whose foreign keys reference it */
  referencedBy: Map<string, Set<string>>;
}

export async function readTableGraph(client: pg.ClientBase | pg.Pool): Promise<TableGraph> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
     ORDER BY c.relname`,
  );
  const keys = await client.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
     FROM pg_constraint k
     JOIN pg_class child ON child.oid = k.conrelid
     JOIN pg_class parent ON parent.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = child.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public'`,
  );
  const referencedBy = new Map<string, Set<string>>();
  for (const { child, parent } of keys.rows) {
    if (child === parent) continue; // a self-reference does not order one table against another
    if (!referencedBy.has(parent)) referencedBy.set(parent, new Set());
    referencedBy.get(parent)!.add(child);
  }
  return { tables: tables.rows.map((row) => row.name), referencedBy };
}

/**
 * `tables` ordered so that each comes after every table referencing it (children first), or undefined
 * when their foreign keys form a cycle. A depth-first post-order over "is referenced by".
 */
export function childrenFirst(graph: TableGraph, tables: readonly string[]): string[] | undefined {
  const selected = new Set(tables);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string): boolean => {
    if (state.get(table) === 'done') return true;
    if (state.get(table) === 'visiting') return false;
    state.set(table, 'visiting');
    for (const child of graph.referencedBy.get(table) ?? []) {
      if (selected.has(child) && !visit(child)) return false;
    }
    state.set(table, 'done');
    order.push(table);
    return true;
  };
  return tables.every(visit) ? order : undefined;
}

/** The SQL that empties every table but `keep` (reference data). */
export function resetStatement(graph: TableGraph, keep: readonly string[]): string {
  const tables = graph.tables.filter((table) => !keep.includes(table));
  const ordered = childrenFirst(graph, tables);
  if (!ordered) return `TRUNCATE ${tables.map(quote).join(', ')} RESTART IDENTITY CASCADE`;
  return ordered.map((table) => `DELETE FROM ${quote(table)};`).join('\n');
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Resets one database; reads its schema once. */
export class DatabaseResetter {
  private statement: Promise<string> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly keep: readonly string[],
  ) {}

  async reset(): Promise<void> {
    this.statement ??= readTableGraph(this.pool).then((graph) => resetStatement(graph, this.keep));
    await this.pool.query(await this.statement);
  }
}
