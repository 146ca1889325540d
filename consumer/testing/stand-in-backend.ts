// Test doubles for backends that misbehave in ways a real one cannot be made to on demand: one that
// accepts connections and never answers, one that cuts every connection, one that speaks garbage, one
// that answers with hop-by-hop header fields.
// They stand in for outside conditions only; the router's behaviour tests otherwise use the real backend.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../common/net/free-port.ts';

export type Misbehaviour =
  /** reads the request and never answers */
  | 'silent'
  /** closes the connection as soon as the request arrives */
  | 'reset'
  /** answers bytes that are not HTTP */
  | 'garbage'
  /**
   * answers every request 200 with hop-by-hop fields of its own (Keep-Alive, and X-Backend-Hop named by
   * its Connection header), as a backend behind a proxy of its own might, and one end-to-end field
   */
  | 'hop-by-hop';

/** What the 'hop-by-hop' stand-in answers, byte for byte. */
export const HOP_BY_HOP_ANSWER = [
  'HTTP/1.1 200 OK',
  'Content-Type: application/json',
  'Content-Length: 11',
  'Connection: keep-alive, X-Backend-Hop',
  'Keep-Alive: timeout=30',
  'X-Backend-Hop: internal',
  'X-End-To-End: kept',
  '',
  '{"ok":true}',
].join('\r\n');

export interface StandIn {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startStandIn(misbehaviour: Misbehaviour): Promise<StandIn> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // the router hanging up on a silent stand-in is expected
    if (misbehaviour === 'hop-by-hop') {
      socket.on('data', () => socket.write(HOP_BY_HOP_ANSWER)); // one small request per packet, enough here
      return;
    }
    socket.once('data', () => {
      if (misbehaviour === 'reset') socket.resetAndDestroy();
      if (misbehaviour === 'garbage') socket.end('this is not HTTP\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A port on which nothing listens (for a moment: it was just free). */
export const closedPort = freePort;
