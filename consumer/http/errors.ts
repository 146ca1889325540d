// The router's own errors; error-handler.ts alone decides the HTTP status. (Failures to reach the
// backend are the BackendClient's BackendUnavailableError, raised by the proxy as well.)

export class RouterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** No route of the router (nor the /api proxy) answers this path. */
export class NotFoundError extends RouterError {}
