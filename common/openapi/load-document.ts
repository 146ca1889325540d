// Reading an OpenAPI document someone hands us (the broker's provider contracts, the backend's own):
// YAML or JSON text, checked against the OpenAPI 3.0 / 3.1 specification's JSON Schemas by
// @seriousme/openapi-schema-validator, with every $ref internal and resolvable. Nothing is fetched or read from disk: an external $ref is
// refused, never followed (it could point anywhere on the broker's network).
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { normaliseOpenApi30 } from './openapi-30.ts';

import type { UnknownObject } from '../json.ts';
export type { UnknownObject };

/** A document that is not usable, with each reason in words a publisher can act on. */
export class OpenApiDocumentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'OpenApiDocumentError';
  }
}

export interface LoadedDocument {
  /** As parsed (for storing and showing). */
  original: UnknownObject;
  /** What the checks read: OpenAPI 3.0 schemas turned into JSON Schema, refs left in place (internal only). */
  document: UnknownObject;
  /** "3.0.3", "3.1.0", ... */
  openapi: string;
}

const isObject = (value: unknown): value is UnknownObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** YAML or JSON text (JSON is YAML too, but JSON.parse names JSON errors better). */
export function parseDocumentText(text: string, contentType = ''): unknown {
  const trimmed = text.trimStart();
  if (/json/i.test(contentType) || trimmed.startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      if (/json/i.test(contentType))
        throw new OpenApiDocumentError([`The document is not valid JSON: ${(error as Error).message}`]);
    }
  }
  try {
    return parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split('\n')[0] : (error as Error).message;
    throw new OpenApiDocumentError([`The document is neither valid JSON nor valid YAML: ${message}`]);
  }
}

/** Every `$ref` value in the document, with where it is. */
function refsIn(value: unknown, at: string, found: { at: string; ref: string }[] = []): { at: string; ref: string }[] {
  if (Array.isArray(value)) value.forEach((item, index) => refsIn(item, `${at}/${index}`, found));
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push({ at, ref: item });
      else refsIn(item, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, found);
    }
  }
  return found;
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (ref === '#') return document;
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
    if (current === undefined) return undefined;
  }
  return current;
}

// Compiling the specification's schemas takes a second or two; one validator per process keeps them.
// (Its `specification` property is per call and never read here, so sharing it is safe.)
let validator: Validator | undefined;

interface SpecError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** The validator's errors in words, without the echoes of a failed `oneOf` between an object and a $ref. */
function specProblems(errors: SpecError[]): string[] {
  const meaningful = errors.filter((error) => error.keyword !== 'oneOf' && error.params.missingProperty !== '$ref');
  return (meaningful.length > 0 ? meaningful : errors).slice(0, 5).map((error) => {
    const allowed = Array.isArray(error.params.allowedValues) ? ` (${error.params.allowedValues.join(', ')})` : '';
    return `at ${error.instancePath || '/'}: ${error.message ?? 'is not valid'}${allowed}`;
  });
}

export async function loadOpenApiDocument(value: unknown): Promise<LoadedDocument> {
  if (!isObject(value))
    throw new OpenApiDocumentError(['The document is not an OpenAPI document: it is not an object']);
  if (typeof value.swagger === 'string')
    throw new OpenApiDocumentError([
      `The document is Swagger ${value.swagger}: publish an OpenAPI 3.0 or 3.1 document (convert it, e.g. with swagger2openapi)`,
    ]);
  const version = value.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\.\d+/.test(version))
    throw new OpenApiDocumentError([
      typeof version === 'string'
        ? `OpenAPI ${version} is not supported: publish an OpenAPI 3.0 or 3.1 document`
        : 'The document is not an OpenAPI document: it has no "openapi" version field',
    ]);

  const refs = refsIn(value, '#');
  const external = refs.filter(({ ref }) => !ref.startsWith('#'));
  if (external.length > 0)
    throw new OpenApiDocumentError(
      external
        .slice(0, 10)
        .map(({ at, ref }) => `External $ref "${ref}" at ${at}: publish a bundled document with internal refs only`),
    );
  const unresolved = refs.filter(({ ref }) => resolvePointer(value, ref) === undefined);
  if (unresolved.length > 0)
    throw new OpenApiDocumentError(
      unresolved
        .slice(0, 10)
        .map(({ at, ref }) => `Unresolved $ref "${ref}" at ${at}: nothing in the document is there`),
    );

  validator ??= new Validator();
  // An object, never a string: the validator would read a string as a file name.
  const result = await validator.validate(structuredClone(value) as never);
  if (!result.valid)
    throw new OpenApiDocumentError(
      specProblems((result.errors ?? []) as SpecError[]).map((problem) => `Not valid OpenAPI ${version}: ${problem}`),
    );

  const document = structuredClone(value);
  if (version.startsWith('3.0')) normaliseOpenApi30(document);
  return { original: value, document, openapi: version };
}

export { resolvePointer };
