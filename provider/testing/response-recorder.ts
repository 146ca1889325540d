// Hands every exchange a listener answers (method, path, status, Content-Type and the body as sent) to
// `onExchange`, once the answer is complete. Wraps the listener; the app itself is untouched. The body
// is collected by wrapping res.write and res.end: Node offers no other way to see what was sent.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Exchange } from '../openapi/response-check.ts';

type Chunk = string | Uint8Array;

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string')
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return undefined;
}

export function recordingExchanges(
  listener: RequestListener,
  onExchange: (exchange: Exchange) => void,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    // Read now: Express rewrites req.url while it routes through mounted routers.
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: Chunk, ...rest: unknown[]) => {
      const buffer = toBuffer(chunk, rest[0]);
      if (buffer) chunks.push(buffer);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      const buffer = toBuffer(args[0], args[1]);
      if (buffer) chunks.push(buffer);
      return end(...args);
    }) as typeof res.end;
    res.once('finish', () => {
      const contentType = res.getHeader('content-type');
      onExchange({
        method,
        path,
        status: res.statusCode,
        contentType: contentType === undefined ? undefined : String(contentType),
        body: Buffer.concat(chunks),
      });
    });
    listener(req, res);
  };
}
