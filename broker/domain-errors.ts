// The broker's domain errors, beside the domain that throws them: services and repositories throw these,
// and the one error middleware (http/error-handler.ts) alone turns them into the Pact Broker's error
// bodies and statuses.

export type ValidationErrors = Record<string, string[]> | string[];

export class BrokerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

const described = (errors: Record<string, string[]>) =>
  Object.entries(errors)
    .map(([key, messages]) => `${key}: ${messages.join(', ')}`)
    .join('; ');

/** The request is malformed or breaks a rule: 400 with `{ errors }` (a map of field -> messages, or a list). */
export class ValidationError extends BrokerError {
  constructor(readonly errors: ValidationErrors) {
    super(Array.isArray(errors) ? errors.join('; ') : described(errors));
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError({ [field]: [message] });
  }
}

/** Something the request named does not exist: 404 with `{ error }`. */
export class NotFoundError extends BrokerError {}

/** The request conflicts with what is stored: 409, with extra body fields (notices, errors) when given. */
export class ConflictError extends BrokerError {
  constructor(
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * The request is well formed but cannot be acted on: 422. With a message (a new line or tab in a path
 * segment) the body is `{ error }`; with errors by field (marking an undeployed version as deployed again)
 * it is `{ errors }`, as the Pact Broker answers each.
 */
export class UnprocessableError extends BrokerError {
  readonly errors?: Record<string, string[]>;
  constructor(problem: string | Record<string, string[]>) {
    super(typeof problem === 'string' ? problem : described(problem));
    if (typeof problem !== 'string') this.errors = problem;
  }
}
