// Who may do what. Open when no credential is configured (local use). Otherwise basic auth and bearer
// tokens, each read-write or read-only, as the Pact Broker (basic auth) and PactFlow (tokens) do:
//   - no or unknown credentials: 401 (reads are allowed without them when public read is on);
//   - read-only credentials on a write: 403.
// What counts as a write is the route's declared access, not its method: the verifier's
// POST .../for-verification only reads.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { authEnabled, type AuthConfig } from '../config.ts';
import { ForbiddenError, UnauthorizedError } from './errors.ts';

/** `badge`: read, or public when public badge access is configured (app.ts decides). */
export type Access = 'public' | 'read' | 'write' | 'badge';
type Role = 'read-write' | 'read-only' | 'anonymous';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Compares secrets in constant time (hashing first makes the lengths equal). */
function same(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function roleOf(header: string | undefined, auth: AuthConfig): Role {
  if (!header) return 'anonymous';
  const [scheme, credentials = ''] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) {
      const [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
      const matches = (c: AuthConfig['readWrite']) =>
        c !== undefined && same(username, c.username) && same(password, c.password);
      if (matches(auth.readWrite)) return 'read-write';
      if (matches(auth.readOnly)) return 'read-only';
    }
  } else if (scheme?.toLowerCase() === 'bearer' && credentials !== '') {
    // Every token is compared, so the time taken does not tell which list (if any) matched.
    const readWrite = auth.readWriteTokens.map((token) => same(credentials, token)).includes(true);
    const readOnly = auth.readOnlyTokens.map((token) => same(credentials, token)).includes(true);
    if (readWrite) return 'read-write';
    if (readOnly) return 'read-only';
  }
  throw new UnauthorizedError('The credentials given are not valid');
}

export function authorize(access: Access, auth: AuthConfig): RequestHandler {
  const enabled = authEnabled(auth);
  return (req, _res, next) => {
    if (!enabled || access === 'public') return next();
    const role = roleOf(req.headers.authorization, auth);
    if (role === 'read-write') return next();
    if (access === 'read' && (role === 'read-only' || auth.allowPublicRead)) return next();
    if (role === 'anonymous')
      throw new UnauthorizedError('Authentication is required: use basic auth or a bearer token');
    throw new ForbiddenError('These credentials may only read; this request needs read-write access');
  };
}
