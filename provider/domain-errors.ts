// The backend's domain errors, beside the domain that throws them: services throw these, and the one
// error middleware (http/error-handler.ts) alone decides their HTTP status.

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
