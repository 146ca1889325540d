// `npm run broker:import -- --from URL [--token T | --username U --password P] [--dry-run]
// [--concurrency N] [--sample N] [--no-compare]`: a running Pact Broker's history into our broker's
// database (the one `npm run broker` uses: BROKER_DATABASE_URL, or the embedded dev cluster), then the
// proof of equality. Exit code 0: imported and equal; 1: a failure or a difference; 2: bad arguments.
import { parseArgs } from 'node:util';
import { z } from 'zod';

const USAGE =
  'usage: npm run broker:import -- --from URL [--token T | --username U --password P] [--dry-run] ' +
  '[--concurrency N] [--sample N] [--no-compare]';

const argsSchema = z
  .object({
    from: z.url({ protocol: /^https?$/, error: '--from must be the source broker’s http(s) base URL' }),
    token: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    'dry-run': z.boolean().default(false),
    'no-compare': z.boolean().default(false),
    concurrency: z.coerce.number().int().min(1).max(64).default(8),
    sample: z.coerce.number().int().min(0).max(1000).default(3),
  })
  .refine((args) => !(args.token && args.username), { message: 'give --token or --username, not both' })
  .refine((args) => args.password === undefined || args.username !== undefined, {
    message: '--password needs --username',
  });

function readArgs(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      token: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'no-compare': { type: 'boolean' },
      concurrency: { type: 'string' },
      sample: { type: 'string' },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof readArgs>;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  // Loaded once the arguments are right: a mistyped command answers at once, not after loading the broker.
  const [{ openDatabase }, { loadBrokerConfig }, { createBrokerPrismaClient }, progress, { formatResult, runImport }] =
    await Promise.all([
      import('../../db/open-database.ts'),
      import('../config.ts'),
      import('../prisma-client.ts'),
      import('./progress.ts'),
      import('./run.ts'),
    ]);
  const config = loadBrokerConfig();
  const database = await openDatabase('broker', {
    log: (line) => process.stderr.write(`${line}\n`),
    env: config.databaseUrl ? { ...process.env, BROKER_DATABASE_URL: config.databaseUrl } : process.env,
  });
  const prisma = createBrokerPrismaClient(database.url);
  // Ctrl-C stops the run between writes; what was written stays, and the next run goes on from there.
  const abort = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nStopping: run the same command again to go on.\n');
    abort.abort(new Error('interrupted (Ctrl-C)'));
  });
  try {
    const result = await runImport({
      from: args.from,
      ...(args.token ? { auth: { token: args.token } } : {}),
      ...(args.username ? { auth: { username: args.username, password: args.password ?? '' } } : {}),
      prisma,
      config,
      dryRun: args['dry-run'],
      compare: !args['dry-run'] && !args['no-compare'],
      concurrency: args.concurrency,
      sample: args.sample,
      signal: abort.signal,
      progress: process.stderr.isTTY
        ? progress.terminalProgress()
        : progress.lineProgress((line) => process.stderr.write(line)),
    });
    process.stdout.write(formatResult(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    process.stderr.write(`The import stopped: ${(error as Error).message}\nRun the same command again to go on.\n`);
    return 1;
  } finally {
    await prisma.$disconnect();
    if (database.server.owned) await database.server.stop();
  }
}

process.exitCode = await main();
