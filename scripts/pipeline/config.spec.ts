// The pipeline's configuration: what it takes from git and the environment, and the clear refusals
// (with exit code 2 from the command) for what it cannot work with.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../common/project-root.ts';
import { DEFAULT_PACT_DIR, loadPipelineConfig, PipelineConfigError } from './config.ts';

const git = { commit: 'abc123', branch: 'feat-x' };

function refusal(env: Record<string, string>, gitRevision = git): string {
  try {
    loadPipelineConfig({ env, git: gitRevision });
  } catch (error) {
    expect(error).to.be.instanceOf(PipelineConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('pipeline configuration', () => {
  it('by default: its own broker, the git commit and branch, production, the committed pacts directory', () => {
    const config = loadPipelineConfig({ env: {}, git });
    expect(config).to.deep.include({
      version: 'abc123',
      branch: 'feat-x',
      mainBranch: 'main',
      environment: 'production',
      pactDir: DEFAULT_PACT_DIR,
    });
    expect(config.brokerUrl).to.equal(undefined);
    expect(config.verification).to.deep.include({ enablePending: true, logLevel: 'warn' });
  });

  it('GIT_COMMIT and GIT_BRANCH win over git; a local broker needs no CI', () => {
    const config = loadPipelineConfig({
      env: { GIT_COMMIT: 'sha-9', GIT_BRANCH: 'main', PACT_BROKER_BASE_URL: 'http://localhost:9292/' },
      git,
    });
    expect(config).to.deep.include({ version: 'sha-9', branch: 'main', brokerUrl: 'http://localhost:9292' });
  });

  it('refuses a shared broker off CI (it publishes results and records deployments), and takes it on CI', () => {
    expect(refusal({ PACT_BROKER_BASE_URL: 'https://broker.example.com' })).to.match(/shared broker.*CI=true/);
    const config = loadPipelineConfig({
      env: { PACT_BROKER_BASE_URL: 'https://broker.example.com', CI: 'true', PACT_BROKER_TOKEN: 'secret' },
      git,
    });
    expect(config).to.deep.include({ brokerUrl: 'https://broker.example.com', credentials: { token: 'secret' } });
  });

  it('names each bad setting', () => {
    expect(refusal({ PACT_BROKER_BASE_URL: 'broker:9292' })).to.match(/PACT_BROKER_BASE_URL: must be an http\(s\) URL/);
    expect(refusal({ PIPELINE_ENVIRONMENT: 'prod env' })).to.match(/PIPELINE_ENVIRONMENT: must be an environment name/);
    expect(refusal({ PACT_BROKER_HTTP_RETRIES: 'many' })).to.match(/PACT_BROKER_HTTP_RETRIES: must be a whole number/);
    expect(refusal({ PACT_LOG_LEVEL: 'loud' })).to.match(/PACT_LOG_LEVEL/);
    expect(
      refusal({ PACT_BROKER_BASE_URL: 'http://localhost:9292', PACT_BROKER_TOKEN: 't', PACT_BROKER_USERNAME: 'u' }),
    ).to.match(/one or the other/);
    expect(refusal({ PACT_BROKER_TOKEN: 'secret' })).to.match(/PACT_BROKER_BASE_URL is not/);
  });

  it('needs a version and a branch: a detached checkout must say its branch', () => {
    expect(refusal({}, { commit: 'abc123' } as typeof git)).to.match(/detached.*set GIT_BRANCH/);
    expect(refusal({}, {} as typeof git)).to.match(/set GIT_COMMIT/);
  });

  it('a relative PACT_OUTPUT_DIR is taken from the working directory', () => {
    expect(loadPipelineConfig({ env: { PACT_OUTPUT_DIR: 'build/pacts' }, git }).pactDir).to.equal(
      join(process.cwd(), 'build/pacts'),
    );
  });

  it('npm run pipeline with a bad setting says what is wrong and exits 2 before any step', async function () {
    this.timeout(90_000); // npm and tsx start the pipeline's modules: seconds on a busy machine
    const child = spawn('npm', ['run', '--silent', 'pipeline'], {
      cwd: projectRoot,
      env: { ...process.env, PACT_BROKER_BASE_URL: 'not a url' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code, stdout + stderr).to.equal(2);
    expect(stderr).to.contain('Invalid pipeline configuration: PACT_BROKER_BASE_URL: must be an http(s) URL');
    expect(stdout).to.not.contain('[1/8]');
  });
});
