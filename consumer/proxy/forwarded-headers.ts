// X-Forwarded-For/-Host/-Proto/-Port tell the backend who asked and how, as the router saw it. A caller
// can send these headers too; they are believed only from a trusted proxy in front of the router
// (TRUSTED_PROXIES): from anyone else they would let a client claim any address, host or scheme, so the
// router replaces them with what it saw itself and drops a `Forwarded` header the same way. From a
// trusted proxy the chain is extended: its X-Forwarded-For gets the proxy's address appended, and the
// host, scheme and port it reports are kept (filled in from the router's view where it sent none).
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import proxyaddr from 'proxy-addr';

/** Sets the forwarding headers of `req` (in place) for the hop to the backend. */
export type ForwardingHeaders = (req: IncomingMessage) => void;

/**
 * `trustedProxies`: addresses or CIDR ranges (IPv4/IPv6), or proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`. Throws a TypeError on an entry it cannot read.
 */
export function forwardingHeaders(trustedProxies: readonly string[]): ForwardingHeaders {
  // proxy-addr (Express's own) parses the list once; it also matches IPv4-mapped IPv6 peers.
  const trusted = trustedProxies.length === 0 ? () => false : proxyaddr.compile([...trustedProxies]);
  return (req) => {
    const headers = req.headers;
    const peer = req.socket.remoteAddress ?? '';
    const host = headers.host ?? '';
    const proto = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
    const port = portOf(host, proto);
    if (peer !== '' && trusted(peer, 0)) {
      const chain = headers['x-forwarded-for'];
      headers['x-forwarded-for'] = chain ? `${chain}, ${peer}` : peer;
      headers['x-forwarded-host'] ??= host;
      headers['x-forwarded-proto'] ??= proto;
      headers['x-forwarded-port'] ??= port;
      return;
    }
    headers['x-forwarded-for'] = peer;
    headers['x-forwarded-host'] = host;
    headers['x-forwarded-proto'] = proto;
    headers['x-forwarded-port'] = port;
    if (headers.forwarded !== undefined) delete headers.forwarded;
  };
}

/** Checks a list of trusted proxies, for configuration: the problem, or undefined when it is usable. */
export function trustedProxiesProblem(trustedProxies: readonly string[]): string | undefined {
  try {
    proxyaddr.compile([...trustedProxies]);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function portOf(host: string, proto: string): string {
  const match = /:(\d+)$/.exec(host);
  return match ? match[1]! : proto === 'https' ? '443' : '80';
}
