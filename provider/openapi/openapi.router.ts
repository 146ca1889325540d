// GET /api/openapi.json: the backend's OpenAPI document, raw (OpenAPI tools read it as it is, so it is
// not wrapped in the envelope). Built once, on the first request.
import { Router } from 'express';
import { buildOpenApiDocument, OPENAPI_PATH, type OpenApiDocument } from './document.ts';

export function openApiRouter(version: string): Router {
  const router = Router();
  let document: OpenApiDocument | undefined;
  router.get(OPENAPI_PATH, (_req, res) => {
    document ??= buildOpenApiDocument(version);
    res.json(document);
  });
  return router;
}
