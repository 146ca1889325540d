// Free-form JSON objects the API stores as JSONB (party, map, player_data), checked by the JSONB check
// the broker uses too (common/storable-json.ts).
import { z } from 'zod';

import type { JsonObject } from '../../common/json.ts';
import { jsonProblem } from '../../common/storable-json.ts';
export type { JsonObject, JsonValue } from '../../common/json.ts';

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
        const problem = jsonProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
  );
}
