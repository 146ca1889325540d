// The JSON envelope (common/http/envelope.ts) as zod schemas: they type the handlers' answers and are
// what the OpenAPI document (provider/openapi/) says the backend answers.
import { z } from 'zod';

export const errorEnvelopeSchema = z
  .object({
    status: z.literal('error'),
    message: z.string().meta({ description: 'What went wrong, in words a client can act on' }),
    code: z.string().meta({ description: 'A stable code: not_found, invalid_input, conflict, malformed_json, ...' }),
    request_id: z.string().optional().meta({ description: "The request's id (also in the X-Request-Id header)" }),
    details: z.unknown().optional().meta({ description: 'More about the error, e.g. the invalid fields' }),
  })
  .meta({ id: 'ErrorEnvelope', description: 'Every error the backend answers' });

/** `{ status: "success", data }`. */
export function successEnvelope<Data extends z.ZodType>(data: Data) {
  return z.object({ status: z.literal('success'), data });
}
