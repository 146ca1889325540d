// The backend's answers as the router reads them: one zod schema per response body. They are the single
// source of the client's response types (types.ts infers them), the client parses every answer with
// them at runtime (backend-client.ts), and the contract's coverage guard compares them with the pact
// (consumer/contract/coverage-guard.ts), so a field cannot be read without the pact constraining it.
//
// Schemas describe what the client needs, not everything the backend sends: unknown keys are dropped.
import { z } from 'zod';

/**
 * A string the client's callers compare with known values (an error's `code`): the coverage guard asks
 * the pact to pin it exactly, not only its type. Enums, literals and booleans are treated so anyway.
 */
export function compared<T extends z.ZodType>(schema: T): T {
  return schema.meta({ contract: 'exact' });
}

/** ISO 8601 in UTC (`2026-01-01T12:00:00.000Z`), any fraction of a second. */
const timestamp = z.iso.datetime();
const id = z.string().min(1);
const count = z.number().int().min(0);
/** A free-form JSON object the backend stores and answers back as it was given (party, map, player data). */
const jsonObject = z.record(z.string(), z.json());

export const backendHealthSchema = z.object({
  status: z.enum(['healthy', 'degraded']),
  service: z.string().optional(),
  version: z.string().optional(),
  uptime_seconds: z.number().optional(),
  checks: z
    .object({
      database: z.object({ connected: z.boolean(), latency_ms: z.number(), error: z.string().optional() }).optional(),
    })
    .optional(),
});

/** GET /api/ answers this document as it is, without the envelope (older callers read it so). */
export const apiStatusSchema = z.object({
  flavor: z.literal('default'),
  status: z.literal('ok'),
  database_connected: z.boolean(),
});

export const sessionSchema = z.object({ session_id: id, created_at: timestamp });

export const sessionWithRunsSchema = sessionSchema.extend({
  /** Oldest first. */
  run_ids: z.array(id),
});

export const runSchema = z.object({
  run_id: id,
  session_id: id,
  party: jsonObject,
  map: jsonObject,
  created_at: timestamp,
});

/** One page of GET /api/game/runs, newest first. */
export const runListSchema = z.object({ runs: z.array(runSchema) });

export const paginationSchema = z.object({
  current_page: count,
  page_size: count,
  total_items: count,
  total_pages: count,
});

export const ownedPlayerSchema = z.object({
  player_id: id,
  player_data: jsonObject,
  owned_at: timestamp,
  updated_at: timestamp,
});

export const ownedPlayerListSchema = z.object({
  /** Oldest first. */
  players: z.array(id),
  count,
});

export const rollTypeSchema = z.enum(['standard', 'premium']);

export const gachaItemSchema = z.object({ item_id: id, name: z.string(), type: z.string(), rarity: count });

export const gachaRollSchema = z.object({
  roll_id: id,
  player_id: id,
  type: rollTypeSchema,
  items: z.array(gachaItemSchema),
  created_at: timestamp,
});

export const gachaItemListSchema = z.object({ items: z.array(gachaItemSchema), count });

export const upgradesSchema = z.object({ player_id: id, points: count, hp: count, atk: count, def: count, spd: count });

/** The success envelope around `data`, with any top-level extras (the runs list's `pagination`). */
export function successEnvelope<Data extends z.ZodType, Extras extends z.ZodRawShape = Record<never, never>>(
  data: Data,
  extras?: Extras,
) {
  return z.object({ status: z.literal('success'), data, ...(extras ?? ({} as Extras)) });
}

export const errorEnvelopeSchema = z.object({
  status: z.literal('error'),
  message: z.string(),
  code: compared(z.string()),
  /** The request's id: the caller's X-Request-Id when it sent one. */
  request_id: z.string().optional(),
  /** Passed on to callers as it is (validation issues, say); the client does not read into it. */
  details: z.unknown().optional(),
});
