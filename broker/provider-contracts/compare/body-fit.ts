// Does a response schema promise what a pact's response needs? The pact's body is read with its
// matching rules, as Pact reads it when it verifies: a value under a type matcher (`like`, `eachLike`,
// `integer`, `regex`...) needs only its type, a value under no matcher (or `equality`) needs that very
// value; rules cascade to what is inside them. Every field the pact's body has must be declared by the
// schema (in `properties`, `patternProperties` or an explicit `additionalProperties`), with a type the
// pact accepts; arrays are read through `items`. `allOf` adds up, `anyOf`/`oneOf` need one alternative
// that fits. Hand-written: JSON Schema validators answer "is this value valid", while the question here
// is "is every field this consumer reads promised", which no validator asks.
import type { UnknownObject } from '../../../common/json.ts';
import { follow, isObject, pointerSegment, type Located } from '../../../common/openapi/operations.ts';
import type { SchemaChecker } from '../../../common/openapi/schema-checker.ts';
import { ruleAt, showPath, type Segment } from './json-path.ts';
import type { Matcher, Rules } from './pact-interactions.ts';

export interface Finding {
  /** Where in the body: `$.data.items[0].name`. */
  path: string;
  problem: string;
}

export interface FitResult {
  mismatches: Finding[];
  warnings: Finding[];
}

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/** exact: this very value is needed; type: any value of the type (`wants`, else the example's own type). */
type Need = { kind: 'exact' } | { kind: 'type'; wants?: JsonType };

interface Context {
  document: UnknownObject;
  schemas: SchemaChecker;
  rules: Rules;
}

/** Keywords that constrain nothing: a schema with only these is "anything" (an explicit free-form value). */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  '$id',
  '$schema',
  '$anchor',
  'xml',
  'externalDocs',
  'discriminator',
]);

const jsonType = (value: unknown): JsonType =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : (typeof value as JsonType);

function needOf(matchers: Matcher[]): Need {
  const kinds = matchers.map((matcher) => matcher.match);
  if (kinds.includes('equality')) return { kind: 'exact' };
  if (kinds.includes('integer')) return { kind: 'type', wants: 'integer' };
  if (kinds.includes('decimal') || kinds.includes('number')) return { kind: 'type', wants: 'number' };
  if (kinds.includes('boolean')) return { kind: 'type', wants: 'boolean' };
  if (kinds.includes('null')) return { kind: 'type', wants: 'null' };
  const textual = ['regex', 'include', 'date', 'time', 'timestamp', 'datetime', 'semver'];
  if (kinds.some((kind) => textual.includes(kind))) return { kind: 'type', wants: 'string' };
  return { kind: 'type' }; // type, min/max (eachLike), values, eachKey/eachValue, arrayContains, notEmpty...
}

/** The schemas that all apply here (refs followed, allOf spread), and the anyOf/oneOf groups still to choose from. */
function expand(context: Context, entries: Located[]): { flat: Located[]; groups: Located[][] } {
  const flat: Located[] = [];
  const groups: Located[][] = [];
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const entry = pending.shift()!;
    if (seen.has(entry.pointer) && flat.length + groups.length > 64) continue; // a pathological allOf cycle
    seen.add(entry.pointer);
    let node = entry;
    if (typeof entry.value.$ref === 'string') {
      const target = follow(context.document, entry.value, entry.pointer);
      if (target) pending.push(target);
      const { $ref: _ref, ...siblings } = entry.value;
      if (Object.keys(siblings).length === 0) continue;
      node = { value: siblings, pointer: entry.pointer };
    }
    const members = (keyword: string) =>
      (Array.isArray(node.value[keyword]) ? (node.value[keyword] as unknown[]) : [])
        .map((member, index) =>
          isObject(member) ? { value: member, pointer: `${node.pointer}/${keyword}/${index}` } : undefined,
        )
        .filter((member): member is Located => member !== undefined);
    pending.push(...members('allOf'));
    for (const keyword of ['anyOf', 'oneOf']) if (Array.isArray(node.value[keyword])) groups.push(members(keyword));
    flat.push(node);
  }
  return { flat, groups };
}

function allowedTypes(flat: Located[]): Set<JsonType> | undefined {
  let allowed: Set<JsonType> | undefined;
  for (const node of flat) {
    const type = node.value.type;
    if (type === undefined) continue;
    const types = new Set((Array.isArray(type) ? type : [type]) as JsonType[]);
    allowed = allowed
      ? new Set([...allowed].filter((t) => types.has(t) || (t === 'integer' && types.has('number'))))
      : types;
  }
  return allowed;
}

const isFree = (flat: Located[]) => flat.every((node) => Object.keys(node.value).every((key) => ANNOTATIONS.has(key)));

const describeTypes = (types: Iterable<string>) => [...types].join(' or ');

export function fitBody(
  document: UnknownObject,
  schemas: SchemaChecker,
  rules: Rules,
  value: unknown,
  schemaPointer: string,
): FitResult {
  const result: FitResult = { mismatches: [], warnings: [] };
  const root = follow(document, { $ref: schemaPointer }, schemaPointer);
  if (!root) return result;
  fit(
    { document, schemas, rules },
    value,
    [],
    [{ value: { $ref: schemaPointer }, pointer: schemaPointer }],
    { kind: 'exact' },
    result,
  );
  return result;
}

function fit(
  context: Context,
  value: unknown,
  place: Segment[],
  entries: Located[],
  inherited: Need,
  out: FitResult,
): void {
  const own = ruleAt(context.rules, place);
  const need = own ? needOf(own) : inherited;
  const { flat, groups } = expand(context, entries);
  fitExpanded(context, value, place, entries, flat, groups, need, out);
}

