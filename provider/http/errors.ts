// The backend's domain errors. Services throw them; error-handler.ts alone decides the HTTP status.

export class DomainError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Something the request named does not exist. */
export class NotFoundError extends DomainError {}

/** The request is malformed or breaks a rule of the API. */
export class InvalidInputError extends DomainError {}

/** The request is well-formed but conflicts with the current state (say, spending points one lacks). */
export class ConflictError extends DomainError {}

/** The backend is serving as many requests as it may (MAX_CONCURRENT_REQUESTS): a 503, try again shortly. */
export class OverloadedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
