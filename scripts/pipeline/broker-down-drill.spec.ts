// Drill: the broker goes down in the middle of a publish. A real broker process (broker/main.ts, as
// `npm run broker` starts it) talks to PostgreSQL through a tap; the pipeline talks to the broker
// through another. When the publish request reaches the broker, the broker's tables are counted; when
// the broker, having inserted the version, the pact and the publication inside its transaction, then
// sends COMMIT, the COMMIT is held back and the broker is killed (SIGKILL), its address refusing
// connections from then on. The pipeline must fail clearly and non-zero, the broker's database must
// hold exactly what it held before the publish, and once a broker is back the same publish must go
// through as a version it creates afresh.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { pino } from 'pino';
import { createBrokerApp } from '../../broker/app.ts';
import { brokerConfig } from '../../broker/config.ts';
import { createBrokerPrismaClient } from '../../broker/prisma-client.ts';
import { listen } from '../../common/http/listen.ts';
import { databaseOf, withDatabase } from '../../db/connection-url.ts';
import { projectRoot } from '../../common/project-root.ts';
import { freshTestDatabaseUrl } from '../../db/testing/test-databases.ts';
import { testDatabaseUrl } from '../../db/testing/test-databases.ts';
import { CONSUMER, loadPipelineConfig } from './config.ts';
import { runPipeline } from './pipeline.ts';
import { Progress } from './progress.ts';
import { publishPacts } from './steps/publish-pacts.ts';
import { commandTag, PgMessageReader, statementOf } from './testing/pg-messages.ts';
import { TcpTap } from './testing/tcp-tap.ts';

const VERSION = 'drill-1';

/** A row insert the broker made inside its publish transaction: the table, and PostgreSQL's tag. */
interface Write {
  table: string;
  tag: string;
}

/** The table a statement's own INSERT fills (the last one named: those of a WITH clause come first). */
function insertedTable(statement: string): string {
  const targets = [...statement.matchAll(/INSERT INTO\s+((?:"?\w+"?\.)?"?\w+"?)/gi)].map((match) =>
    match[1]!.replace(/"/g, '').replace(/^public\./, ''),
  );
  return targets.at(-1) ?? statement;
}

/** Rows per table of the broker's database (its own tables and the webhook queue's), in one snapshot. */
async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables " +
        "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    );
    const { rows } = await client.query<Record<string, string>>(
      `SELECT ${tables.map(({ name }, index) => `(SELECT count(*) FROM ${name}) AS t${index}`).join(', ')}`,
    );
    return Object.fromEntries(tables.map(({ name }, index) => [name, Number(rows[0]![`t${index}`])]));
  } finally {
    await client.end();
  }
}

/** Waits until nobody but us is connected to the database (the killed broker's sessions have ended). */
async function waitForNoOtherSessions(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [databaseOf(databaseUrl)],
      );
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

function startBrokerProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'broker/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      BROKER_DATABASE_URL: databaseUrl,
      DATABASE_URL: withDatabase(databaseUrl, 'postgres'),
      BROKER_PORT: '0',
      BROKER_HOST: '127.0.0.1',
      BROKER_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const check = () => {
      const url = /Pact broker listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        child.stdout!.off('data', check);
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`the broker exited (${code}) before listening:\n${output}`)));
  });
}

