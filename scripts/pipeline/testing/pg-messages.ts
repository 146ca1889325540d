// Just enough of PostgreSQL's wire protocol (https://www.postgresql.org/docs/current/protocol-message-formats.html)
// for a drill to see, on a tapped connection, which statement a client sent and when the server
// reported it done. A client's first message (the startup packet) has no type byte; every later
// message in either direction is a type byte, a 4-byte length that counts itself, and the body.
// Connections here are plain (no SSLRequest): node-postgres only asks for TLS when configured to.

export interface PgMessage {
  type: string;
  body: Buffer;
}

export class PgMessageReader {
  private buffered = Buffer.alloc(0);

  constructor(private untypedFirst: boolean) {}

  /** The complete messages this chunk finishes, in order. */
  read(chunk: Buffer): PgMessage[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const messages: PgMessage[] = [];
    for (;;) {
      const headerLength = this.untypedFirst ? 4 : 5;
      if (this.buffered.length < headerLength) return messages;
      const length = this.buffered.readInt32BE(headerLength - 4);
      const total = headerLength - 4 + length;
      if (this.buffered.length < total) return messages;
      messages.push({
        type: this.untypedFirst ? '' : String.fromCharCode(this.buffered[0]!),
        body: this.buffered.subarray(headerLength, total),
      });
      this.buffered = this.buffered.subarray(total);
      this.untypedFirst = false;
    }
  }
}

/** The SQL of a simple Query ('Q') or of a Parse ('P': statement name, then the SQL). */
export function statementOf(message: PgMessage): string | undefined {
  if (message.type === 'Q') return message.body.toString('utf8', 0, message.body.indexOf(0));
  if (message.type !== 'P') return undefined;
  const start = message.body.indexOf(0) + 1;
  return message.body.toString('utf8', start, message.body.indexOf(0, start));
}

/** A CommandComplete's tag ('C': "INSERT 0 1", "UPDATE 3", "COMMIT"). */
export function commandTag(message: PgMessage): string | undefined {
  return message.type === 'C' ? message.body.toString('utf8', 0, message.body.indexOf(0)) : undefined;
}
