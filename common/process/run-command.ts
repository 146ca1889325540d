// Runs a command as a child process, handing each line of its output on as it comes (the pipeline
// shows it under the step) and keeping all of it for the caller to read (Prisma's CLI, the Pact CLI).
import { spawn, type SpawnOptions } from 'node:child_process';

export interface CommandResult {
  code: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
}

export function runShowingLines(
  command: string,
  args: readonly string[],
  options: Pick<SpawnOptions, 'cwd' | 'env'>,
  onLine: (line: string) => void = () => undefined,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // One line buffer per stream, so that a line is never stitched from both.
    const partials = { stdout: '', stderr: '' };
    const take = (stream: keyof typeof partials) => (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      const lines = (partials[stream] + text).split('\n');
      partials[stream] = lines.pop()!;
      for (const line of lines) onLine(line);
    };
    child.stdout!.on('data', take('stdout'));
    child.stderr!.on('data', take('stderr'));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      for (const rest of Object.values(partials)) if (rest) onLine(rest);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}