describe('drill: the broker goes down during a publish', function () {
  this.timeout(120_000);
  let scratch: string;
  let databaseUrl: string;
  let databaseTap: TcpTap;
  let brokerTap: TcpTap;
  let broker: { child: ChildProcess; url: string; output: () => string };
  let armed = false;
  let countsAtPublish: Record<string, number> | undefined;
  let cut: { writes: Write[] } | undefined;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'broker-down-'));
    databaseUrl = await freshTestDatabaseUrl('broker', 'broker_down');
    const server = new URL(databaseUrl);

    // The broker's connections to PostgreSQL. Once armed, the rows each connection inserts are noted;
    // when one of them then asks to COMMIT, the COMMIT never arrives: the broker is killed instead.
    const sessions = new Map<
      number,
      { fromClient: PgMessageReader; fromServer: PgMessageReader; lastStatement: string; writes: Write[] }
    >();
    const session = (id: number) => {
      if (!sessions.has(id))
        sessions.set(id, {
          fromClient: new PgMessageReader(true),
          fromServer: new PgMessageReader(false),
          lastStatement: '',
          writes: [],
        });
      return sessions.get(id)!;
    };
    databaseTap = await TcpTap.start(
      { host: server.hostname, port: Number(server.port) },
      {
        fromClient(chunk, connection) {
          const tapped = session(connection.id);
          for (const message of tapped.fromClient.read(chunk)) {
            const statement = statementOf(message);
            if (statement === undefined) continue;
            if (armed && !cut && /^COMMIT\b/i.test(statement) && tapped.writes.length > 0) {
              cut = { writes: tapped.writes };
              broker.child.kill('SIGKILL');
              brokerTap.cut({ refuse: true });
              databaseTap.cut();
              return false;
            }
            tapped.lastStatement = statement;
          }
        },
        fromServer(chunk, connection) {
          const tapped = session(connection.id);
          for (const message of tapped.fromServer.read(chunk)) {
            const tag = commandTag(message);
            if (armed && tag && /^INSERT 0 [1-9]/.test(tag))
              tapped.writes.push({ table: insertedTable(tapped.lastStatement), tag });
          }
          return true;
        },
      },
    );
    const tapped = new URL(databaseUrl);
    tapped.hostname = '127.0.0.1';
    tapped.port = String(databaseTap.port);
    broker = await startBrokerProcess(tapped.toString());

    // The pipeline's connections to the broker: the publish request arms the cut, after a count.
    const brokerAddress = new URL(broker.url);
    brokerTap = await TcpTap.start(
      { host: brokerAddress.hostname, port: Number(brokerAddress.port) },
      {
        async fromClient(chunk) {
          if (armed || !chunk.toString('latin1').startsWith('POST /contracts/publish ')) return;
          countsAtPublish = await rowCounts(databaseUrl);
          armed = true;
        },
      },
    );
  });

  after(async () => {
    if (broker?.child.exitCode === null && broker.child.signalCode === null) broker.child.kill('SIGKILL');
    await brokerTap?.close();
    await databaseTap?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('the pipeline fails clearly and non-zero, nothing of the publish is stored, the same publish passes once a broker is back', async () => {
    const config = loadPipelineConfig({
      env: {
        PACT_BROKER_BASE_URL: `http://127.0.0.1:${brokerTap.port}`,
        GIT_COMMIT: VERSION,
        GIT_BRANCH: 'main',
        PACT_OUTPUT_DIR: scratch,
        PACT_BROKER_HTTP_RETRIES: '1',
      },
    });
    const backendDatabase = await testDatabaseUrl('backend');
    let output = '';
    const run = await runPipeline({
      config,
      write: (text) => (output += text),
      openVerificationDatabase: async () => ({
        url: backendDatabase,
        description: 'the backend test database',
        close: async () => undefined,
      }),
    });

    // The cut came where it should: the broker had written the publication and was about to commit.
    expect(cut, `${output}\n${broker.output()}`).to.not.equal(undefined);
    expect(cut!.writes.map((write) => write.table)).to.include.members([
      'versions',
      'branch_versions',
      'pact_publications',
    ]);

    // A clear error and a non-zero exit; nothing after the publish ran.
    expect(run.exitCode, output).to.equal(1);
    expect(run.reports.map((report) => `${report.status} ${report.title}`).slice(2)).to.deep.equal([
      'FAIL publish pacts',
      'skip provider verification',
      'skip can-i-deploy autofighter-backend',
      'skip record-deployment autofighter-backend',
      'skip can-i-deploy autofighter-router',
      'skip record-deployment autofighter-router',
    ]);
    expect(output).to.contain(
      `publish pacts: publishing failed: the broker at http://127.0.0.1:${brokerTap.port} does not answer (ECONNREFUSED)`,
    );

    // Nothing half-written: once the killed broker's sessions are gone, every table holds what it held.
    await waitForNoOtherSessions(databaseUrl);
    expect(await rowCounts(databaseUrl)).to.deep.equal(countsAtPublish);

    // A broker back on the same database takes the same publish, as a version it creates afresh.
    const prisma = createBrokerPrismaClient(databaseUrl, { poolSize: 2 });
    const restarted = await listen(
      createBrokerApp({ prisma, logger: pino({ level: 'silent' }), config: brokerConfig() }),
    );
    try {
      let retryOutput = '';
      const progress = new Progress((text) => (retryOutput += text), 1);
      const retried = await publishPacts.run({
        config,
        broker: { url: restarted.url, httpRetries: 0, description: 'restarted' },
        progress,
      });
      expect(retried.ok, retryOutput).to.equal(true);
      expect(retryOutput).to.contain(`Created ${CONSUMER} version ${VERSION} with branch main`);
      const version = await prisma.version.findFirstOrThrow({
        where: { number: VERSION },
        include: { publications: true, branchVersions: true },
      });
      expect(version.publications).to.have.length(1);
      expect(version.branchVersions.map((branch) => branch.branchName)).to.deep.equal(['main']);
    } finally {
      await restarted.close();
      await prisma.$disconnect();
    }
  });
});
