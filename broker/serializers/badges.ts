// Badges as the Pact Broker draws them: the left text names the pact ("foo/bar pact", or one side, or
// initials) and the right text says the status, with the Pact Broker's colours. Drawn by the broker with
// badge-maker (shields.io's renderer; no external service), or, with BROKER_SHIELDS_IO_BASE_URL set,
// a redirect to that service's URL for the same badge, as the Pact Broker does by default.
import { makeBadge } from 'badge-maker';
import type { PactBadgeStatus } from '../badges/badges.service.ts';

export interface Badge {
  left: string;
  right: string;
  colour: 'brightgreen' | 'red' | 'orange' | 'lightgrey';
}

const PACT_STATUS: Record<PactBadgeStatus, Pick<Badge, 'right' | 'colour'>> = {
  success: { right: 'verified', colour: 'brightgreen' },
  failed: { right: 'failed', colour: 'red' },
  failed_pending: { right: 'failed (pending)', colour: 'red' },
  stale: { right: 'changed', colour: 'orange' },
  never: { right: 'unknown', colour: 'lightgrey' },
};

/** Words of a name: split on spaces, dashes and underscores, or (a single word) on camel case. */
function words(name: string): string[] {
  const parts = name.split(/[\s_-]/);
  if (parts.length > 1) return parts;
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .split('_');
}

function shown(name: string, initials: boolean, tag: string | undefined): string {
  const suffix = tag !== undefined ? ` (${tag})` : '';
  const parts = initials ? words(name) : [];
  if (parts.length > 1)
    return (
      parts
        .map((part) => part[0] ?? '')
        .join('')
        .toLowerCase() + suffix
    );
  return name.toLowerCase() + suffix;
}

export interface PactBadgeOptions {
  /** "consumer" or "provider": name only that side. */
  label?: string | undefined;
  initials?: boolean;
  consumerTag?: string;
  providerTag?: string;
}

export function pactBadge(
  names: { consumer: string; provider: string } | undefined,
  status: PactBadgeStatus,
  options: PactBadgeOptions = {},
): Badge {
  if (!names) return { left: 'pact not found', right: 'unknown', colour: 'lightgrey' };
  const consumer = shown(names.consumer, options.initials === true, options.consumerTag);
  const provider = shown(names.provider, options.initials === true, options.providerTag);
  const side = (options.label ?? '').toLowerCase();
  const title = side === 'consumer' ? consumer : side === 'provider' ? provider : `${consumer}/${provider}`;
  return { left: `${title} pact`.toLowerCase(), ...PACT_STATUS[status] };
}

export function deployBadge(
  label: string | undefined,
  from: string,
  to: string,
  deployable: boolean | undefined,
): Badge {
  return { left: label ?? 'can-i-deploy', right: `${from} to ${to}`, colour: deployable ? 'brightgreen' : 'red' };
}

export function mergeBadge(deployable: boolean | undefined): Badge {
  if (deployable === undefined) return { left: 'can-i-merge', right: 'unknown', colour: 'lightgrey' };
  return deployable
    ? { left: 'can-i-merge', right: 'success', colour: 'brightgreen' }
    : { left: 'can-i-merge', right: 'failed', colour: 'red' };
}

export const notFoundBadge = (what: string): Badge => ({ left: what, right: 'not found', colour: 'lightgrey' });

export const badgeSvg = (badge: Badge): string =>
  makeBadge({ label: badge.left, message: badge.right, color: badge.colour, style: 'flat' });

/** shields.io's static badge URL: "-" and "_" doubled (single ones separate the parts), the rest escaped. */
export function shieldsUrl(base: string, badge: Badge): string {
  const escape = (text: string) =>
    encodeURIComponent(text.replace(/-/g, '--').replace(/_/g, '__')).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  return `${base}/badge/${escape(badge.left)}-${escape(badge.right)}-${badge.colour}.svg`;
}
