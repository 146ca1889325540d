// Free-form JSON objects the API stores as JSONB (party, map, player_data). JSON.parse accepts values
// PostgreSQL cannot store or that would not come back the same, so they are refused up front:
// NUL characters and unpaired surrogates in strings or keys, non-finite numbers, absurd nesting.
import { z } from 'zod';

import type { JsonObject } from '../../common/json.ts';
export type { JsonObject, JsonValue } from '../../common/json.ts';

const MAX_DEPTH = 32;

function problemIn(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `nests deeper than ${MAX_DEPTH} levels`;
  if (typeof value === 'string') return stringProblem(value);
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'contains a number that is not finite';
  if (value === null || typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = problemIn(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = stringProblem(key) ?? problemIn(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  return 'contains a value that is not JSON';
}

function stringProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON object, passed through untouched (not rebuilt, so keys such as "__proto__" survive and
 * the stored value round-trips exactly).
 */
export function jsonObject() {
  return (
    z
      .custom<JsonObject>(isPlainObject, { message: 'must be a JSON object' })
      // z.custom has no JSON Schema of its own: the OpenAPI document says what it accepts, a free-form
      // object (additionalProperties given explicitly: any key is promised to come back as sent).
      .meta({ override: { type: 'object', additionalProperties: {} } })
      .superRefine((value, ctx) => {
        const problem = problemIn(value, 0);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
  );
}
