// `npm run broker`: the broker on its own (port 9292), on embedded PostgreSQL unless
// BROKER_DATABASE_URL / PACT_BROKER_DATABASE_URL (or DATABASE_URL's server) is given.
import { explainPort } from '../common/http/listen.ts';
import { openDatabase } from '../db/open-database.ts';
import { exitAfterStartupFailure } from '../common/process/shutdown.ts';
import { authEnabled, loadBrokerConfig } from './config.ts';
import { unusedReferenceVariables } from './reference-aliases.ts';
import { createBrokerLogger } from './logger.ts';
import { startBrokerServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadBrokerConfig();
  const logger = createBrokerLogger(config.logLevel);
  const unused = unusedReferenceVariables(process.env);
  if (unused.length > 0)
    logger.warn(
      { variables: unused },
      'These Pact Broker settings have no effect here (see docs/broker-configuration.md)',
    );
  const database = await openDatabase('broker', {
    log: (line) => logger.info(line),
    // The URL as configured (it may come from the Pact Broker's variables), where openDatabase looks for it.
    env: config.databaseUrl ? { ...process.env, BROKER_DATABASE_URL: config.databaseUrl } : process.env,
  });
  const server = await startBrokerServer(database.url, config, logger);
  const access = authEnabled(config.auth) ? 'authentication required' : 'open: no credentials configured';
  logger.info(`Pact broker listening on ${server.url} (${access}; Ctrl-C to stop)`);
}

await main().catch((error: unknown) =>
  exitAfterStartupFailure('the Pact broker did not start', explainPort(error, 'the broker', 'BROKER_PORT')),
);
