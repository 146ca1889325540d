// One ordered shutdown for every process of the project (dev stack, scripts, test runner).
//
// `async-exit-hook` runs the steps on SIGINT and SIGTERM, then exits as a shell expects (130 after
// Ctrl-C). Steps run in reverse order of registration, so that servers close and Prisma clients
// disconnect *before* PostgreSQL (registered first, by postgres-server.ts) goes away.
import exitHook from 'async-exit-hook';
import { isStartupError } from './startup-error.ts';

type Step = { name: string; run: () => Promise<void> | void };

const steps: Step[] = [];
let running: Promise<void> | undefined;

const exitSteps: (() => void)[] = [];

exitHook((done: () => void) => {
  void runShutdown().finally(done);
});
// async-exit-hook turns `beforeExit` into `process.exit(0)`, which would hide a failing script's
// `process.exitCode`: scripts end explicitly instead.
exitHook.unhookEvent('beforeExit');
// On `exit` only synchronous work can run; async-exit-hook would start async shutdowns there that never
// finish. Our own `exit` listener does the synchronous part: signal what must not outlive the process.
exitHook.unhookEvent('exit');
process.on('exit', () => {
  for (const step of exitSteps) step();
});

/** Something to do synchronously if the process exits without an orderly shutdown. */
export function onExitSync(step: () => void): void {
  exitSteps.push(step);
}

/** Registers a step; steps run last-registered first (a server registered after its database closes first). */
export function onShutdown(name: string, run: Step['run']): void {
  steps.push({ name, run });
}

/** Runs every registered step once, in reverse order of registration. Safe to call many times. */
export function runShutdown(): Promise<void> {
  running ??= (async () => {
    for (const step of [...steps].reverse()) {
      try {
        await step.run();
      } catch (error) {
        process.stderr.write(`shutdown: ${step.name} failed: ${(error as Error).message}\n`);
      }
    }
  })();
  return running;
}

/**
 * For the entry points (`npm start`, `npm run backend`...) when starting fails: a StartupError is printed
 * as `<what>: <its one line>` on stderr, anything else (a bug) with its stack; what had started is
 * stopped in order, then the process exits with 1.
 */
export async function exitAfterStartupFailure(what: string, error: unknown): Promise<never> {
  const detail = isStartupError(error) ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`${what}: ${detail}\n`);
  await runShutdown();
  process.exit(1);
}
