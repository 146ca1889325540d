// The broker as main.ts starts it, minus main.ts's database preparation (start the embedded server,
// create the database, apply migrations): for tests and benchmarks whose database is already migrated
// (a copy of the test template), where a no-op `prisma migrate deploy` would cost seconds per process.
// Configured by the same variables; BROKER_DATABASE_URL is required.
import { exitAfterStartupFailure } from '../../common/process/shutdown.ts';
import { loadBrokerConfig } from '../config.ts';
import { createBrokerLogger } from '../logger.ts';
import { startBrokerServer } from '../server.ts';

const config = loadBrokerConfig();
const logger = createBrokerLogger(config.logLevel);
await startBrokerServer(config.databaseUrl ?? '', config, logger).catch((error: unknown) =>
  exitAfterStartupFailure('the Pact broker did not start', error),
);
