// OpenAPI 3.0's Schema Object is not quite JSON Schema (`nullable`, boolean exclusive bounds): its
// schemas are converted, in place, where OpenAPI puts them, so that the same JSON Schema 2020-12
// checks read 3.0 and 3.1 documents alike.
import { fromSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import type { UnknownObject } from '../json.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const isObject = (value: unknown): value is UnknownObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const valuesOf = (value: unknown): UnknownObject[] => (isObject(value) ? Object.values(value).filter(isObject) : []);

/** Draft 4's `exclusiveMinimum: true` beside `minimum` is 2020-12's `exclusiveMinimum: <number>`. */
function fixExclusiveBounds(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(fixExclusiveBounds);
  if (!isObject(value)) return;
  for (const [bound, exclusive] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    if (typeof value[exclusive] === 'boolean') {
      if (value[exclusive] === true && typeof value[bound] === 'number') {
        value[exclusive] = value[bound];
        delete value[bound];
      } else delete value[exclusive];
    }
  }
  Object.values(value).forEach(fixExclusiveBounds);
}

function convert(holder: UnknownObject, key: string): void {
  const schema = holder[key];
  if (!isObject(schema) || typeof schema.$ref === 'string') return;
  const converted = fromSchema(schema as never) as UnknownObject;
  delete converted.$schema;
  fixExclusiveBounds(converted);
  holder[key] = converted;
}

const convertContent = (holder: UnknownObject) => valuesOf(holder.content).forEach((media) => convert(media, 'schema'));
const convertParameters = (list: unknown) =>
  (Array.isArray(list) ? list.filter(isObject) : []).forEach((parameter) => {
    convert(parameter, 'schema');
    convertContent(parameter);
  });
const convertResponse = (response: UnknownObject) => {
  convertContent(response);
  valuesOf(response.headers).forEach((header) => convert(header, 'schema'));
};

export function normaliseOpenApi30(document: UnknownObject): void {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  for (const name of Object.keys(schemas)) convert(schemas, name);
  valuesOf(components.parameters).forEach((parameter) => convertParameters([parameter]));
  valuesOf(components.headers).forEach((header) => convert(header, 'schema'));
  valuesOf(components.responses).forEach(convertResponse);
  valuesOf(components.requestBodies).forEach(convertContent);
  for (const pathItem of valuesOf(document.paths)) {
    convertParameters(pathItem.parameters);
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      convertParameters(operation.parameters);
      if (isObject(operation.requestBody)) convertContent(operation.requestBody);
      valuesOf(operation.responses).forEach(convertResponse);
    }
  }
}
