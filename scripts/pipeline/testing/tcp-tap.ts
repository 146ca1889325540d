// A TCP proxy for failure drills: it passes bytes both ways between clients and one server, lets a
// drill look at them on the way (and hold a client's bytes until it has done something), and can cut
// everything at the moment the drill chooses. Hand-written: the drills need byte-level timing that
// no proxy library offers.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TapConnection {
  readonly id: number;
  readonly client: Socket;
  readonly upstream: Socket;
}

export interface TapHooks {
  /** Bytes from a client, before they are passed on (they wait while it runs); `false`: do not pass them on. */
  fromClient?(chunk: Buffer, connection: TapConnection): boolean | void | Promise<boolean | void>;
  /** Bytes from the server; `false` means: do not pass them on (the drill cuts the line instead). */
  fromServer?(chunk: Buffer, connection: TapConnection): boolean;
}

export class TcpTap {
  private readonly connections = new Set<TapConnection>();
  private nextId = 1;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static start(target: { host: string; port: number }, hooks: TapHooks): Promise<TcpTap> {
    let tap: TcpTap;
    const server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      const connection: TapConnection = { id: tap.nextId++, client, upstream };
      tap.connections.add(connection);
      const drop = () => {
        tap.connections.delete(connection);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.on('data', (chunk: Buffer) => {
        client.pause(); // keeps the order: nothing more arrives until this chunk is through
        void Promise.resolve(hooks.fromClient?.(chunk, connection)).then((pass) => {
          if (pass === false || upstream.destroyed) return;
          upstream.write(chunk);
          client.resume();
        }, drop);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (client.destroyed) return;
        if (hooks.fromServer?.(chunk, connection) === false) return;
        client.write(chunk);
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        if (typeof address !== 'object' || !address) return reject(new Error('no address'));
        tap = new TcpTap(server, address.port);
        resolve(tap);
      });
    });
  }

  /** Cuts every connection at once; with `refuse`, new ones are refused from now on (as a dead server's port). */
  cut({ refuse = false } = {}): void {
    for (const { client, upstream } of this.connections) {
      client.destroy();
      upstream.destroy();
    }
    this.connections.clear();
    if (refuse && this.server.listening) this.server.close();
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
  }
}
