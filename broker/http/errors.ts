// Errors about the HTTP exchange itself (credentials, media types), not about the domain: thrown by the
// http/ middleware and the resources, turned into statuses by error-handler.ts together with the domain
// errors (../domain-errors.ts).
import { BrokerError } from '../domain-errors.ts';

/** No or wrong credentials: 401. */
export class UnauthorizedError extends BrokerError {}

/** Credentials that may not do this (read-only credentials writing): 403. */
export class ForbiddenError extends BrokerError {}

/** A body in a media type the resource does not take: 415. */
export class UnsupportedMediaTypeError extends BrokerError {}
