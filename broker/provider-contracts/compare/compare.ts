// Cross-contract verification: each HTTP interaction of a consumer's pact against the provider's
// OpenAPI document. The request: its method and path exist, its path parameters, query, headers and
// body fit the document (skipped, as warnings, when the pact expects an error status: such requests are
// invalid on purpose). The response: its status is documented, its headers are declared, its Content-Type
// is a documented media type, and its body needs nothing the schema does not promise (body-fit.ts).
import type { UnknownObject } from '../../../common/json.ts';
import {
  follow,
  isJsonType,
  matchPath,
  mediaTypeFor,
  operationOf,
  parametersOf,
  responseFor,
  type Located,
} from '../../../common/openapi/operations.ts';
import type { SchemaChecker } from '../../../common/openapi/schema-checker.ts';
import { fitBody } from './body-fit.ts';
import { httpInteractionsOf, type HttpInteraction } from './pact-interactions.ts';

export type Attribute = 'path' | 'method' | 'query' | 'header' | 'body' | 'status';

export interface Mismatch {
  /** request or response */
  part: 'request' | 'response';
  attribute: Attribute;
  /** The parameter, header or body path it is about. */
  identifier?: string;
  description: string;
}

export interface InteractionComparison {
  interactionId?: string;
  description: string;
  /** "GET /api/game/session/{sessionId}" when the document has the operation. */
  operation?: string;
  success: boolean;
  mismatches: Mismatch[];
  warnings: string[];
}

export interface Comparison {
  success: boolean;
  interactions: InteractionComparison[];
  /** Interactions an OpenAPI document cannot speak for (messages). */
  skipped: string[];
}

export interface ComparedDocument {
  document: UnknownObject;
  schemas: SchemaChecker;
  /** For parameters: their values are text, coerced to the schema's type. */
  parameterSchemas: SchemaChecker;
}

/** Request headers every HTTP client sends or that OpenAPI describes elsewhere (content types, security). */
const IMPLICIT_REQUEST_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'authorization',
  'connection',
  'content-length',
  'content-type',
  'cookie',
  'host',
  'user-agent',
]);

class Findings {
  readonly mismatches: Mismatch[] = [];
  readonly warnings: string[] = [];
  constructor(private readonly requestMismatchesAreWarnings: boolean) {}

  request(attribute: Attribute, description: string, identifier?: string): void {
    if (this.requestMismatchesAreWarnings)
      this.warnings.push(`${description} (not held against the pact: it expects an error response)`);
    else this.mismatches.push({ part: 'request', attribute, ...(identifier ? { identifier } : {}), description });
  }

  /** The method and path: an operation the document lacks fails every interaction, error responses too. */
  operation(attribute: Attribute, description: string, identifier: string): void {
    this.mismatches.push({ part: 'request', attribute, identifier, description });
  }

  response(attribute: Attribute, description: string, identifier?: string): void {
    this.mismatches.push({ part: 'response', attribute, ...(identifier ? { identifier } : {}), description });
  }
}

function checkParameters(
  contract: ComparedDocument,
  interaction: HttpInteraction,
  pathParams: Record<string, string>,
  parameters: ReturnType<typeof parametersOf>,
  findings: Findings,
): void {
  const { request } = interaction;
  const fits = (parameter: (typeof parameters)[number], value: unknown) =>
    parameter.schemaPointer ? contract.parameterSchemas.problems(parameter.schemaPointer, value) : [];
  for (const parameter of parameters.filter((p) => p.in === 'path')) {
    const value = pathParams[parameter.name];
    if (value === undefined) continue;
    for (const problem of fits(parameter, value))
      findings.request('path', `path parameter ${parameter.name} "${value}": ${problem}`, parameter.name);
  }
  const query = parameters.filter((p) => p.in === 'query');
  for (const [name, values] of Object.entries(request.query)) {
    const parameter = query.find((p) => p.name === name);
    if (!parameter) {
      findings.request('query', `query parameter ${name} is not in the document`, name);
      continue;
    }
    for (const problem of fits(parameter, values.length === 1 ? values[0] : values))
      findings.request('query', `query parameter ${name}=${values.join(',')}: ${problem}`, name);
  }
  for (const parameter of query)
    if (parameter.required && request.query[parameter.name] === undefined)
      findings.request(
        'query',
        `the document requires query parameter ${parameter.name}, which the pact's request lacks`,
        parameter.name,
      );
  const headers = parameters.filter((p) => p.in === 'header');
  for (const [name, values] of Object.entries(request.headers)) {
    const parameter = headers.find((p) => p.name.toLowerCase() === name);
    if (!parameter) {
      if (!IMPLICIT_REQUEST_HEADERS.has(name))
        findings.warnings.push(`request header ${name} is not in the document (the provider may ignore it)`);
      continue;
    }
    for (const problem of fits(parameter, values.join(', ')))
      findings.request('header', `request header ${name}: ${problem}`, name);
  }
  for (const parameter of headers)
    if (parameter.required && request.headers[parameter.name.toLowerCase()] === undefined)
      findings.request(
        'header',
        `the document requires request header ${parameter.name}, which the pact's request lacks`,
        parameter.name,
      );
}

