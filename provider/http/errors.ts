// Errors about serving HTTP itself, not the domain (whose errors are in ../domain-errors.ts); the
// error middleware (error-handler.ts) maps both to statuses.

/** The backend is serving as many requests as it may (MAX_CONCURRENT_REQUESTS): a 503, try again shortly. */
export class OverloadedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
