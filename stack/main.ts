// `npm start`: PostgreSQL, migrations, the gacha catalog, then the broker (9292), the backend (59002)
// and the router (59000). Stays up until Ctrl-C (or SIGTERM), then stops everything in order.
import { redactUrl } from '../db/connection-url.ts';
import { exitAfterStartupFailure, onShutdown } from '../common/process/shutdown.ts';
import { startStack } from './start-stack.ts';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

// Shutdown steps run last-registered first: this one, registered before any service, ends the list.
let started = false;
onShutdown('announce stopped', () => {
  if (started) out('autofighter stack stopped.');
});
const stack = await startStack({ log: (line) => out(`  ${line}`) }).catch((error: unknown) =>
  // One line saying what failed and what to do (a port in use, PostgreSQL that cannot start...).
  exitAfterStartupFailure('npm start: the autofighter stack did not start', error),
);
started = true;
out('');
out('autofighter stack is up:');
out(`  router   ${stack.urls.router}   (the game API: /api/..., /health, /health/detailed)`);
out(`  backend  ${stack.urls.backend}`);
out(`  broker   ${stack.urls.broker}   (Pact Broker API and dashboard)`);
out(`  postgres ${stack.postgres.description}`);
out(`           backend db ${redactUrl(stack.databases.backend)}`);
out(`           broker db  ${redactUrl(stack.databases.broker)}`);
out('Press Ctrl-C to stop.');
onShutdown('announce stopping', () => out('stopping the autofighter stack...'));
