// The backend's OpenAPI 3.1 document, generated from the zod schemas that validate its requests and
// type its answers (each router declares its operations next to its routes), so there is no second,
// hand-written description to drift. Served raw at GET /api/openapi.json; published to the broker as
// the backend's provider contract (docs/bidirectional-contracts.md).
import { z } from 'zod';
import { createDocument, type ZodOpenApiObject } from 'zod-openapi';
import packageJson from '../../package.json' with { type: 'json' };
import { gachaPaths } from '../gacha/gacha.router.ts';
import { healthPaths } from '../health/health.router.ts';
import { playersPaths } from '../players/players.router.ts';
import { runsPaths } from '../runs/runs.router.ts';
import { sessionsPaths } from '../sessions/sessions.router.ts';
import { upgradesPaths } from '../upgrades/upgrades.router.ts';
import { errorResponses, jsonResponse, type ApiPaths } from './operations.ts';

export const OPENAPI_PATH = '/api/openapi.json';

/** What GET /api/openapi.json answers: this document (outside the envelope, as OpenAPI tools expect). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

export type OpenApiDocument = ReturnType<typeof createDocument>;

const openApiPaths: ApiPaths = {
  [OPENAPI_PATH]: {
    get: {
      operationId: 'openApiDocument',
      summary: 'This OpenAPI document',
      responses: {
        200: jsonResponse('The OpenAPI 3.1 document, not wrapped in the envelope', openApiDocumentSchema),
        ...errorResponses(400, 413, 415, 500),
      },
    },
  },
};

/**
 * Express gives every GET answer an ETag and answers a conditional GET whose If-None-Match still
 * matches with 304 and no body: each GET operation says so.
 */
function withNotModified(paths: ApiPaths): ApiPaths {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      item.get
        ? {
            ...item,
            get: {
              ...item.get,
              responses: {
                ...item.get.responses,
                304: { description: 'Not modified: the If-None-Match ETag still matches (no body)' },
              },
            },
          }
        : item,
    ]),
  );
}

export function buildOpenApiDocument(version: string = packageJson.version): OpenApiDocument {
  const document: ZodOpenApiObject = {
    openapi: '3.1.0',
    info: {
      title: 'autofighter-backend',
      version,
      description:
        'The autofighter game API. Every answer but GET /api/ and this document is a JSON envelope: ' +
        '{ status: "success", data } or { status: "error", message, code, request_id }. ' +
        'A path or method not listed here is answered 404 in the error envelope.',
    },
    paths: withNotModified({
      ...healthPaths,
      ...sessionsPaths,
      ...runsPaths,
      ...playersPaths,
      ...upgradesPaths,
      ...gachaPaths,
      ...openApiPaths,
    }),
  };
  return createDocument(document);
}
