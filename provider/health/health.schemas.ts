// The service endpoints' answers: what the service is, its health, and the /api/ compatibility answer.
import { z } from 'zod';
import { successEnvelope } from '../http/envelope-schemas.ts';

export const serviceInfoResponse = successEnvelope(
  z.object({
    service: z.string(),
    version: z.string(),
    api: z.string().meta({ description: "The API's path" }),
    health: z.string().meta({ description: "The health check's path" }),
  }),
);

export const databaseProbeSchema = z.object({
  connected: z.boolean(),
  latency_ms: z.number().min(0),
  error: z.string().optional().meta({ description: 'Why the database did not answer (connection details removed)' }),
});

export type DatabaseProbe = z.infer<typeof databaseProbeSchema>;

export const healthResponse = successEnvelope(
  z.object({
    status: z.enum(['healthy', 'degraded']).meta({ description: 'degraded: the database does not answer' }),
    service: z.string(),
    version: z.string(),
    uptime_seconds: z.int().min(0),
    checks: z.object({ database: databaseProbeSchema }),
  }),
);

/** Not in the envelope: older callers of the router read these fields at the top level. */
export const apiRootResponse = z.object({
  flavor: z.literal('default'),
  status: z.literal('ok'),
  database_connected: z.boolean(),
});
