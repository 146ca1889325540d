// The backend's verification of its own OpenAPI document, as published with it to the broker: the
// document is valid OpenAPI, and it documents exactly the routes of the production app (read from its
// Express route table). That every answer fits the document is proved by the backend's specs, whose
// test context checks each answer (backend-test-context.ts): `npm test` on the provider's CI.
import { pino } from 'pino';
import { loadOpenApiDocument, OpenApiDocumentError } from '../../common/openapi/load-document.ts';
import { createApp } from '../app.ts';
import { backendConfig } from '../config.ts';
import { routeTable } from '../pact/route-coverage.ts';
import { createPrismaClient } from '../prisma-client.ts';
import type { OpenApiDocument } from './document.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

export interface SelfCheck {
  passed: boolean;
  /** Plain text, for people and for the broker (--verification-results). */
  report: string;
}

export async function checkOpenApiDocument(document: OpenApiDocument): Promise<SelfCheck> {
  const lines: string[] = [];
  let passed = true;
  try {
    const loaded = await loadOpenApiDocument(JSON.parse(JSON.stringify(document)));
    lines.push(`ok: a valid OpenAPI ${loaded.openapi} document`);
  } catch (error) {
    if (!(error instanceof OpenApiDocumentError)) throw error;
    passed = false;
    lines.push(...error.problems.map((problem) => `FAILED: ${problem}`));
  }
  // The route table needs the app, not a database: the client never connects.
  const prisma = createPrismaClient('postgresql://localhost:1/unused');
  try {
    const app = createApp({ prisma, logger: pino({ level: 'silent' }), config: backendConfig() });
    const routes = routeTable(app).map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((method) => (item as Record<string, unknown>)[method]).map(
        (method) => `${method.toUpperCase()} ${path}`,
      ),
    );
    const undocumented = routes.filter((route) => !documented.includes(route));
    const unserved = documented.filter((operation) => !routes.includes(operation));
    for (const route of undocumented) lines.push(`FAILED: the app serves ${route}, which the document lacks`);
    for (const operation of unserved) lines.push(`FAILED: the document has ${operation}, which the app does not serve`);
    if (undocumented.length + unserved.length > 0) passed = false;
    else lines.push(`ok: the document's ${documented.length} operations are exactly the app's routes`);
  } finally {
    await prisma.$disconnect();
  }
  lines.push(passed ? 'Self-verification passed' : 'Self-verification FAILED');
  return { passed, report: `${lines.join('\n')}\n` };
}
