// Typed errors of the BackendClient. The backend's error envelope ({status:"error", message, code,
// request_id}) becomes a BackendResponseError (a subclass per status the callers act on); no answer
// at all becomes a BackendUnavailableError; an answer that is not the envelope a BackendProtocolError.
import type { ErrorEnvelope } from '../../common/http/envelope.ts';

export class BackendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The backend answered with its error envelope. */
export class BackendResponseError extends BackendError {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(status: number, envelope: ErrorEnvelope) {
    super(envelope.message);
    this.status = status;
    this.code = envelope.code;
    this.requestId = envelope.request_id;
    this.details = envelope.details;
  }
}

/** 404: the session, run or route does not exist. */
export class BackendNotFoundError extends BackendResponseError {}

/** 400, 413, 415: the request was refused as malformed or invalid; sending it again will not help. */
export class BackendInvalidInputError extends BackendResponseError {}

/** 409: well-formed but at odds with the current state (say, spending points one lacks). */
export class BackendConflictError extends BackendResponseError {}

export type UnavailableReason = 'timeout' | 'unreachable';

/** No answer: the backend is down, refused the connection, or did not answer in time. */
export class BackendUnavailableError extends BackendError {
  constructor(
    readonly reason: UnavailableReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`The backend is unavailable: ${detail}`, options);
  }
}

/** The backend answered, but not in the JSON envelope (a stray proxy page, say). */
export class BackendProtocolError extends BackendError {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`Unexpected answer from the backend (HTTP ${status}): ${detail}`);
  }
}

export function responseError(status: number, envelope: ErrorEnvelope): BackendResponseError {
  if (status === 404) return new BackendNotFoundError(status, envelope);
  if (status === 409) return new BackendConflictError(status, envelope);
  if (status === 400 || status === 413 || status === 415) return new BackendInvalidInputError(status, envelope);
  return new BackendResponseError(status, envelope);
}

const connectionFailures: Record<string, string> = {
  ECONNREFUSED: 'it refused the connection',
  ECONNRESET: 'it closed the connection without answering',
  EPIPE: 'it closed the connection while the request was being sent',
  ENOTFOUND: 'its host name does not resolve',
  EAI_AGAIN: 'its host name could not be resolved',
  EHOSTUNREACH: 'its host cannot be reached',
  ENETUNREACH: 'its network cannot be reached',
  ETIMEDOUT: 'the connection timed out',
};

/** A failed connection's error code in words, e.g. "it refused the connection (ECONNREFUSED)". */
export function describeConnectionFailure(error: { code?: string | undefined; message?: string }): string {
  const code = error.code;
  if (code && code in connectionFailures) return `${connectionFailures[code]} (${code})`;
  if (code?.startsWith('HPE_')) return `it sent a malformed HTTP answer (${code})`;
  return code ?? error.message ?? 'the connection failed';
}