function fitExpanded(
  context: Context,
  value: unknown,
  place: Segment[],
  entries: Located[],
  flat: Located[],
  groups: Located[][],
  need: Need,
  out: FitResult,
): void {
  const path = showPath(place);
  if (groups.length > 0) {
    // One alternative of the first group must fit (with everything else that applies); the others are tried in turn.
    const [group, ...rest] = groups;
    let best: FitResult | undefined;
    for (const alternative of group!) {
      const tried: FitResult = { mismatches: [], warnings: [] };
      const more = expand(context, [alternative]);
      fitExpanded(context, value, place, entries, [...flat, ...more.flat], [...rest, ...more.groups], need, tried);
      if (!best || tried.mismatches.length < best.mismatches.length) best = tried;
      if (tried.mismatches.length === 0) break;
    }
    if (best) {
      out.mismatches.push(...best.mismatches);
      out.warnings.push(...best.warnings);
    }
    return;
  }
  if (flat.some((node) => node.value.not !== undefined && Object.keys(node.value.not as object).length === 0)) {
    out.mismatches.push({ path, problem: 'the document allows no value here' });
    return;
  }
  if (isFree(flat)) return; // the document declares "any value" here: all of it is promised

  const actual = jsonType(value);
  const needed = need.kind === 'type' && need.wants ? need.wants : actual;
  const allowed = allowedTypes(flat);
  if (allowed) {
    // Integers are numbers: a pact that accepts any number is satisfied by a document that promises integers.
    const fits =
      allowed.has(needed) ||
      (needed === 'integer' && allowed.has('number')) ||
      (needed === 'number' && allowed.has('integer'));
    if (!fits) {
      out.mismatches.push({
        path,
        problem:
          `the document declares ${describeTypes(allowed)}, the pact needs ${needed}` +
          `${need.kind === 'type' ? '' : ` (${JSON.stringify(value)})`}`,
      });
      return;
    }
    if (needed === 'integer' && !allowed.has('integer'))
      out.warnings.push({
        path,
        problem: 'the document declares number: it may send a fraction where the pact needs an integer',
      });
    const others = [...allowed].filter((type) => type !== needed && !(needed === 'number' && type === 'integer'));
    if (others.length > 0)
      out.warnings.push({ path, problem: `the document also allows ${describeTypes(others)} here` });
  }

  if (actual === 'object') return fitObject(context, value as UnknownObject, place, flat, need, out);
  if (actual === 'array') return fitArray(context, value as unknown[], place, flat, need, out);
  if (need.kind === 'exact') {
    for (const entry of entries)
      for (const problem of context.schemas.problems(entry.pointer, value))
        out.mismatches.push({
          path,
          problem: `the pact needs ${JSON.stringify(value)}, but the document's schema says it ${problem}`,
        });
  }
}

function fitObject(
  context: Context,
  value: UnknownObject,
  place: Segment[],
  flat: Located[],
  need: Need,
  out: FitResult,
): void {
  for (const [key, item] of Object.entries(value)) {
    const declared: Located[] = [];
    let free = false;
    let byAdditional = false;
    for (const node of flat) {
      const properties = node.value.properties;
      if (isObject(properties) && Object.hasOwn(properties, key)) {
        const schema = properties[key];
        if (schema === true) free = true;
        else if (isObject(schema))
          declared.push({ value: schema, pointer: `${node.pointer}/properties/${pointerSegment(key)}` });
        continue;
      }
      const patterns = isObject(node.value.patternProperties) ? node.value.patternProperties : {};
      let matched = false;
      for (const [pattern, schema] of Object.entries(patterns)) {
        let regex: RegExp;
        try {
          regex = new RegExp(pattern, 'u');
        } catch {
          continue;
        }
        if (!regex.test(key)) continue;
        matched = true;
        if (schema === true) free = true;
        else if (isObject(schema))
          declared.push({ value: schema, pointer: `${node.pointer}/patternProperties/${pointerSegment(pattern)}` });
      }
      if (matched) continue;
      const additional = node.value.additionalProperties;
      if (additional === true) free = byAdditional = true;
      else if (isObject(additional)) {
        byAdditional = true;
        declared.push({ value: additional, pointer: `${node.pointer}/additionalProperties` });
      }
    }
    const at = [...place, key];
    if (declared.length === 0 && !free) {
      out.mismatches.push({
        path: showPath(at),
        problem: 'the document does not declare this field, which the pact needs',
      });
      continue;
    }
    const required = flat.some((node) => Array.isArray(node.value.required) && node.value.required.includes(key));
    if (!required && !byAdditional)
      out.warnings.push({ path: showPath(at), problem: 'optional in the document: the provider may leave it out' });
    if (declared.length > 0) fit(context, item, at, declared, need, out);
  }
}

function fitArray(
  context: Context,
  value: unknown[],
  place: Segment[],
  flat: Located[],
  need: Need,
  out: FitResult,
): void {
  value.forEach((item, index) => {
    const declared: Located[] = [];
    for (const node of flat) {
      const prefix = Array.isArray(node.value.prefixItems) ? node.value.prefixItems : [];
      if (index < prefix.length) {
        if (isObject(prefix[index]))
          declared.push({ value: prefix[index], pointer: `${node.pointer}/prefixItems/${index}` });
      } else if (isObject(node.value.items))
        declared.push({ value: node.value.items, pointer: `${node.pointer}/items` });
      else if (node.value.items === false)
        out.mismatches.push({ path: showPath([...place, index]), problem: 'the document allows no items here' });
    }
    if (declared.length > 0) fit(context, item, [...place, index], declared, need, out);
  });
}
