// Sessions and runs: the requests the routes accept and the answers they give.
import { z } from 'zod';
import { successEnvelope } from '../http/envelope-schemas.ts';
import { jsonObject } from '../http/json-value.ts';

export const sessionParams = z.object({ sessionId: z.string() });
export const runParams = z.object({ sessionId: z.string(), runId: z.string() });
export const startRunBody = z.object({ party: jsonObject(), map: jsonObject() }, { error: 'must be a JSON object' });

const timestamp = z.iso.datetime().meta({ description: 'ISO 8601, UTC' });

export const sessionSchema = z.object({ session_id: z.uuid(), created_at: timestamp }).meta({ id: 'Session' });

export const sessionWithRunsSchema = z
  .object({
    session_id: z.uuid(),
    created_at: timestamp,
    run_ids: z.array(z.uuid()).meta({ description: "The session's runs, oldest first" }),
  })
  .meta({ id: 'SessionWithRuns' });

export const runSchema = z
  .object({
    run_id: z.uuid(),
    session_id: z.uuid(),
    party: jsonObject().meta({ description: 'The party as the run was started with it' }),
    map: jsonObject().meta({ description: 'The map as the run was started with it' }),
    created_at: timestamp,
  })
  .meta({ id: 'Run' });

export type SessionView = z.infer<typeof sessionSchema>;
export type SessionWithRunsView = z.infer<typeof sessionWithRunsSchema>;
export type RunView = z.infer<typeof runSchema>;

export const sessionResponse = successEnvelope(sessionSchema);
export const sessionWithRunsResponse = successEnvelope(sessionWithRunsSchema);
export const runResponse = successEnvelope(runSchema);
