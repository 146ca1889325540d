// A failure to start that the person starting the program can fix (a port in use, PostgreSQL that cannot
// run, a database server out of reach): not a bug, so it is shown as one line saying what failed and
// what to do, never as a stack trace. Entry points print it with `exitAfterStartupFailure`
// (common/process/shutdown.ts); mocha prints a global setup's error by its `stack`, which is that line too.
export class StartupError extends Error {
  constructor(message: string) {
    // One line, whatever the text it quotes (a server's error message may hold line breaks).
    const line = message.replace(/\s*\n\s*/g, ' ').trim();
    super(line);
    this.stack = line;
  }
}

StartupError.prototype.name = 'StartupError';

export function isStartupError(error: unknown): error is StartupError {
  return error instanceof StartupError;
}
