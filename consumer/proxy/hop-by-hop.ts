// Hop-by-hop header fields (RFC 9110 §7.6.1) describe one connection, not the message: a proxy removes
// them, and every field the Connection header names, before forwarding a message in either direction.
// Transfer-Encoding is the exception we keep: Node frames a streamed body itself from it (dropping it
// would leave a chunked body without framing), so it is rewritten for each hop rather than removed.
import type { IncomingHttpHeaders } from 'node:http';

/** Always connection-specific, whether or not Connection names them. */
export const HOP_BY_HOP_FIELDS = ['connection', 'keep-alive', 'proxy-connection', 'te', 'upgrade'] as const;

/** Fields the Connection header names (lower case), e.g. "close, X-Trace" -> ["close", "x-trace"]. */
export function connectionOptions(connection: string | string[] | undefined): string[] {
  if (connection === undefined) return [];
  const value = Array.isArray(connection) ? connection.join(',') : connection;
  const names: string[] = [];
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (name !== '') names.push(name);
  }
  return names;
}

/**
 * Deletes the hop-by-hop fields and those the Connection header names from `headers`, in place.
 * `transfer-encoding` stays (see above); so does `host`, which the proxy sets for the next hop itself.
 */
export function stripHopByHop(headers: IncomingHttpHeaders): void {
  // The usual case (`Connection: keep-alive` or none) costs two property checks, no parsing.
  const connection = headers.connection;
  if (connection !== undefined && connection !== 'keep-alive' && connection !== 'close') {
    for (const name of connectionOptions(connection)) {
      if (name !== 'transfer-encoding' && name !== 'host') delete headers[name];
    }
  }
  for (const name of HOP_BY_HOP_FIELDS) if (headers[name] !== undefined) delete headers[name];
}
