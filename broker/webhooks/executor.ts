// Sends one webhook request (rendered from its definition and the event's values) and writes the log a
// person reads to see what happened. Everything it returns is already redacted (see redact.ts): the
// log is stored and shown to read-only users as it is. The target is checked against the policy before
// sending and again on the addresses DNS returns; redirects are not followed (a 3xx is a failure),
// proxies from the environment are not used, and the whole request (connect, send, response) ends at
// the timeout. The target's response is shown only when the operator whitelisted webhook hosts, as in
// the Pact Broker (a response from an arbitrary host could reveal what the broker can reach).
import axios, { type AxiosResponse } from 'axios';
import { redactBody, redactHeaders, redactUrl, REDACTED, scrub, secretsOf } from './redact.ts';
import type { TargetPolicy } from './target-policy.ts';
import { renderRequest, type RenderedRequest, type TemplateParameters } from './template.ts';
import type { StoredWebhookRequest } from './webhook-request.ts';

const MAX_LOGGED_BODY = 4_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

export const RESPONSE_HIDDEN =
  'The response is not shown, for security: it is shown only when webhook hosts are whitelisted (BROKER_WEBHOOK_HOST_WHITELIST).';

export interface ExecutionResult {
  success: boolean;
  /** The response's status; null when there was none. */
  status: number | null;
  /** What was sent, credentials redacted. */
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  /** What came back, credentials redacted; absent when there was none or responses are not shown. */
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: string;
  /** Whether `error` is the broker's own (a refused target, a timeout): shown even when responses are not. */
  errorIsOwn?: boolean;
  /** Whether the response (and the error's details) may be shown. */
  showResponse: boolean;
  logs: string;
}

export interface ExecutorOptions {
  timeoutSeconds: number;
  showResponse: boolean;
}

const truncate = (text: string) =>
  text.length > MAX_LOGGED_BODY
    ? `${text.slice(0, MAX_LOGGED_BODY)}\n... (${text.length - MAX_LOGGED_BODY} more characters not shown)`
    : text;

function shownRequest(rendered: RenderedRequest, secrets: string[]): ExecutionResult['request'] {
  const headers = redactHeaders(rendered.headers) ?? {};
  if (rendered.username) headers.Authorization = REDACTED;
  return {
    method: rendered.method,
    url: scrub(redactUrl(rendered.url), secrets),
    headers,
    ...(rendered.body !== undefined ? { body: scrub(redactBody(rendered.body), secrets) } : {}),
  };
}

function responseOf(response: AxiosResponse<string>, secrets: string[]): NonNullable<ExecutionResult['response']> {
  const headers = Object.fromEntries(
    Object.entries(response.headers).map(([name, value]) => [
      name,
      scrub(Array.isArray(value) ? value.join(', ') : String(value), secrets),
    ]),
  );
  const body = typeof response.data === 'string' ? response.data : String(response.data ?? '');
  return { status: response.status, headers: redactHeaders(headers) ?? {}, body: scrub(redactBody(body), secrets) };
}

function logLines(result: Omit<ExecutionResult, 'logs'>, heading: string, parameters: TemplateParameters): string {
  // The event's values first: what the template was filled with (none of them is a secret).
  const lines = [
    heading,
    `Event values: ${JSON.stringify(parameters)}`,
    '',
    `-> ${result.request.method} ${result.request.url}`,
  ];
  for (const [name, value] of Object.entries(result.request.headers)) lines.push(`-> ${name}: ${value}`);
  if (result.request.body !== undefined) lines.push('', truncate(result.request.body));
  lines.push('');
  if (result.response && result.showResponse) {
    lines.push(`<- HTTP ${result.response.status}`);
    for (const [name, value] of Object.entries(result.response.headers)) lines.push(`<- ${name}: ${value}`);
    if (result.response.body !== '') lines.push('', truncate(result.response.body));
    lines.push('');
  } else if (result.response || (result.error && !result.errorIsOwn)) {
    lines.push(RESPONSE_HIDDEN, '');
  }
  if (result.error && (result.showResponse || result.errorIsOwn)) lines.push(`Error: ${result.error}`);
  lines.push(
    result.success ? 'Result: succeeded' : `Result: failed${result.status !== null ? ` (HTTP ${result.status})` : ''}`,
  );
  return lines.join('\n');
}

export class WebhookExecutor {
  constructor(
    private readonly policy: TargetPolicy,
    private readonly options: ExecutorOptions,
  ) {}

  async execute(
    definition: StoredWebhookRequest,
    parameters: TemplateParameters,
    heading: string,
    abort?: AbortSignal,
  ): Promise<ExecutionResult> {
    const rendered = renderRequest(definition, parameters);
    const secrets = secretsOf(rendered);
    const request = shownRequest(rendered, secrets);
    const { showResponse } = this.options;
    const finish = (result: Omit<ExecutionResult, 'logs' | 'request' | 'showResponse'>): ExecutionResult => {
      const full = { ...result, request, showResponse };
      return { ...full, logs: scrub(logLines(full, heading, parameters), secrets) };
    };
    // Checked again here: the whitelist may have changed since the webhook was saved, and the rendered
    // URL is what is sent.
    const refused = Object.values(this.policy.check(rendered.method, rendered.url)).flat();
    if (refused.length > 0)
      return finish({ success: false, status: null, error: `refused: ${refused.join('; ')}`, errorIsOwn: true });
    try {
      const response = await axios.request<string>({
        method: rendered.method,
        url: rendered.url,
        headers: { 'User-Agent': 'autofighter-broker-webhooks', ...rendered.headers },
        data: rendered.body,
        ...(rendered.username ? { auth: { username: rendered.username, password: rendered.password ?? '' } } : {}),
        timeout: this.options.timeoutSeconds * 1000,
        // The whole exchange, not only the wait between bytes: a target that trickles its answer still ends.
        signal: abort
          ? AbortSignal.any([abort, AbortSignal.timeout(this.options.timeoutSeconds * 1000)])
          : AbortSignal.timeout(this.options.timeoutSeconds * 1000),
        maxRedirects: 0,
        proxy: false,
        // Every address DNS gives is checked at connect time (a name that resolves to 127.0.0.1 is refused).
        lookup: async (hostname: string) =>
          [await this.policy.resolveAllowed(hostname)] as [{ address: string; family: 4 | 6 }[]],
        validateStatus: () => true,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        maxContentLength: MAX_RESPONSE_BYTES,
      });
      const success = response.status >= 200 && response.status < 300;
      return finish({ success, status: response.status, response: responseOf(response, secrets) });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      const code = (error as { code?: string }).code;
      const timedOut = code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT';
      const message = timedOut ? `timed out after ${this.options.timeoutSeconds} s` : (error as Error).message;
      return finish({
        success: false,
        status: null,
        errorIsOwn: timedOut || code === 'EWEBHOOKTARGET',
        error: scrub(redactUrl(cause && !message.includes(cause) ? `${message} (${cause})` : message), secrets),
      });
    }
  }
}
