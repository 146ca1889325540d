// The base URL that URLs handed to webhooks are built from (the pact URL a CI build will fetch and
// publish results to). Unlike the links in API responses, it must never come from a Host header the
// caller chose: a publisher sending `Host: attacker.example` would otherwise make every webhook point
// CI at the attacker. So: the configured BROKER_BASE_URL; else the request's Host when it is one of
// BROKER_TRUSTED_HOSTS; else the address the broker is listening on, as the request reached it (the
// broker warns at start when neither setting is made).
import type { Request } from 'express';
import type { BrokerConfig } from '../config.ts';

function listeningAddress(req: Request): string {
  const socket = req.socket as Request['socket'] & { encrypted?: boolean };
  const scheme = socket.encrypted ? 'https' : 'http';
  const address = (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `${scheme}://${host}:${socket.localPort ?? 80}`;
}

export function webhookBaseUrl(req: Request, config: Pick<BrokerConfig, 'baseUrl' | 'trustedHosts'>): string {
  if (config.baseUrl) return config.baseUrl;
  const host = req.headers.host?.toLowerCase();
  if (host && config.trustedHosts.includes(host) && /^[a-z0-9.:[\]-]+$/.test(host)) return `${req.protocol}://${host}`;
  return listeningAddress(req);
}

/** Said once at start when webhooks would fall back to the listening address. */
export function webhookBaseUrlWarning(config: Pick<BrokerConfig, 'baseUrl' | 'trustedHosts'>): string | undefined {
  if (config.baseUrl || config.trustedHosts.length > 0) return undefined;
  return (
    'BROKER_BASE_URL is not set: URLs sent to webhooks (the pact URL, verification result URL) will use the address ' +
    'the broker listens on, which CI may not reach. Set BROKER_BASE_URL (or BROKER_TRUSTED_HOSTS) to the URL clients use.'
  );
}
