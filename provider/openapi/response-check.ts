// Whether an answer the backend gave is one its OpenAPI document promises: the path and method are
// documented (an undocumented one may only be answered 404 in the error envelope), the status is listed
// for the operation, and the body is of a documented media type and fits its schema. The backend's test
// context runs every answer of the backend's specs through this (testing/response-recorder.ts), so the
// document cannot drift from what the code does.
import { loadOpenApiDocument, type UnknownObject } from '../../common/openapi/load-document.ts';
import {
  follow,
  isJsonType,
  matchPath,
  mediaTypeFor,
  operationOf,
  responseFor,
} from '../../common/openapi/operations.ts';
import { SchemaChecker } from '../../common/openapi/schema-checker.ts';
import { buildOpenApiDocument } from './document.ts';

export interface Exchange {
  method: string;
  /** The request path as sent (percent-encoded, no query string). */
  path: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

const ERROR_ENVELOPE = '#/components/schemas/ErrorEnvelope';

export class ResponseCheck {
  private constructor(
    private readonly document: UnknownObject,
    private readonly schemas: SchemaChecker,
  ) {}

  static async create(document: object = buildOpenApiDocument()): Promise<ResponseCheck> {
    const loaded = await loadOpenApiDocument(JSON.parse(JSON.stringify(document)));
    return new ResponseCheck(loaded.document, new SchemaChecker(loaded.document));
  }

  /** What is wrong with this answer, in sentences naming the request: [] when the document promises it. */
  problems(exchange: Exchange): string[] {
    const what = `${exchange.method} ${exchange.path} answered ${exchange.status}`;
    const path = matchPath(this.document, exchange.path);
    // Express answers HEAD with its GET route.
    const method = exchange.method === 'HEAD' ? 'GET' : exchange.method;
    const operation = path && operationOf(this.document, path, method);
    if (!path || !operation) {
      if (exchange.status !== 404) return [`${what}, but the document has no ${method} ${exchange.path}`];
      return this.bodyProblems(what, exchange, ERROR_ENVELOPE);
    }
    const response = responseFor(this.document, operation, exchange.status);
    if (!response) return [`${what}, a status the document does not list for ${method} ${path.template}`];
    const content = follow(this.document, response.value.content, `${response.pointer}/content`);
    if (!content || Object.keys(content.value).length === 0) {
      return exchange.body.length === 0 ? [] : [`${what} with a body, but the document gives this answer none`];
    }
    if (exchange.method === 'HEAD') return [];
    if (exchange.contentType === undefined) return [`${what} without a Content-Type`];
    const media = mediaTypeFor(content, exchange.contentType);
    if (!media)
      return [
        `${what} as ${exchange.contentType}, but the document gives ${Object.keys(content.value).join(', ')} for it`,
      ];
    if (!isJsonType(exchange.contentType) || media.value.schema === undefined) return [];
    return this.bodyProblems(what, exchange, `${media.pointer}/schema`);
  }

  private bodyProblems(what: string, exchange: Exchange, schemaPointer: string): string[] {
    let body: unknown;
    try {
      body = JSON.parse(exchange.body.toString('utf8'));
    } catch {
      return [`${what} with a body that is not JSON`];
    }
    return this.schemas.problems(schemaPointer, body).map((problem) => `${what}: the body ${problem}`);
  }
}
