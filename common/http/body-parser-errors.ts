// What each failure of express.json / express.urlencoded (body-parser) means to a client, for the backend
// and the broker alike: body-parser marks its errors with a `type`. Each service's error middleware puts
// the status and message into its own format (the backend's envelope carries the code too).

export interface BodyParserFailure {
  status: number;
  /** The backend envelope's error code. */
  code: string;
  message: string;
}

const FAILURES: Readonly<Record<string, BodyParserFailure>> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json', message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'body_too_large', message: 'The request body is too large' },
  'entity.verify.failed': { status: 400, code: 'invalid_body', message: 'The request body was rejected' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'The request was aborted' },
  'request.size.invalid': {
    status: 400,
    code: 'invalid_body',
    message: 'The request body length does not match Content-Length',
  },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'Unsupported Content-Encoding' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'Unsupported charset; send UTF-8 JSON' },
  'parameters.too.many': { status: 413, code: 'too_many_parameters', message: 'Too many parameters' },
};

/** The failure a body-parser error stands for; undefined for any other error. */
export function bodyParserFailure(error: unknown): BodyParserFailure | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && Object.hasOwn(FAILURES, type) ? FAILURES[type] : undefined;
}