function checkRequestBody(
  contract: ComparedDocument,
  interaction: HttpInteraction,
  operation: Located,
  findings: Findings,
): void {
  const { document, schemas } = contract;
  const body = interaction.request.body;
  const requestBody = follow(document, operation.value.requestBody, `${operation.pointer}/requestBody`);
  if (!requestBody) {
    if (body !== undefined) findings.request('body', 'the request has a body, but the document takes none here');
    return;
  }
  if (body === undefined) {
    if (requestBody.value.required === true)
      findings.request('body', "the document requires a request body, which the pact's request lacks");
    return;
  }
  const content = follow(document, requestBody.value.content, `${requestBody.pointer}/content`);
  const contentType = body.contentType ?? 'application/json';
  const media = content && mediaTypeFor(content, contentType);
  if (!media) {
    findings.request(
      'body',
      `the request body is ${contentType}, which the document does not take here ` +
        `(it takes ${Object.keys(content?.value ?? {}).join(', ') || 'nothing'})`,
      'Content-Type',
    );
    return;
  }
  if (media.value.schema === undefined || !isJsonType(contentType)) return;
  for (const problem of schemas.problems(`${media.pointer}/schema`, body.value))
    findings.request('body', `the request body ${problem}`);
}

function checkResponse(
  contract: ComparedDocument,
  interaction: HttpInteraction,
  operation: Located,
  template: string,
  findings: Findings,
): void {
  const { document, schemas } = contract;
  const { response } = interaction;
  const found = responseFor(document, operation, response.status);
  if (!found) {
    findings.response(
      'status',
      `the document lists no ${response.status} response for ${interaction.request.method} ${template}`,
      String(response.status),
    );
    return;
  }
  const declaredHeaders = follow(document, found.value.headers, `${found.pointer}/headers`)?.value ?? {};
  for (const [name, values] of Object.entries(response.headers)) {
    if (name === 'content-type') continue;
    const key = Object.keys(declaredHeaders).find((candidate) => candidate.toLowerCase() === name);
    if (key === undefined) {
      findings.response('header', `response header ${name} is not declared for the ${found.key} response`, name);
      continue;
    }
    if (response.headerRules.has(name)) continue; // a matcher: any value of the kind is fine
    const header = follow(document, declaredHeaders[key], `${found.pointer}/headers/${key}`);
    if (header?.value.schema === undefined) continue;
    for (const problem of contract.parameterSchemas.problems(`${header.pointer}/schema`, values.join(', ')))
      findings.response('header', `response header ${name} "${values.join(', ')}": ${problem}`, name);
  }
  const body = response.body;
  if (body === undefined || (typeof body.value === 'string' && body.value === '')) return;
  const content = follow(document, found.value.content, `${found.pointer}/content`);
  if (!content || Object.keys(content.value).length === 0) {
    findings.response('body', `the pact needs a response body, but the document's ${found.key} response has none`);
    return;
  }
  const contentType = body.contentType ?? 'application/json';
  const media = mediaTypeFor(content, contentType);
  if (!media) {
    findings.response(
      'body',
      `the pact needs a ${contentType} body, but the document's ${found.key} response is ${Object.keys(content.value).join(', ')}`,
      'Content-Type',
    );
    return;
  }
  if (media.value.schema === undefined) return;
  if (!isJsonType(contentType)) {
    for (const problem of schemas.problems(`${media.pointer}/schema`, body.value))
      findings.response('body', `the response body ${problem}`);
    return;
  }
  const fit = fitBody(document, schemas, response.bodyRules, body.value, `${media.pointer}/schema`);
  for (const mismatch of fit.mismatches)
    findings.response('body', `${mismatch.path}: ${mismatch.problem}`, mismatch.path);
  for (const warning of fit.warnings) findings.warnings.push(`response body ${warning.path}: ${warning.problem}`);
}

export function compareInteraction(contract: ComparedDocument, interaction: HttpInteraction): InteractionComparison {
  const { request } = interaction;
  const findings = new Findings(interaction.response.status >= 400);
  const base = { ...(interaction.id ? { interactionId: interaction.id } : {}), description: interaction.description };
  const done = (operation?: string): InteractionComparison => ({
    ...base,
    ...(operation ? { operation } : {}),
    success: findings.mismatches.length === 0,
    mismatches: findings.mismatches,
    warnings: findings.warnings,
  });
  const path = matchPath(contract.document, request.path.split('?')[0]!);
  if (!path) {
    findings.operation('path', `no path in the document matches ${request.path}`, request.path);
    return done();
  }
  const operation = operationOf(contract.document, path, request.method);
  if (!operation) {
    findings.operation(
      'method',
      `the document has no ${request.method} operation for ${path.template}`,
      request.method,
    );
    return done();
  }
  checkParameters(contract, interaction, path.params, parametersOf(contract.document, path, operation), findings);
  checkRequestBody(contract, interaction, operation, findings);
  checkResponse(contract, interaction, operation, path.template, findings);
  return done(`${request.method} ${path.template}`);
}

export function comparePact(contract: ComparedDocument, pact: UnknownObject): Comparison {
  const { interactions, skipped } = httpInteractionsOf(pact);
  const compared = interactions.map((interaction) => compareInteraction(contract, interaction));
  return { success: compared.every((interaction) => interaction.success), interactions: compared, skipped };
}
