// `npm run bench:tests`: what a DB-backed test costs, serial and with parallel workers, what one reset
// between tests costs (DELETE in FK order, as used, against TRUNCATE), and how long `npm test` takes
// (type check and lint with cold and warm caches, the specs). A benchmark that prints figures, not a
// test: nothing here passes or fails on timing.
//
// Per-test cost = (suite wall time - start-up wall time) / number of tests, where start-up is the same
// mocha run selecting no test (process start, PostgreSQL, migrated templates, loading the files); each
// file's own set-up (its app, its database's first use) is part of its tests' cost.
// BENCH_REPEATS (default 3) sets the repeats; BENCH_NPM_TEST=0 skips the `npm test` timings.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import pg from 'pg';
import { projectRoot } from '../common/project-root.ts';
import { startPostgres } from '../db/postgres-server.ts';
import { createDatabase } from '../db/databases.ts';
import { migrateDeploy } from '../db/migrate.ts';
import { readTableGraph, resetStatement } from '../db/testing/reset.ts';
import { BACKEND_REFERENCE_TABLES } from '../provider/testing/template-data.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

function specFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : specFiles(path);
    return name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Spec files whose tests run against the backend's test database. */
const dbBackedFiles = ['provider', 'prisma']
  .flatMap((dir) => specFiles(join(projectRoot, dir)))
  .filter((file) => readFileSync(file, 'utf8').includes('useBackend('))
  .map((file) => relative(projectRoot, file))
  .sort();

interface MochaRun {
  seconds: number;
  tests: number;
  failures: number;
  /** Each test's duration (ms) as mocha reports it, slowest first. */
  slowest: { title: string; file: string; ms: number }[];
}

