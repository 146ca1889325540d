// Where webhooks may send requests. A webhook is a request the broker makes on a stranger's behalf, so it
// must not become a way into the broker's own network (SSRF):
//   - the scheme and method must be allowed (default: https and POST);
//   - the host must be allowed: explicitly whitelisted (a name, `*.domain`, an IP or a CIDR range), or,
//     unless public hosts are switched off, a host whose every address is public.
// Checked twice: when a webhook is saved (the URL as written) and when it is sent, on the addresses DNS
// actually returned, inside the connection's lookup: a name that resolves to 127.0.0.1, or starts to
// (DNS rebinding), is refused at connect time. Redirects are never followed (see executor.ts).
// Address ranges use Node's net.BlockList; the rule matching is hand-written (no library matches
// certificate-style `*.domain` names together with CIDR ranges).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses that are never a public webhook target: loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

export function isInternalAddress(address: string): boolean {
  return INTERNAL.check(address, family(address));
}

/** Names that mean "this machine or its network" whatever DNS says. */
const INTERNAL_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

type HostRule =
  | { kind: 'name'; name: string }
  | { kind: 'wildcard'; suffix: string }
  | { kind: 'addresses'; list: BlockList; text: string };

/** Parses a whitelist entry; throws with a message when it is none of the accepted forms. */
export function parseHostRule(text: string): HostRule {
  const entry = text.trim().toLowerCase();
  const cidr = /^([0-9a-f:.]+)\/(\d{1,3})$/.exec(entry);
  if (cidr && isIP(cidr[1]!)) {
    const list = new BlockList();
    const prefix = Number(cidr[2]);
    const type = family(cidr[1]!);
    if (prefix > (type === 'ipv4' ? 32 : 128)) throw new Error(`"${text}" has an invalid prefix length`);
    list.addSubnet(cidr[1]!, prefix, type);
    return { kind: 'addresses', list, text: entry };
  }
  const bare = entry.replace(/^\[|\]$/g, '');
  if (isIP(bare)) {
    const list = new BlockList();
    list.addAddress(bare, family(bare));
    return { kind: 'addresses', list, text: entry };
  }
  if (/^\*\.[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(entry)) return { kind: 'wildcard', suffix: entry.slice(1) };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(entry)) return { kind: 'name', name: entry };
  throw new Error(`"${text}" is not a host name, *.domain, IP address or CIDR range`);
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];
const TEMPLATE_REFERENCE = /\$\{pactbroker\.[^}]+\}/g;

export interface TargetPolicyOptions {
  schemes: string[];
  methods: string[];
  hosts: string[];
  allowPublicHosts: boolean;
  /** Let webhooks reach internal addresses too, as the Pact Broker does (BROKER_WEBHOOK_ALLOW_PRIVATE_ADDRESSES). */
  allowPrivateAddresses?: boolean;
}

export class TargetPolicy {
  private readonly rules: HostRule[];

  constructor(readonly options: TargetPolicyOptions) {
    this.rules = options.hosts.map(parseHostRule);
  }

  /** A whitelisted name (`*.domain` matches one label, as in certificates). */
  private nameAllowed(hostname: string): boolean {
    return this.rules.some(
      (rule) =>
        (rule.kind === 'name' && rule.name === hostname) ||
        (rule.kind === 'wildcard' &&
          hostname.endsWith(rule.suffix) &&
          !hostname.slice(0, -rule.suffix.length).includes('.')),
    );
  }

  private addressWhitelisted(address: string): boolean {
    return this.rules.some((rule) => rule.kind === 'addresses' && rule.list.check(address, family(address)));
  }

  /** Whether a resolved address may be connected to for this host. */
  addressAllowed(hostname: string, address: string): boolean {
    if (this.nameAllowed(hostname) || this.addressWhitelisted(address)) return true;
    return (
      this.options.allowPublicHosts && (this.options.allowPrivateAddresses === true || !isInternalAddress(address))
    );
  }

  /** Problems with a webhook's method and URL as written, by field (empty: allowed so far; DNS is checked on sending). */
  check(method: string, urlText: string): Record<string, string[]> {
    const errors: Record<string, string[]> = {};
    if (!HTTP_METHODS.includes(method.toUpperCase())) errors['request.method'] = ['is not a known HTTP method'];
    else if (!this.options.methods.includes(method.toUpperCase()))
      errors['request.method'] = [
        `must be ${this.options.methods.length === 1 ? this.options.methods[0] : `one of ${this.options.methods.join(', ')}`} ` +
          '(BROKER_WEBHOOK_METHOD_WHITELIST; see /doc/webhooks#whitelist)',
      ];
    // Template variables may fill the path and query, never the host (a publisher would choose the target).
    const withPlaceholder = (placeholder: string) => urlText.replace(TEMPLATE_REFERENCE, placeholder);
    let url: URL;
    try {
      url = new URL(withPlaceholder('placeholder'));
      if (url.hostname === '' || /\s/.test(urlText)) throw new Error('no host');
    } catch {
      return { ...errors, 'request.url': ['is not a valid URL (for example https://ci.example.org/build)'] };
    }
    let other: URL | undefined;
    try {
      other = new URL(withPlaceholder('other-placeholder'));
    } catch {
      other = undefined;
    }
    if (other?.host !== url.host) return { ...errors, 'request.url': ['cannot have a template variable in its host'] };
    const scheme = url.protocol.replace(/:$/, '');
    if (!this.options.schemes.includes(scheme)) {
      errors['request.url'] = [
        `scheme must be ${this.options.schemes.join(', ')} (BROKER_WEBHOOK_SCHEME_WHITELIST; see /doc/webhooks#whitelist)`,
      ];
      return errors;
    }
    const problem = this.hostProblem(hostnameOf(url));
    if (problem) errors['request.url'] = [problem];
    return errors;
  }

  private hostProblem(hostname: string): string | undefined {
    if (hostname === '') return 'the URL has no host';
    if (this.nameAllowed(hostname)) return undefined;
    const refused = `host ${hostname} is not allowed: add it to BROKER_WEBHOOK_HOST_WHITELIST to let webhooks reach it`;
    if (isIP(hostname)) return this.addressAllowed(hostname, hostname) ? undefined : refused;
    // Other names are checked on the addresses they resolve to, when sending (a bare `https://webhook`
    // is accepted here, as the Pact Broker accepts it: if it resolves to an internal address, sending is refused).
    if (!this.options.allowPublicHosts || (INTERNAL_NAME.test(hostname) && !this.options.allowPrivateAddresses))
      return refused;
    return undefined;
  }

  /** The host's addresses, for the HTTP client's lookup: a refusal when any of them may not be reached. */
  async resolveAllowed(hostname: string): Promise<{ address: string; family: 4 | 6 }[]> {
    const name = hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '');
    const addresses = await lookup(name, { all: true, verbatim: true });
    const refused = addresses.find((entry) => !this.addressAllowed(name, entry.address));
    if (refused || addresses.length === 0) {
      const reason =
        `refused: ${name} resolves to ${refused?.address ?? 'no address'}, ` +
        'which webhooks may not reach (see BROKER_WEBHOOK_HOST_WHITELIST)';
      throw Object.assign(new Error(reason), { code: 'EWEBHOOKTARGET' });
    }
    return addresses.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
  }
}

/** The URL's host without IPv6 brackets or a trailing dot, lower case. */
export function hostnameOf(url: URL): string {
  return url.hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}
