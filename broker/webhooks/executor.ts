// Sends one webhook request (rendered from its definition and the event's values) and writes the log a
// person reads to see what happened, with credentials redacted. The target is checked against the
// policy before sending and again on the addresses DNS returns; redirects are not followed (a 3xx is a
// failure), proxies from the environment are not used, and a slow target times out.
import axios, { type AxiosResponse } from 'axios';
import { redactHeaders, redactUrl, REDACTED } from './redact.ts';
import type { TargetPolicy } from './target-policy.ts';
import { renderRequest, type RenderedRequest, type TemplateParameters } from './template.ts';
import type { StoredWebhookRequest } from './webhook-request.ts';

const MAX_LOGGED_BODY = 4_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface ExecutionResult {
  success: boolean;
  /** The response's status; null when there was none. */
  status: number | null;
  /** What was sent, credentials redacted. */
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  error?: string;
  logs: string;
}

const truncate = (text: string) =>
  text.length > MAX_LOGGED_BODY
    ? `${text.slice(0, MAX_LOGGED_BODY)}\n... (${text.length - MAX_LOGGED_BODY} more characters not shown)`
    : text;

function shownRequest(rendered: RenderedRequest): ExecutionResult['request'] {
  const headers = redactHeaders(rendered.headers) ?? {};
  if (rendered.username) headers.Authorization = REDACTED;
  return {
    method: rendered.method,
    url: redactUrl(rendered.url),
    headers,
    ...(rendered.body !== undefined ? { body: rendered.body } : {}),
  };
}

function responseOf(response: AxiosResponse<string>): NonNullable<ExecutionResult['response']> {
  const headers = Object.fromEntries(
    Object.entries(response.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : String(value),
    ]),
  );
  return {
    status: response.status,
    headers: redactHeaders(headers) ?? {},
    body: typeof response.data === 'string' ? response.data : String(response.data ?? ''),
  };
}

function logLines(result: Omit<ExecutionResult, 'logs'>, heading: string): string {
  const lines = [heading, '', `-> ${result.request.method} ${result.request.url}`];
  for (const [name, value] of Object.entries(result.request.headers)) lines.push(`-> ${name}: ${value}`);
  if (result.request.body !== undefined) lines.push('', truncate(result.request.body));
  lines.push('');
  if (result.response) {
    lines.push(`<- HTTP ${result.response.status}`);
    for (const [name, value] of Object.entries(result.response.headers)) lines.push(`<- ${name}: ${value}`);
    if (result.response.body !== '') lines.push('', truncate(result.response.body));
    lines.push('');
  }
  if (result.error) lines.push(`Error: ${result.error}`);
  lines.push(
    result.success ? 'Result: succeeded' : `Result: failed${result.status !== null ? ` (HTTP ${result.status})` : ''}`,
  );
  return lines.join('\n');
}

export class WebhookExecutor {
  constructor(
    private readonly policy: TargetPolicy,
    private readonly timeoutSeconds: number,
  ) {}

  async execute(
    definition: StoredWebhookRequest,
    parameters: TemplateParameters,
    heading: string,
  ): Promise<ExecutionResult> {
    const rendered = renderRequest(definition, parameters);
    const request = shownRequest(rendered);
    const finish = (result: Omit<ExecutionResult, 'logs' | 'request'>): ExecutionResult => {
      const full = { ...result, request };
      return { ...full, logs: logLines(full, heading) };
    };
    // Checked again here: the whitelist may have changed since the webhook was saved, and the rendered
    // URL is what is sent.
    const refused = Object.values(this.policy.check(rendered.method, rendered.url)).flat();
    if (refused.length > 0) return finish({ success: false, status: null, error: `refused: ${refused.join('; ')}` });
    try {
      const response = await axios.request<string>({
        method: rendered.method,
        url: rendered.url,
        headers: { 'User-Agent': 'autofighter-broker-webhooks', ...rendered.headers },
        data: rendered.body,
        ...(rendered.username ? { auth: { username: rendered.username, password: rendered.password ?? '' } } : {}),
        timeout: this.timeoutSeconds * 1000,
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
      const shown = responseOf(response);
      const success = response.status >= 200 && response.status < 300;
      return finish({ success, status: response.status, response: shown });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      const message = (error as Error).message;
      return finish({
        success: false,
        status: null,
        error: redactUrl(cause && !message.includes(cause) ? `${message} (${cause})` : message),
      });
    }
  }
}