function runMocha(files: string[], options: { jobs?: number; grep?: string }): Promise<MochaRun> {
  const args = [
    join(projectRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    '--no-config',
    '--node-option',
    'import=tsx',
    '--require',
    'provider/testing/template-data.ts',
    '--require',
    'broker/testing/template-data.ts',
    '--require',
    'db/testing/global-setup.ts',
    '--extension',
    'ts',
    '--timeout',
    '60000',
    '--reporter',
    'json',
    ...(options.jobs && options.jobs > 1 ? ['--parallel', '--jobs', String(options.jobs)] : []),
    ...(options.grep ? ['--grep', options.grep] : []),
    ...files,
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      const json = stdout.slice(stdout.indexOf('{'));
      try {
        const { stats, tests } = JSON.parse(json) as {
          stats: { tests: number; failures: number };
          tests: { fullTitle: string; file: string; duration?: number }[];
        };
        const slowest = tests
          .map((test) => ({ title: test.fullTitle, file: relative(projectRoot, test.file), ms: test.duration ?? 0 }))
          .sort((a, b) => b.ms - a.ms);
        resolve({ seconds, tests: stats.tests, failures: stats.failures, slowest });
      } catch {
        reject(new Error(`could not read mocha's JSON report:\n${stdout.slice(0, 2000)}`));
      }
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function benchResets(): Promise<void> {
  const server = await startPostgres({ instance: 'test' });
  try {
    await createDatabase(server.serverUrl, 'bench_reset');
    const url = server.urlFor('bench_reset');
    await migrateDeploy('backend', url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const graph = await readTableGraph(client);
    const deletes = resetStatement(graph, BACKEND_REFERENCE_TABLES);
    const tables = graph.tables.filter((table) => !BACKEND_REFERENCE_TABLES.includes(table));
    const truncate = `TRUNCATE ${tables.map((table) => `"${table}"`).join(', ')} RESTART IDENTITY`;
    // A typical test leaves a few rows behind.
    const dirty = `WITH s AS (INSERT INTO game_sessions DEFAULT VALUES RETURNING id)
      INSERT INTO runs (session_id, party, map) SELECT id, '{}', '{}' FROM s;
      INSERT INTO upgrade_points (player_id, points) VALUES ('p', 1);`;
    const timings: Record<string, number[]> = {
      'DELETE, children first (used)': [],
      'TRUNCATE ... RESTART IDENTITY': [],
    };
    for (let round = 0; round < 200; round++) {
      for (const [label, sql] of [
        ['DELETE, children first (used)', deletes],
        ['TRUNCATE ... RESTART IDENTITY', truncate],
      ] as const) {
        await client.query(dirty);
        const started = performance.now();
        await client.query(sql);
        timings[label]!.push(performance.now() - started);
      }
    }
    await client.end();
    out('Reset between tests (median of 200, a few rows in the tables):');
    for (const [label, values] of Object.entries(timings)) out(`  ${label.padEnd(32)} ${median(values).toFixed(2)} ms`);
    const ratio = median(timings['TRUNCATE ... RESTART IDENTITY']!) / median(timings['DELETE, children first (used)']!);
    out(`  TRUNCATE / DELETE: ${ratio.toFixed(1)}x`);
  } finally {
    await server.stop();
  }
}

/** Runs each configuration `repeats` times and keeps the median wall time. */
async function medianRun(
  files: string[],
  options: { jobs?: number; grep?: string },
  repeats: number,
): Promise<MochaRun> {
  const runs: MochaRun[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await runMocha(files, options));
  const failed = runs.find((run) => run.failures > 0);
  if (failed) throw new Error(`${failed.failures} test(s) failed; fix them before benchmarking`);
  return { ...runs[0]!, seconds: median(runs.map((run) => run.seconds)) };
}

/** Runs an npm script and returns its wall time in seconds (throws if it fails). */
function timeNpm(script: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve((performance.now() - started) / 1000)
        : reject(new Error(`npm run ${script} failed (${code}):\n${stderr.slice(-2000)}`)),
    );
  });
}

async function benchNpmTest(): Promise<void> {
  out('npm test (type check, lint with Prettier, every spec), on this checkout:');
  for (const cache of ['typecheck.tsbuildinfo', 'eslint-cache', 'prettier-cache'])
    rmSync(join(projectRoot, '.data', cache), { recursive: true, force: true });
  const cold = await timeNpm('check');
  const warm = await timeNpm('check');
  out(
    `  type check + lint, in parallel: ${cold.toFixed(1)} s with no caches (a fresh clone, CI), ${warm.toFixed(1)} s warm`,
  );
  const total = await timeNpm('test');
  out(
    `  npm test, warm caches: ${total.toFixed(1)} s (target: under 90 s on 2 cores: ${total < 90 ? 'met' : 'NOT met'})`,
  );
  out(`  npm test from cold caches: about ${(total - warm + cold).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  out(`DB-backed spec files (${dbBackedFiles.length}): ${dbBackedFiles.join(', ')}`);
  out(`Each figure is the median of ${repeats} runs.`);
  out();
  const startup = await medianRun(dbBackedFiles, { grep: 'select-no-test-at-all-^' }, repeats);
  out(`Start-up (same run, no test selected): ${startup.seconds.toFixed(2)} s`);
  const serial = await medianRun(dbBackedFiles, {}, repeats);
  const serialNet = serial.seconds - startup.seconds;
  const perTest = (serialNet / serial.tests) * 1000;
  out(
    `Serial: ${serial.tests} tests in ${serial.seconds.toFixed(2)} s -> ${perTest.toFixed(1)} ms per DB-backed test ` +
      `(target: under 10 ms: ${perTest < 10 ? 'met' : 'NOT met'})`,
  );
  out(`  (seed 002's anchor: about 107 ms per test serial)`);
  out('  slowest tests of one serial run:');
  for (const test of serial.slowest.slice(0, 5))
    out(`    ${String(test.ms).padStart(5)} ms  ${test.file}: ${test.title.slice(0, 90)}`);
  for (const jobs of [2, 3]) {
    const parallel = await medianRun(dbBackedFiles, { jobs }, repeats);
    const speedup = serialNet / Math.max(parallel.seconds - startup.seconds, 0.001);
    out(
      `Parallel, ${jobs} workers: ${parallel.seconds.toFixed(2)} s wall -> speed-up ${speedup.toFixed(2)}x ` +
        `(start-up excluded), ${(serial.seconds / parallel.seconds).toFixed(2)}x wall`,
    );
  }
  out();
  await benchResets();
  if (process.env.BENCH_NPM_TEST !== '0') {
    out();
    await benchNpmTest();
  }
}

await main();
