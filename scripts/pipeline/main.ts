// `npm run pipeline`: the contract pipeline in one command (pipeline.ts has the steps). Against the
// broker at PACT_BROKER_BASE_URL (say the one `npm start` runs), or, without it, a broker of its own on
// a throw-away database. Version and branch: the git commit and branch (GIT_COMMIT / GIT_BRANCH win).
// Exit code: 0 every step passed; 1 a step failed (can-i-deploy said no, a test or the verification
// failed, the broker did not answer); 2 bad configuration.
import { runShutdown } from '../../common/process/shutdown.ts';
import { readGitRevision } from '../../common/process/git-revision.ts';
import { loadPipelineConfig, PipelineConfigError, type PipelineConfig } from './config.ts';
import { runPipeline } from './pipeline.ts';

process.env.PACT_DO_NOT_TRACK ??= 'true'; // pact-core would otherwise send usage metrics

async function main(): Promise<number> {
  let config: PipelineConfig;
  try {
    config = loadPipelineConfig({ git: readGitRevision() });
  } catch (error) {
    if (!(error instanceof PipelineConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  return (await runPipeline({ config })).exitCode;
}

const code = await main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  return 2;
});
await runShutdown();
process.exit(code);
