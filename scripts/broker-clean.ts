// `npm run broker:clean -- [--dry-run] [--keep '<json>'] [--limit N] [--batch-size N]`: deletes the oldest
// versions no keep selector protects (docs/broker-retention.md), on the broker's database as the broker
// finds it (BROKER_DATABASE_URL, PACT_BROKER_DATABASE_URL, DATABASE_URL's server or the embedded one).
// Unset options come from the broker's configuration (BROKER_CLEAN_*). Prints the result as JSON.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { exitAfterStartupFailure, runShutdown } from '../common/process/shutdown.ts';
import { StartupError } from '../common/process/startup-error.ts';
import { openDatabase } from '../db/open-database.ts';
import { loadBrokerConfig } from '../broker/config.ts';
import { createBrokerPrismaClient } from '../broker/prisma-client.ts';
import { parseKeepSelectors } from '../broker/retention/keep-selectors.ts';
import { RetentionService } from '../broker/retention/retention.service.ts';

const USAGE =
  'usage: npm run broker:clean -- [--dry-run] [--keep \'[{"mainBranch":true,"latest":10},{"maxAge":30}]\'] [--limit N] [--batch-size N]';

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new StartupError(`--${name} takes a whole number above 0`);
  return number;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        keep: { type: 'string' },
        limit: { type: 'string' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new StartupError(`${(error as Error).message}; ${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadBrokerConfig();
  let keep = config.clean.keep;
  if (values.keep !== undefined) {
    try {
      keep = parseKeepSelectors(values.keep);
    } catch (error) {
      throw new StartupError(`--keep: ${(error as Error).message}`);
    }
  }
  const limit = positive(values.limit, 'limit') ?? config.clean.limit;
  const batchSize = positive(values['batch-size'], 'batch-size') ?? config.clean.batchSize;
  const dryRun = values['dry-run'] || config.clean.dryRun;

  const logger = pino({ level: config.logLevel }, pino.destination(2));
  // A database given by URL is the broker's, already migrated: used as is, without starting the embedded server.
  const url = config.databaseUrl ?? (await openDatabase('broker', { log: (line) => logger.info(line) })).url;
  const prisma = createBrokerPrismaClient(url, config.database);
  try {
    const service = new RetentionService(prisma, logger);
    const result = dryRun ? await service.dryRun({ keep, limit }) : await service.clean({ keep, limit, batchSize });
    process.stdout.write(`${JSON.stringify({ keep, limit, ...result }, null, 2)}\n`);
  } finally {
    await prisma.$disconnect();
  }
}

try {
  await main();
  await runShutdown();
} catch (error) {
  await exitAfterStartupFailure('the clean-up did not run', error);
}
