// SVG badges drawn by the broker itself with badge-maker (shields.io's renderer; no external service).
import { makeBadge } from 'badge-maker';
import type { DeployBadgeStatus, VerificationBadgeStatus } from '../badges/badges.service.ts';

const COLOURS: Record<VerificationBadgeStatus | DeployBadgeStatus, string> = {
  verified: 'brightgreen',
  yes: 'brightgreen',
  failed: 'red',
  no: 'red',
  unknown: 'lightgrey',
};

export const badgeSvg = (label: string, status: VerificationBadgeStatus | DeployBadgeStatus): string =>
  makeBadge({ label, message: status, color: COLOURS[status], style: 'flat' });
