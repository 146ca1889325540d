// A backend build with a breaking change: `run_id` renamed to `runId` in every response, as a change
// to the run serializer (toRunView in provider/sessions/sessions.service.ts) would ship it. The router
// reads `run_id` (its pact says so), so this build must not be deployed next to it.
//
// It is the production app with only that rename on the way out: every route, state handler and
// database access stay real, so the one thing verification can find is the rename. It is the provider
// under verification that changes, never the pact or a result.
import type { RequestListener } from 'node:http';
import express, { type Express } from 'express';

function renamed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renamed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key === 'run_id' ? 'runId' : key, renamed(inner)]),
  );
}

export function backendRenamingRunId(app: Express): RequestListener {
  const build = express();
  build.use((_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(renamed(body));
    next();
  });
  build.use(app);
  return build;
}
