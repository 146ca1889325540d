// The router's configuration, read from the environment in one place and validated once.
import { z } from 'zod';
import { parseEnv } from '../common/config/parse-env.ts';
import { trustedProxiesProblem } from './proxy/forwarded-headers.ts';

const routerConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(59000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BACKEND_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:59002' })
    .default('http://localhost:59002'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BACKEND_TIMEOUT_MS: z.coerce.number().int().positive().max(300_000).default(10_000),
  HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(2_000),
  /** Comma-separated addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`; none by default. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .superRefine((list, ctx) => {
      const problem = trustedProxiesProblem(list);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem} (expected addresses or CIDR ranges)` });
    }),
});

/** How long the router waits for the backend before answering the client itself. */
export interface RouterTimeouts {
  /** A proxied request with no answer (or a stalled socket) for this long is a 504. */
  proxyMs: number;
  /** A health probe of the backend gives up after this long and reports it unhealthy. */
  healthMs: number;
}

export interface RouterConfig {
  port: number;
  host: string;
  backendUrl: string;
  logLevel: z.infer<typeof routerConfigSchema>['LOG_LEVEL'];
  timeouts: RouterTimeouts;
  /** Proxies in front of the router whose X-Forwarded-* headers are believed. */
  trustedProxies: string[];
}

export function loadRouterConfig(env: NodeJS.ProcessEnv = process.env): RouterConfig {
  const { PORT, HOST, BACKEND_URL, LOG_LEVEL, BACKEND_TIMEOUT_MS, HEALTH_TIMEOUT_MS, TRUSTED_PROXIES } = parseEnv(
    routerConfigSchema,
    env,
    'router',
  );
  return {
    port: PORT,
    host: HOST,
    backendUrl: BACKEND_URL.replace(/\/+$/, ''),
    logLevel: LOG_LEVEL,
    timeouts: { proxyMs: BACKEND_TIMEOUT_MS, healthMs: HEALTH_TIMEOUT_MS },
    trustedProxies: TRUSTED_PROXIES,
  };
}
