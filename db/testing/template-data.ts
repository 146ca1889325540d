// What every test database of a kind starts with: each app registers its own (provider/testing/ and
// broker/testing/template-data.ts, loaded by mocha's `require` before global-setup.ts), so that db/
// knows databases only and never the apps' code.
import type { DatabaseKind } from '../database-kinds.ts';

export interface TemplateData {
  /** Tables that resets leave alone: reference data, not test data. */
  referenceTables: string[];
  /** Fills a freshly migrated template database (every copy starts with it). */
  prepare(url: string): Promise<void>;
}

const registered = new Map<DatabaseKind, TemplateData>();

export function registerTemplateData(kind: DatabaseKind, data: TemplateData): void {
  registered.set(kind, data);
}

export function templateDataOf(kind: DatabaseKind): TemplateData {
  const data = registered.get(kind);
  if (!data)
    throw new Error(
      `No template data registered for the ${kind} database: load its testing/template-data.ts first (mocha's require).`,
    );
  return data;
}

export async function prepareTemplate(kind: DatabaseKind, url: string): Promise<void> {
  await templateDataOf(kind).prepare(url);
}
