// JSON Schema 2020-12 validation (ajv, with ajv-formats' formats) of values against schemas inside an
// OpenAPI document, addressed by JSON pointer: the whole document is handed to ajv once, so internal
// $refs (recursive ones too) resolve as they are. OpenAPI's own schema keywords (example, xml,
// discriminator...) are annotations here.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { UnknownObject } from '../json.ts';

// ajv-formats is CommonJS: under ESM its function is the module's `default` property.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

const DOCUMENT_ID = 'https://openapi.invalid/document.json';

export class SchemaChecker {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction | Error>();

  /**
   * `coerce`: values arrive as text (path, query and header parameters): "5" fits `type: integer`, and a
   * single value fits `type: array` (ajv's coerceTypes "array").
   */
  constructor(document: UnknownObject, { coerce = false }: { coerce?: boolean } = {}) {
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      logger: false,
      validateSchema: false,
      ...(coerce ? { coerceTypes: 'array' as const } : {}),
    });
    addFormats(this.ajv);
    this.ajv.addSchema(document, DOCUMENT_ID);
  }

  private validatorFor(pointer: string): ValidateFunction | Error {
    let validator = this.compiled.get(pointer);
    if (!validator) {
      try {
        validator = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      } catch (error) {
        validator = error as Error;
      }
      this.compiled.set(pointer, validator);
    }
    return validator;
  }

  /** What is wrong with `value` under the schema at `pointer` (`#/components/schemas/Run`): [] when it fits. */
  problems(pointer: string, value: unknown): string[] {
    const validator = this.validatorFor(pointer);
    if (validator instanceof Error) return [`the document's schema at ${pointer} cannot be used: ${validator.message}`];
    if (validator(value)) return [];
    return (validator.errors ?? []).slice(0, 10).map((error) => {
      const at = error.instancePath === '' ? '' : `${error.instancePath} `;
      const allowed =
        error.keyword === 'enum' || error.keyword === 'const'
          ? `: ${JSON.stringify(allowedOf(error.params))}`
          : error.keyword === 'additionalProperties'
            ? ` ("${(error.params as { additionalProperty: string }).additionalProperty}")`
            : '';
      return `${at}${error.message ?? 'is not valid'}${allowed}`;
    });
  }
}

function allowedOf(params: unknown): unknown {
  const { allowedValues, allowedValue } = params as { allowedValues?: unknown; allowedValue?: unknown };
  return allowedValues ?? allowedValue;
}
